/**
 * The overview's API over HTTP, on a virtual clock with the process runtime: counts per
 * service as the services' own list operations see them, the runs of the last 24 h
 * (an essential container's exit code decides success), and the failed invocations that
 * need attention.
 */
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DeregisterTaskDefinitionCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../src/console/shared/api-types.js';
import type { VirtualClock } from '../../src/engine/clock/types.js';
import { awslogs, startTaskFixture, type TaskFixture } from '../services/ecs/tasks-fixtures.js';
import {
  api,
  ecsRule,
  fireRule,
  roleArn,
  targetRole,
  taskDefinitionArn,
  trustOf,
} from './iam-fixtures.js';
import { virtualClockArgs } from '../helpers/teiki.js';

let f: TaskFixture;
let clock: VirtualClock;
let sleeper = '';
const START = Date.parse('2026-11-28T00:00:00Z');

async function overview(query = ''): Promise<Overview> {
  const { status, body } = await api<Overview>(f.teiki, `overview${query}`);
  expect(status).toBe(200);
  return body;
}

async function runToEnd(family: string): Promise<void> {
  const task = await f.run(family);
  await f.waitStopped(task.taskArn ?? '');
}

beforeAll(async () => {
  f = await startTaskFixture(virtualClockArgs(new Date(START).toISOString()));
  clock = f.teiki.clock as VirtualClock;
});
afterAll(async () => {
  if (sleeper) await f.ecs.send(new StopTaskCommand({ cluster: 'default', task: sleeper }));
  await f.close();
});

describe('GET /_teiki/api/overview', () => {
  it('starts empty, with the clock and the scope it looks at', async () => {
    const empty = await overview();
    expect(empty).toMatchObject({
      clock: { now: '2026-11-28T00:00:00.000Z', mode: 'virtual' },
      accountId: '000000000000',
      region: 'us-east-1',
      runtime: 'process',
      auth: 'open',
      last24h: { runs: 0, succeeded: 0, failed: 0, running: 0 },
      attention: [],
    });
    expect(Object.values(empty.counts).every((n) => n === 0)).toBe(true);
  });

  it('counts tasks of the last 24 h by outcome, an essential container deciding success', async () => {
    const ok = await f.register([
      {
        name: 'app',
        image: 'x',
        essential: true,
        command: ['sh', '-c', 'exit 0'],
        logConfiguration: awslogs(),
      },
    ]);
    const bad = await f.register([
      { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'exit 3'] },
    ]);
    const sidecarFails = await f.register([
      { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'exit 0'] },
      { name: 'sidecar', image: 'x', essential: false, command: ['sh', '-c', 'exit 1'] },
    ]);
    const slow = await f.register([
      { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'sleep 300'] },
    ]);
    // Two runs more than a day before: outside the window.
    await runToEnd(ok);
    await runToEnd(bad);
    await clock.advance(25 * 3600 * 1000);
    await runToEnd(ok);
    await runToEnd(ok);
    await runToEnd(bad);
    await runToEnd(sidecarFails);
    sleeper = (await f.run(slow)).taskArn ?? '';

    const now = await overview();
    expect(now.last24h).toEqual({ runs: 5, succeeded: 3, failed: 1, running: 1 });
    expect(now.counts.runningTasks).toBe(1);
    expect(now.counts.clusters).toBe(1);
    expect(now.counts.taskDefinitionFamilies).toBe(4);
    expect(now.counts.logGroups).toBe(1);

    // A day later, only the one still running is in the window.
    await clock.advance(24 * 3600 * 1000);
    expect((await overview()).last24h).toEqual({ runs: 0, succeeded: 0, failed: 0, running: 0 });
  });

  it('counts each service’s resources as its own list operations do', async () => {
    const config = f.teiki.clientConfig();
    const events = new EventBridgeClient(config);
    await events.send(new CreateEventBusCommand({ Name: 'jobs' }));
    await events.send(
      new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'cron(20 2 * * ? *)' }),
    );
    await events.send(new PutRuleCommand({ Name: 'hourly', ScheduleExpression: 'rate(1 hour)' }));
    await events.send(
      new PutRuleCommand({
        Name: 'on-stop',
        EventBusName: 'jobs',
        EventPattern: JSON.stringify({
          source: ['aws.ecs'],
          'detail-type': ['ECS Task State Change'],
        }),
      }),
    );
    const iam = new IAMClient(config);
    const trusting = { one: 'events.amazonaws.com', two: 'scheduler.amazonaws.com' };
    for (const [name, service] of Object.entries(trusting)) {
      await iam.send(
        new CreateRoleCommand({
          RoleName: name,
          AssumeRolePolicyDocument: JSON.stringify(trustOf(service)),
        }),
      );
    }
    await new SchedulerClient(config).send(
      new CreateScheduleCommand({
        Name: 'tokyo',
        ScheduleExpression: 'cron(20 11 * * ? *)',
        ScheduleExpressionTimezone: 'Asia/Tokyo',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/x',
          RoleArn: roleArn('two'),
        },
      }),
    );
    await f.ecs.send(new CreateClusterCommand({ clusterName: 'kept' }));
    await f.ecs.send(new CreateClusterCommand({ clusterName: 'gone' }));
    await f.ecs.send(new DeleteClusterCommand({ cluster: 'gone' }));
    const families = await f.register([{ name: 'app', image: 'x', essential: true }]);
    await f.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${families}:1` }));
    await f.logs.send(new CreateLogGroupCommand({ logGroupName: '/second' }));
    expect((await overview()).counts).toEqual({
      scheduledRules: 2,
      eventRules: 1,
      schedules: 1,
      clusters: 2,
      taskDefinitionFamilies: 4,
      runningTasks: 1,
      logGroups: 2,
      roles: 2,
    });
    // Another region sees none of it; IAM is global to the account.
    const elsewhere = await overview('?region=eu-west-1');
    expect(elsewhere.region).toBe('eu-west-1');
    expect(elsewhere.counts).toMatchObject({ scheduledRules: 0, clusters: 0, roles: 2 });
  });

  it('lists the failed invocations needing attention, newest first, with their reasons', async () => {
    const family = await f.register([
      { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'exit 0'] },
    ]);
    const allowed = await targetRole(f.teiki, 'GoodTargetRole', {
      runTaskResource: `${taskDefinitionArn(family)}:*`,
      passRoles: ['arn:aws:iam::000000000000:role/ecsTaskExecutionRole'],
    });
    await ecsRule(f.teiki, {
      name: 'works',
      role: allowed,
      family,
      cluster: 'kept',
      subnetId: f.subnetId,
    });
    await ecsRule(f.teiki, {
      name: 'no-role',
      role: roleArn('Missing'),
      family,
      cluster: 'kept',
      subnetId: f.subnetId,
    });
    await ecsRule(f.teiki, {
      name: 'no-permission',
      role: roleArn('one'),
      family,
      cluster: 'kept',
      subnetId: f.subnetId,
    });
    const started = await fireRule(f.teiki, 'works');
    expect(started.invocations[0]).toMatchObject({ outcome: 'started' });
    await f.waitStopped(started.invocations[0]?.taskArns[0] ?? '');
    await fireRule(f.teiki, 'no-role');
    await clock.advance(1000);
    await fireRule(f.teiki, 'no-permission');

    const now = await overview();
    expect(now.attention.map((i) => [i.name, i.outcome, i.error?.code])).toEqual([
      ['no-permission', 'failed', 'AccessDeniedException'],
      ['no-role', 'failed', 'AccessDeniedException'],
    ]);
    expect(now.attention[0]).toMatchObject({ source: 'rule', container: 'default' });
    expect(now.attention[0]?.error?.message).toMatch(/^role one may not ecs:RunTask on /);
    expect(now.attention[1]?.error?.message).toContain('does not exist');
    // Only the task the working rule started is of the last 24 h; failed invocations start none.
    expect(now.last24h).toEqual({ runs: 1, succeeded: 1, failed: 0, running: 0 });
  });

  it('needs attention for invocations whose tasks failed, agreeing with the Failed figure', async () => {
    await clock.advance(1000);
    const exits = await f.register([
      { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'exit 4'] },
    ]);
    // No command: the process runtime cannot start it (the README's first Scheduler target).
    const nothing = await f.register([{ name: 'logger', image: 'ecs-scheduler-sample:v1' }]);
    const role = await targetRole(f.teiki, 'FateRole', {
      runTaskResource: taskDefinitionArn('*'),
      passRoles: ['*'],
    });
    for (const [name, family] of [
      ['exits-4', exits],
      ['never-starts', nothing],
    ] as const) {
      await ecsRule(f.teiki, { name, role, family, cluster: 'kept', subnetId: f.subnetId });
      const fired = await fireRule(f.teiki, name);
      // The invocation started its task: only the task's fate says the run failed.
      expect(fired.invocations[0]?.outcome).toBe('started');
      await f.waitStopped(fired.invocations[0]?.taskArns[0] ?? '');
      await clock.advance(1000);
    }

    const now = await overview();
    expect(
      now.attention.map((i) => [i.name, i.outcome, i.tasks.map((t) => [t.stopCode, t.exitCode])]),
    ).toEqual([
      ['never-starts', 'started', [['TaskFailedToStart', undefined]]],
      ['exits-4', 'started', [['EssentialContainerExited', 4]]],
      ['no-permission', 'failed', []],
      ['no-role', 'failed', []],
    ]);
    expect(now.attention[0]?.tasks[0]?.stoppedReason).toMatch(/has nothing to run/);
    // The two failed runs are the Failed figure; the run before them succeeded.
    expect(now.last24h).toEqual({ runs: 3, succeeded: 1, failed: 2, running: 0 });
    const withFailedTasks = now.attention.filter((i) => i.tasks.length > 0);
    expect(withFailedTasks).toHaveLength(now.last24h.failed);
  });

  it('keeps at most the 20 latest', async () => {
    await clock.advance(1000);
    for (let i = 0; i < 22; i++) await fireRule(f.teiki, 'no-role');
    const { attention } = await overview();
    expect(attention).toHaveLength(20);
    expect(attention.every((i) => i.name === 'no-role')).toBe(true);
  });

  it('asks for the account and region it is given, and 404s an unknown API path', async () => {
    const other = await overview('?account=111111111111');
    expect(other.accountId).toBe('111111111111');
    expect(other.attention).toEqual([]);
    const missing = await api<{ error: string }>(f.teiki, 'overview/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('NotFound');
  });
});
