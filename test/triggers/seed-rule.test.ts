/**
 * The seed's scheduled task through the SDKs on a virtual clock: the rule
 * `cron(20 2 * * ? *)` with an ECS target whose input overrides the command fires once
 * when the clock crosses 02:20:00Z, runs the task as the target's role, and records the
 * invocation; a policy naming the task definition without revision is denied with a
 * reason a user can act on; a disabled rule fires nothing.
 */
import { CreateLogGroupCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  DisableRuleCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../src/engine/clock/types.js';
import { createRunTaskRole } from '../helpers/roles.js';
import { raw, startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';

let teiki: TestTeiki;
let clock: VirtualClock;
const ACCOUNT = '000000000000';
const TD_FAMILY = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/scheduler`;

interface Invocation {
  name: string;
  scheduledTime: string;
  outcome: string;
  taskArns: string[];
  error?: { code: string; message: string };
}

async function invocations(): Promise<Invocation[]> {
  const res = await raw(teiki.url, { method: 'GET', path: '/_teiki/invocations' });
  return (JSON.parse(res.text) as { invocations: Invocation[] }).invocations;
}

/** A role trusted by EventBridge whose policy grants RunTask on `resource`. */
function eventsRole(iam: IAMClient, name: string, resource: string): Promise<string> {
  return createRunTaskRole(iam, name, 'events.amazonaws.com', resource);
}

async function scheduledRule(
  events: EventBridgeClient,
  name: string,
  roleArn: string,
  subnets: string[],
) {
  await events.send(new PutRuleCommand({ Name: name, ScheduleExpression: 'cron(20 2 * * ? *)' }));
  await events.send(
    new PutTargetsCommand({
      Rule: name,
      Targets: [
        {
          Id: 'scheduler-target',
          Arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/scheduler-cluster`,
          RoleArn: roleArn,
          Input: JSON.stringify({
            containerOverrides: [
              { name: 'scheduler', command: ['sh', '-c', 'echo sample:logger ran'] },
            ],
          }),
          EcsParameters: {
            TaskDefinitionArn: TD_FAMILY,
            TaskCount: 1,
            LaunchType: 'FARGATE',
            PlatformVersion: '1.4.0',
            NetworkConfiguration: {
              awsvpcConfiguration: { Subnets: subnets, AssignPublicIp: 'DISABLED' },
            },
          },
        },
      ],
    }),
  );
}

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs('2026-11-28T00:00:00Z'));
  clock = teiki.clock as VirtualClock;
  const config = teiki.clientConfig();
  const iam = new IAMClient(config);
  const ecs = new ECSClient(config);
  const events = new EventBridgeClient(config);
  await new CloudWatchLogsClient(config).send(
    new CreateLogGroupCommand({ logGroupName: '/ecs-scheduler' }),
  );
  await ecs.send(new CreateClusterCommand({ clusterName: 'scheduler-cluster' }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'scheduler',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecs-task-execution`,
      containerDefinitions: [
        {
          name: 'scheduler',
          image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:v1`,
          memoryReservation: 128,
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs-scheduler',
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'scheduler',
            },
          },
        },
      ],
    }),
  );
  const subnets = (await new EC2Client(config).send(new DescribeSubnetsCommand({}))).Subnets ?? [];
  const subnetIds = subnets.slice(0, 2).map((s) => s.SubnetId ?? '');
  const good = await eventsRole(iam, 'EcsEventsRole-sample', `${TD_FAMILY}:*`);
  const revisionless = await eventsRole(iam, 'EcsEventsRole-revisionless', TD_FAMILY);
  await scheduledRule(events, 'ecs-scheduled-task', good, subnetIds);
  await scheduledRule(events, 'ecs-scheduled-task-revisionless', revisionless, subnetIds);
});
afterAll(() => teiki.close());

describe('the seed rule on a virtual clock', () => {
  it('fires nothing before 02:20:00Z', async () => {
    await clock.set(Date.parse('2026-11-28T02:19:59Z'));
    expect(await invocations()).toEqual([]);
  });

  it('runs exactly one task at 02:20:00Z with the command override', async () => {
    await clock.advance(1000);
    const mine = (await invocations()).filter((i) => i.name === 'ecs-scheduled-task');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      scheduledTime: '2026-11-28T02:20:00.000Z',
      outcome: 'started',
    });
    const taskArn = mine[0]?.taskArns[0] ?? '';
    const ecs = new ECSClient(teiki.clientConfig());
    const out = await ecs.send(
      new DescribeTasksCommand({ cluster: 'scheduler-cluster', tasks: [taskArn] }),
    );
    const task = out.tasks?.[0];
    expect(task?.startedBy).toBe('events-rule/ecs-scheduled-task');
    expect(task?.taskDefinitionArn).toBe(`${TD_FAMILY}:1`);
    expect(task?.overrides?.containerOverrides?.[0]?.command).toEqual([
      'sh',
      '-c',
      'echo sample:logger ran',
    ]);
    expect(task?.createdAt?.toISOString()).toBe('2026-11-28T02:20:00.000Z');
  });

  it('denies the revision-less policy and says why', async () => {
    const denied = (await invocations()).find((i) => i.name === 'ecs-scheduled-task-revisionless');
    expect(denied).toMatchObject({ outcome: 'failed', taskArns: [] });
    expect(denied?.error?.code).toBe('AccessDeniedException');
    expect(denied?.error?.message).toBe(
      `role EcsEventsRole-revisionless may not ecs:RunTask on ${TD_FAMILY}:1: its policy allows ${TD_FAMILY} (no revision), which ECS has not accepted since March 2024; name the revision or end the ARN with :*`,
    );
  });

  it('fires again the next day, and not at all once disabled', async () => {
    await clock.advance(24 * 3600 * 1000);
    const nextDay = (await invocations()).filter((i) => i.name === 'ecs-scheduled-task');
    expect(nextDay.map((i) => i.scheduledTime)).toEqual([
      '2026-11-29T02:20:00.000Z',
      '2026-11-28T02:20:00.000Z',
    ]);
    const events = new EventBridgeClient(teiki.clientConfig());
    await events.send(new DisableRuleCommand({ Name: 'ecs-scheduled-task' }));
    await clock.advance(24 * 3600 * 1000);
    const after = (await invocations()).filter((i) => i.name === 'ecs-scheduled-task');
    expect(after).toHaveLength(2);
  });

  it('counts invocations and triggered rules in /_teiki/metrics', async () => {
    const res = await raw(teiki.url, { method: 'GET', path: '/_teiki/metrics' });
    expect(res.text).toMatch(/teiki_invocations_total\{outcome="started"\} 2/);
    expect(res.text).toMatch(/teiki_failed_invocations_total 3/);
    expect(res.text).toMatch(/teiki_triggered_rules_total 5/);
  });

  it('fires a rule now through POST /_teiki/fire', async () => {
    const res = await raw(teiki.url, {
      method: 'POST',
      path: '/_teiki/fire',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rule: 'ecs-scheduled-task' }),
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { invocations: Invocation[] };
    expect(body.invocations).toHaveLength(1);
    expect(body.invocations[0]?.outcome).toBe('started');
    const missing = await raw(teiki.url, {
      method: 'POST',
      path: '/_teiki/fire',
      body: JSON.stringify({ rule: 'nope' }),
    });
    expect(missing.status).toBe(404);
  });
});
