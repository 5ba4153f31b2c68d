/**
 * Nothing dangles across a restart: tasks running when teiki stops are stopped (and
 * recorded so), and tasks a killed teiki left behind are found at the next start, their
 * host processes killed and their records marked STOPPED with a reason that says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { startTestTeiki, tempDir } from '../helpers/teiki.js';

const config = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

/** Starts a long task that writes its pid into `pidFile`, and waits until it runs. */
async function startLongTask(endpoint: string, pidFile: string): Promise<string> {
  const ecs = new ECSClient(config(endpoint));
  const ec2 = new EC2Client(config(endpoint));
  const subnetId = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets?.[0]?.SubnetId ?? '';
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'long',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'app', image: 'x', command: ['sh', '-c', `echo $$ > ${pidFile}; exec sleep 600`] },
      ],
    }),
  );
  const out = await ecs.send(
    new RunTaskCommand({
      taskDefinition: 'long',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnetId] } },
    }),
  );
  const arn = out.tasks?.[0]?.taskArn ?? '';
  for (;;) {
    const task = (await ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks?.[0];
    if (task?.lastStatus === 'RUNNING' && existsSync(pidFile)) return arn;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Running, as opposed to gone or a zombie waiting for init to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function describe1(endpoint: string, arn: string) {
  const ecs = new ECSClient(config(endpoint));
  return (await ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks?.[0];
}

let child: TeikiProcess | undefined;
afterEach(() => {
  child?.child.kill('SIGKILL');
  child = undefined;
});

describe('across restarts', () => {
  it('stops running tasks when teiki shuts down, and says so', async () => {
    const dataDir = tempDir();
    const pidFile = join(tempDir(), 'pid');
    const first = await startTestTeiki(['--data-dir', dataDir]);
    const arn = await startLongTask(first.url, pidFile);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await first.close();
    expect(alive(pid)).toBe(false);

    const second = await startTestTeiki(['--data-dir', dataDir]);
    try {
      const task = await describe1(second.url, arn);
      expect(task).toMatchObject({
        lastStatus: 'STOPPED',
        stopCode: 'TerminationNotice',
        stoppedReason: 'teiki is shutting down',
      });
      expect(task?.containers?.[0]?.exitCode).toBe(143);
    } finally {
      await second.close();
    }
  });

  it('finds what a killed teiki left: kills the process, marks the task STOPPED', async () => {
    const dataDir = tempDir();
    const pidFile = join(tempDir(), 'pid');
    child = await spawnTeiki(['--data-dir', dataDir]);
    const arn = await startLongTask(child.url, pidFile);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    child.child.kill('SIGKILL');
    await child.exited;
    expect(alive(pid)).toBe(true);

    const second = await startTestTeiki(['--data-dir', dataDir]);
    try {
      expect(alive(pid)).toBe(false);
      const task = await describe1(second.url, arn);
      expect(task).toMatchObject({
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stopCode: 'TerminationNotice',
      });
      expect(task?.stoppedReason).toMatch(
        /^ECS is performing maintenance on the underlying infrastructure hosting the task \(the teiki process that ran it ended/,
      );
      expect(task?.containers?.[0]?.lastStatus).toBe('STOPPED');
      // Its exit is unknown (it was killed while no teiki watched): no code, a reason.
      expect(task?.containers?.[0]?.exitCode).toBeUndefined();
      expect(task?.containers?.[0]?.reason).toBe(task?.stoppedReason);
      expect(task?.attachments?.[0]?.status).toBe('DELETED');
      const times = [task?.startedAt, task?.stoppingAt, task?.executionStoppedAt, task?.stoppedAt];
      expect(times.every((t) => t instanceof Date)).toBe(true);
      const ms = times.map((t) => (t as Date).getTime());
      expect([...ms].sort((a, b) => a - b)).toEqual(ms);
    } finally {
      await second.close();
    }
  });

  it('ends what a killed in-memory teiki left, at the next start of any teiki', async () => {
    const pidFile = join(tempDir(), 'pid');
    child = await spawnTeiki(['--in-memory']);
    await startLongTask(child.url, pidFile);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    child.child.kill('SIGKILL');
    await child.exited;
    expect(alive(pid)).toBe(true);

    // Nothing of the dead teiki's tasks survives in memory, but its processes are found.
    const next = await startTestTeiki(['--in-memory']);
    try {
      expect(alive(pid)).toBe(false);
    } finally {
      await next.close();
    }
  });
});
