/**
 * A data directory that is read-only or full: teiki refuses to start with one line naming
 * the directory and what to do; when the disk fills while it serves, every write answers
 * the service's own server-side error (5xx) in its protocol's form, nothing is
 * half-written, reads, health and the scheduler carry on, and writes work again once
 * space is freed.
 *
 * The faults are real: a small tmpfs mounted for the suite (filled with a file, or
 * mounted read-only). That needs mount privileges, which CI (root on a fresh VM) and the
 * dev sandbox have; without them the suite fails, saying so, rather than skip.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateVpcCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  StopTaskCommand,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import {
  EventBridgeClient,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateScheduleGroupCommand,
  ListScheduleGroupsCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import {
  CreateSecretCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnTeiki, BIN, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { spawn } from 'node:child_process';

const mounts: string[] = [];

/** A tmpfs of `size` at a fresh directory; fails the suite loudly when it cannot mount. */
function tmpfs(size: string, readOnly = false): string {
  const dir = tempDir('teiki-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      'storage-faults: this suite mounts small tmpfs file systems to make real full and ' +
        'read-only disks, which needs root (or CAP_SYS_ADMIN). Run it as root (CI does). ' +
        `mount said: ${String((error as { stderr?: Buffer }).stderr ?? error)}`,
    );
  }
  mounts.push(dir);
  mkdirSync(join(dir, 'data'));
  if (readOnly) execFileSync('mount', ['-o', 'remount,ro', dir]);
  return dir;
}

/** Fills the file system at `dir` with one file until it reports ENOSPC. */
function fill(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

let child: TeikiProcess | undefined;
afterEach(async () => {
  child?.child.kill('SIGKILL');
  await child?.exited;
  child = undefined;
});
afterAll(() => {
  for (const dir of mounts) execFileSync('umount', ['-l', dir]);
});

/** Runs `teiki start` to its end; resolves with its exit code and stderr. */
function startFails(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('a data directory that cannot be written, at start', () => {
  it('read-only: one line naming the directory and what to do, exit 1', async () => {
    const dir = join(tmpfs('1m', true), 'data', 'teiki');
    const { code, stderr } = await startFails(['--data-dir', dir]);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `teiki: the data directory ${dir} is read-only (EROFS: read-only file system, mkdir '${dir}'). ` +
        'Make it writable for this user, or choose another --data-dir (or --in-memory).',
    ]);
  });

  it('full: one line naming the directory and what to do, exit 1', async () => {
    const mount = tmpfs('1m');
    fill(mount);
    const dir = join(mount, 'data');
    const { code, stderr } = await startFails(['--data-dir', dir]);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `teiki: the data directory ${dir} is full (ENOSPC: no space left on device, write). ` +
        'Free some space there, or choose another --data-dir (or --in-memory).',
    ]);
  });
});

const config = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
});

async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the write to fail');
}

async function admin(url: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the disk fills while teiki serves', () => {
  it("answers every write with the service's 5xx, keeps reads, health and schedules, and recovers", async () => {
    const mount = tmpfs('24m');
    const dataDir = join(mount, 'data');
    child = await spawnTeiki([
      '--data-dir',
      dataDir,
      '--clock',
      'virtual',
      '--clock-start',
      '2026-01-01T00:00:00Z',
      '--log-level',
      'error',
    ]);
    const url = child.url;
    const ecs = new ECSClient(config(url));
    const logs = new CloudWatchLogsClient(config(url));
    const events = new EventBridgeClient(config(url));
    const scheduler = new SchedulerClient(config(url));
    const iam = new IAMClient(config(url));
    const sts = new STSClient(config(url));
    const ec2 = new EC2Client(config(url));
    const ssm = new SSMClient(config(url));
    const secrets = new SecretsManagerClient(config(url));

    // What exists before the disk fills, to be read while it is full.
    await ecs.send(new CreateClusterCommand({ clusterName: 'before' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ticks' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'before', AssumeRolePolicyDocument: TRUST }));
    await events.send(new PutRuleCommand({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' }));
    await events.send(
      new PutTargetsCommand({
        Rule: 'tick',
        Targets: [{ Id: 'log', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/ticks' }],
      }),
    );
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'before' }));
    await ssm.send(new PutParameterCommand({ Name: '/before', Value: 'v', Type: 'String' }));
    // The first EC2 request of an account creates its default network: a write.
    await ec2.send(new DescribeVpcsCommand({}));
    // A task that prints and changes state while the disk is full.
    const subnet = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets?.[0]?.SubnetId;
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'chatty',
        executionRoleArn: 'arn:aws:iam::000000000000:role/before',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'app',
            image: 'busybox',
            command: ['sh', '-c', 'while :; do echo tick; sleep 0.02; done'],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': '/ticks',
                'awslogs-region': 'us-east-1',
                'awslogs-stream-prefix': 'chatty',
              },
            },
          },
        ],
      }),
    );
    const taskArn = (
      await ecs.send(
        new RunTaskCommand({
          cluster: 'before',
          taskDefinition: 'chatty',
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: [subnet ?? ''] } },
        }),
      )
    ).tasks?.[0]?.taskArn;
    for (;;) {
      const task = (
        await ecs.send(new DescribeTasksCommand({ cluster: 'before', tasks: [taskArn ?? ''] }))
      ).tasks?.[0];
      if (task?.lastStatus === 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const filler = fill(mount);
    // SQLite may still find room in pages it holds; write until the first refusal.
    let refused = false;
    for (let i = 0; i < 500 && !refused; i++) {
      try {
        await logs.send(new CreateLogGroupCommand({ logGroupName: `/burn/${i}` }));
      } catch (error) {
        expect((error as { name: string }).name).toBe('ServiceUnavailableException');
        refused = true;
      }
    }
    expect(refused).toBe(true);

    const full =
      /^teiki cannot serve this now: the data directory .* is full \(SQLITE_FULL: database or disk is full\)\. Free some space there/;
    const writes = [
      [() => ecs.send(new CreateClusterCommand({ clusterName: 'during' })), 'ServerException', 500],
      [
        () => logs.send(new CreateLogGroupCommand({ logGroupName: '/during' })),
        'ServiceUnavailableException',
        500,
      ],
      [
        () =>
          events.send(
            new PutRuleCommand({ Name: 'during', ScheduleExpression: 'rate(5 minutes)' }),
          ),
        'InternalException',
        500,
      ],
      [
        () => scheduler.send(new CreateScheduleGroupCommand({ Name: 'during' })),
        'InternalServerException',
        500,
      ],
      [
        () =>
          iam.send(
            new CreateRoleCommand({
              RoleName: 'during',
              AssumeRolePolicyDocument: TRUST,
              Tags: [{ Key: 'team', Value: 'a' }],
            }),
          ),
        'ServiceFailureException',
        500,
      ],
      [
        () =>
          sts.send(
            new AssumeRoleCommand({
              RoleArn: 'arn:aws:iam::000000000000:role/before',
              RoleSessionName: 'during-the-fault',
            }),
          ),
        'ServiceUnavailable',
        503,
      ],
      [
        () => ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' })),
        'ServiceUnavailable',
        503,
      ],
      [
        () => ssm.send(new PutParameterCommand({ Name: '/during', Value: 'v', Type: 'String' })),
        'InternalServerError',
        500,
      ],
      [
        () => secrets.send(new CreateSecretCommand({ Name: 'during', SecretString: 's' })),
        'InternalServiceError',
        500,
      ],
    ] as const;
    for (const [write, name, status] of writes) {
      const answer = await failure(write());
      expect({ name: answer.name, status: answer.status }).toEqual({ name, status });
      expect(answer.message).toMatch(full);
    }

    // Reads carry on.
    expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([
      'arn:aws:ecs:us-east-1:000000000000:cluster/before',
    ]);
    expect(
      (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ticks' }))).logGroups,
    ).toHaveLength(1);
    expect((await events.send(new ListRulesCommand({}))).Rules?.map((r) => r.Name)).toEqual([
      'tick',
    ]);
    expect((await scheduler.send(new ListScheduleGroupsCommand({}))).ScheduleGroups).toHaveLength(
      2,
    );
    expect((await iam.send(new GetRoleCommand({ RoleName: 'before' }))).Role?.RoleName).toBe(
      'before',
    );
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length).toBeGreaterThan(0);
    expect((await ssm.send(new GetParameterCommand({ Name: '/before' }))).Parameter?.Value).toBe(
      'v',
    );
    expect((await secrets.send(new ListSecretsCommand({}))).SecretList).toEqual([]);

    // Admin routes that write answer 503 with the same words; health answers.
    const fired = await admin(url, '/_teiki/fire', { rule: 'tick' });
    expect(fired.status).toBe(503);
    expect(fired.body).toMatchObject({ error: 'ServiceUnavailable' });
    expect(String(fired.body.message)).toMatch(/^the data directory .* is full/);
    // The schedule's instants fall while nothing can be claimed: teiki logs and goes on.
    expect((await admin(url, '/_teiki/clock', { advanceSeconds: 300 })).status).toBe(200);
    expect((await admin(url, '/_teiki/health')).body.status).toBe('running');

    rmSync(filler);
    // Nothing was half-written: the role whose tags could not be stored does not exist.
    expect((await failure(iam.send(new GetRoleCommand({ RoleName: 'during' })))).name).toBe(
      'NoSuchEntityException',
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'during',
        AssumeRolePolicyDocument: TRUST,
        Tags: [{ Key: 'team', Value: 'a' }],
      }),
    );
    expect((await iam.send(new GetRoleCommand({ RoleName: 'during' }))).Role?.Tags).toEqual([
      { Key: 'team', Value: 'a' },
    ]);
    await ecs.send(new CreateClusterCommand({ clusterName: 'after' }));
    // The task ran on through the fault, and stops as any task does.
    await ecs.send(new StopTaskCommand({ cluster: 'before', task: taskArn ?? '' }));
    for (;;) {
      const task = (
        await ecs.send(new DescribeTasksCommand({ cluster: 'before', tasks: [taskArn ?? ''] }))
      ).tasks?.[0];
      if (task?.lastStatus === 'STOPPED') {
        expect(task.stopCode).toBe('UserInitiated');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The schedule fires again once its claims can be written.
    await admin(url, '/_teiki/clock', { advanceSeconds: 60 });
    for (;;) {
      const { body } = await admin(url, '/_teiki/invocations');
      const delivered = (body.invocations as { name: string; outcome: string }[]).filter(
        (i) => i.name === 'tick' && i.outcome === 'delivered',
      );
      if (delivered.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
});
