/**
 * The built `teiki` command as a user meets it: a second `teiki start` on a busy port,
 * options that would do nothing, and `teiki stop` from another terminal. Each failure is
 * one line on stderr and a non-zero exit, never a log line with a stack trace.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { EC2Client, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';

/** Runs `teiki ARGS` to its end; `env` adds to the test's environment. */
function teikiCommand(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const portOf = (url: string) => new URL(url).port;

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

/** Runs a task that sleeps, and waits until it is RUNNING. */
async function runSleeper(endpoint: string): Promise<string> {
  const ecs = new ECSClient(clientConfig(endpoint));
  const ec2 = new EC2Client(clientConfig(endpoint));
  const subnet = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets?.[0]?.SubnetId ?? '';
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'sleeper',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'x', command: ['sleep', '600'] }],
    }),
  );
  const run = await ecs.send(
    new RunTaskCommand({
      taskDefinition: 'sleeper',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
    }),
  );
  const arn = run.tasks?.[0]?.taskArn ?? '';
  while ((await describeTask(endpoint, arn))?.lastStatus !== 'RUNNING') {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return arn;
}

async function describeTask(endpoint: string, arn: string) {
  const ecs = new ECSClient(clientConfig(endpoint));
  return (await ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks?.[0];
}

/** Running, as opposed to gone or a zombie waiting to be reaped. */
function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const running: TeikiProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function startFirst(args: string[]): Promise<TeikiProcess> {
  const teiki = await spawnTeiki(args);
  running.push(teiki);
  return teiki;
}

describe('teiki start on a busy port', () => {
  it('says so in one line, exits 1, and leaves the first teiki and its tasks alone', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startFirst(['--data-dir', dataDir]);
    const port = portOf(first.url);
    const task = await runSleeper(first.url);

    const second = await teikiCommand(['start', '--data-dir', dataDir, '--port', port]);
    expect(second).toEqual({
      code: 1,
      stdout: '',
      stderr: `teiki: 127.0.0.1:${port} is in use — another teiki? stop it ('teiki stop --port ${port}') or pass --port\n`,
    });
    // The second never opened the store: the first's task was not taken for a leftover.
    const after = await describeTask(first.url, task);
    expect(after?.lastStatus).toBe('RUNNING');
    expect(after?.stopCode).toBeUndefined();
  });
});

describe('options that would do nothing', () => {
  it.each([
    [
      ['--in-memory', '--data-dir', 'x'],
      '--data-dir does nothing with --in-memory (nothing is written to disk): drop one of them.',
    ],
    [
      ['--clock-start', '2026-11-28T00:00:00Z'],
      '--clock-start does nothing without --clock virtual (a real clock reads the system time).',
    ],
    [
      ['--docker-network', 'none'],
      "--docker-network does nothing without --runtime docker (the process runtime's tasks use the host's network).",
    ],
  ])('teiki start %j is refused in one line', async (args, message) => {
    expect(await teikiCommand(['start', '--port', '0', ...args])).toEqual({
      code: 2,
      stdout: '',
      stderr: `teiki: ${message}\n`,
    });
  });
});

describe('signals', () => {
  it('stops gracefully on a doubled Ctrl-C (the terminal and npm both deliver SIGINT)', async () => {
    const first = await startFirst(['--in-memory']);
    const task = await describeTask(first.url, await runSleeper(first.url));
    const pid = Number(/-(\d+)$/.exec(task?.containers?.[0]?.runtimeId ?? '')?.[1]);
    first.child.kill('SIGINT');
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"stopped"/);
    expect(processAlive(pid)).toBe(false);
  });
});

describe('teiki stop', () => {
  it('stops the teiki on --port and waits until its process and tasks have stopped', async () => {
    const first = await startFirst(['--in-memory']);
    const port = portOf(first.url);
    const task = await describeTask(first.url, await runSleeper(first.url));
    // The process runtime's runtimeId is TASKID-PID.
    const pid = Number(/-(\d+)$/.exec(task?.containers?.[0]?.runtimeId ?? '')?.[1]);
    expect(processAlive(pid)).toBe(true);
    const stopped = await teikiCommand(['stop', '--port', port]);
    expect(stopped).toEqual({
      code: 0,
      stdout: `teiki on 127.0.0.1:${port} stopped\n`,
      stderr: '',
    });
    // Stopped means stopped: the task's process and teiki's own are gone when it returns.
    expect(processAlive(pid)).toBe(false);
    expect(first.child.exitCode).toBe(0);
    expect(first.output()).toContain('"requestedBy":"POST /_teiki/shutdown"');
  });

  it('reads the port from TEIKI_PORT, as teiki start does', async () => {
    const first = await startFirst(['--in-memory']);
    const port = portOf(first.url);
    const stopped = await teikiCommand(['stop'], { TEIKI_PORT: port });
    expect(stopped.code).toBe(0);
    expect(await first.exited).toBe(0);
  });

  it('says when nothing listens there', async () => {
    const gone = await startFirst(['--in-memory']);
    const port = portOf(gone.url);
    gone.child.kill('SIGTERM');
    expect(await gone.exited).toBe(0);
    expect(await teikiCommand(['stop', '--port', port])).toEqual({
      code: 1,
      stdout: '',
      stderr: `teiki: nothing is listening on 127.0.0.1:${port}; is teiki on another --port?\n`,
    });
  });

  it('takes only the options that say where teiki is', async () => {
    expect(await teikiCommand(['stop', '--in-memory'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "teiki: 'teiki stop' takes --port, --host and --config only.\n",
    });
  });
});
