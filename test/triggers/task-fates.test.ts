/**
 * `GET /_teiki/invocations` shows what became of each task an invocation started, read
 * from the task records when asked: "started" only says RunTask took the task. One rule
 * per fate, fired through `POST /_teiki/fire`, on the process runtime.
 */
import { rmSync } from 'node:fs';
import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ecsRule,
  fireRule,
  roleArn,
  targetRole,
  taskDefinitionArn,
} from '../console/iam-fixtures.js';
import { raw, startTestTeiki, tempDir, type TestTeiki } from '../helpers/teiki.js';
import { startTaskFixture, type TaskFixture } from '../services/ecs/tasks-fixtures.js';

interface Fate {
  taskArn: string;
  lastStatus?: string;
  stopCode?: string;
  exitCode?: number;
  stoppedReason?: string;
}

interface Invocation {
  name: string;
  outcome: string;
  taskArns: string[];
  tasks: Fate[];
}

async function invocationsOf(teiki: TestTeiki, rule: string): Promise<Invocation[]> {
  const res = await raw(teiki.url, { method: 'GET', path: '/_teiki/invocations' });
  expect(res.status).toBe(200);
  const { invocations } = JSON.parse(res.text) as { invocations: Invocation[] };
  return invocations.filter((invocation) => invocation.name === rule);
}

/** A rule whose target runs a one-container family with `command` (none when undefined). */
async function ruleRunning(
  f: TaskFixture,
  name: string,
  containers: Parameters<TaskFixture['register']>[0],
): Promise<void> {
  await f.ecs.send(new CreateClusterCommand({ clusterName: 'default' }));
  const family = await f.register(containers);
  const role = await targetRole(f.teiki, `${name}-role`, {
    runTaskResource: `${taskDefinitionArn(family)}:*`,
    passRoles: ['*'],
  });
  await ecsRule(f.teiki, { name, role, family, cluster: 'default', subnetId: f.subnetId });
}

/** Fires `rule` and waits until its one task has stopped; answers the task's ARN. */
async function fireToEnd(f: TaskFixture, rule: string): Promise<string> {
  const fired = await fireRule(f.teiki, rule);
  const arn = fired.invocations[0]?.taskArns[0] ?? '';
  await f.waitStopped(arn);
  return arn;
}

describe('GET /_teiki/invocations: each started task’s fate', () => {
  let f: TaskFixture;
  beforeAll(async () => {
    f = await startTaskFixture();
  });
  afterAll(() => f.close());

  it('an essential container that exited 0', async () => {
    await ruleRunning(f, 'ok', [{ name: 'app', image: 'x', command: ['sh', '-c', 'exit 0'] }]);
    const arn = await fireToEnd(f, 'ok');
    const [invocation] = await invocationsOf(f.teiki, 'ok');
    expect(invocation?.outcome).toBe('started');
    expect(invocation?.taskArns).toEqual([arn]);
    expect(invocation?.tasks).toEqual([
      {
        taskArn: arn,
        lastStatus: 'STOPPED',
        stopCode: 'EssentialContainerExited',
        exitCode: 0,
        stoppedReason: 'Essential container in task exited',
      },
    ]);
  });

  it('an essential container that exited non-zero, beside a sidecar that did not matter', async () => {
    await ruleRunning(f, 'exits-3', [
      { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'exit 3'] },
      { name: 'sidecar', image: 'x', essential: false, command: ['sh', '-c', 'exit 0'] },
    ]);
    const arn = await fireToEnd(f, 'exits-3');
    const [invocation] = await invocationsOf(f.teiki, 'exits-3');
    expect(invocation?.tasks).toEqual([
      expect.objectContaining({
        taskArn: arn,
        lastStatus: 'STOPPED',
        stopCode: 'EssentialContainerExited',
        exitCode: 3,
      }),
    ]);
  });

  it('a non-essential container that failed does not fail the run', async () => {
    await ruleRunning(f, 'sidecar-fails', [
      { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'exit 0'] },
      { name: 'sidecar', image: 'x', essential: false, command: ['sh', '-c', 'exit 1'] },
    ]);
    await fireToEnd(f, 'sidecar-fails');
    const [invocation] = await invocationsOf(f.teiki, 'sidecar-fails');
    expect(invocation?.tasks[0]?.exitCode).toBe(0);
  });

  it('a task that failed to start: no exit code, the reason why', async () => {
    await ruleRunning(f, 'no-command', [{ name: 'logger', image: 'ecs-scheduler-sample:v1' }]);
    const arn = await fireToEnd(f, 'no-command');
    const [invocation] = await invocationsOf(f.teiki, 'no-command');
    expect(invocation?.outcome).toBe('started');
    expect(invocation?.tasks).toEqual([
      {
        taskArn: arn,
        lastStatus: 'STOPPED',
        stopCode: 'TaskFailedToStart',
        stoppedReason: expect.stringMatching(
          /^CannotStartContainerError: ResourceInitializationError: container logger has nothing to run/,
        ),
      },
    ]);
  });

  it('a task still running', async () => {
    await ruleRunning(f, 'sleeps', [{ name: 'app', image: 'x', command: ['sleep', '300'] }]);
    const fired = await fireRule(f.teiki, 'sleeps');
    const arn = fired.invocations[0]?.taskArns[0] ?? '';
    await expect
      .poll(async () => (await invocationsOf(f.teiki, 'sleeps'))[0]?.tasks[0]?.lastStatus)
      .toBe('RUNNING');
    expect((await invocationsOf(f.teiki, 'sleeps'))[0]?.tasks).toEqual([
      { taskArn: arn, lastStatus: 'RUNNING' },
    ]);
  });

  it('an invocation that failed started no task', async () => {
    await ecsRule(f.teiki, {
      name: 'no-role',
      role: roleArn('Missing'),
      family: 'whatever',
      cluster: 'default',
      subnetId: f.subnetId,
    });
    await fireRule(f.teiki, 'no-role');
    const [invocation] = await invocationsOf(f.teiki, 'no-role');
    expect(invocation).toMatchObject({ outcome: 'failed', taskArns: [], tasks: [] });
  });
});

describe('GET /_teiki/invocations after a restart', () => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('shows a task teiki stopped when it shut down as stopped by it', async () => {
    const first = await startTaskFixture(['--data-dir', dataDir]);
    await ruleRunning(first, 'long', [{ name: 'app', image: 'x', command: ['sleep', '300'] }]);
    const fired = await fireRule(first.teiki, 'long');
    const arn = fired.invocations[0]?.taskArns[0] ?? '';
    await expect
      .poll(async () => (await invocationsOf(first.teiki, 'long'))[0]?.tasks[0]?.lastStatus)
      .toBe('RUNNING');
    await first.close();

    const second = await startTestTeiki(['--data-dir', dataDir]);
    try {
      const [invocation] = await invocationsOf(second, 'long');
      expect(invocation?.tasks).toEqual([
        expect.objectContaining({
          taskArn: arn,
          lastStatus: 'STOPPED',
          stopCode: 'TerminationNotice',
          stoppedReason: expect.stringContaining('teiki is shutting down'),
        }),
      ]);
    } finally {
      await second.close();
    }
  });
});
