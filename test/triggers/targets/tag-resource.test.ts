/**
 * A target that tags the task it starts (Tags, PropagateTags, EnableECSManagedTags) needs
 * `ecs:TagResource` with `ecs:CreateAction` = `RunTask` in its role, as AWS requires since
 * ECS's tag authorization: without it the invocation fails with ECS's AccessDeniedException
 * and no task starts; with it the task starts carrying its tags, `aws:ecs:clusterName`
 * included. Rules, schedules and Scheduler's universal RunTask target, fired now through
 * `POST /_teiki/fire`.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  ECSClient,
  ListTagsForResourceCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-ecs';
import {
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunTaskRole } from '../../helpers/roles.js';
import { raw, startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';

const ACCOUNT = '000000000000';
const CLUSTER_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/default`;
const FAMILY = 'tagged-job';
const DEFINITION_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${FAMILY}`;

interface Invocation {
  outcome: string;
  taskArns: string[];
  error?: { code: string; message: string };
}

let teiki: TestTeiki;
let iam: IAMClient;
let ecs: ECSClient;
let events: EventBridgeClient;
let scheduler: SchedulerClient;
let subnets: string[];

async function fire(body: Record<string, string>): Promise<Invocation> {
  const res = await raw(teiki.url, {
    path: '/_teiki/fire',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const invocations = (JSON.parse(res.text) as { invocations: Invocation[] }).invocations;
  expect(invocations).toHaveLength(1);
  return invocations[0]!;
}

/** A role for `service` allowing RunTask and PassRole, and TagResource when `tagging` says how. */
async function role(
  name: string,
  service: string,
  tagging?: { createAction: string },
): Promise<string> {
  const arn = await createRunTaskRole(iam, name, service, `${DEFINITION_ARN}:*`);
  if (tagging) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'tag-on-create',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'ecs:TagResource',
              Resource: '*',
              Condition: { StringEquals: { 'ecs:CreateAction': [tagging.createAction] } },
            },
          ],
        }),
      }),
    );
  }
  return arn;
}

function denial(roleName: string, session: string): RegExp {
  return new RegExp(
    `^User: arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${session} is not authorized to perform: ecs:TagResource on resource: arn:aws:ecs:us-east-1:${ACCOUNT}:task/default/[0-9a-f]{32} because no identity-based policy allows the ecs:TagResource action$`,
  );
}

async function tagsOf(taskArn: string) {
  return (await ecs.send(new ListTagsForResourceCommand({ resourceArn: taskArn }))).tags;
}

const TAGGED = [
  { key: 'team', value: 'ops' },
  { key: 'job', value: 'nightly' },
  { key: 'aws:ecs:clusterName', value: 'default' },
];

async function ruleWith(name: string, roleArn: string, tagging: boolean): Promise<void> {
  await events.send(new PutRuleCommand({ Name: name, ScheduleExpression: 'rate(1 day)' }));
  const target: Target = {
    Id: 'task',
    Arn: CLUSTER_ARN,
    RoleArn: roleArn,
    EcsParameters: {
      TaskDefinitionArn: DEFINITION_ARN,
      LaunchType: 'FARGATE',
      NetworkConfiguration: { awsvpcConfiguration: { Subnets: subnets } },
      ...(tagging
        ? {
            Tags: [{ Key: 'job', Value: 'nightly' }],
            PropagateTags: 'TASK_DEFINITION',
            EnableECSManagedTags: true,
          }
        : {}),
    },
  };
  await events.send(new PutTargetsCommand({ Rule: name, Targets: [target] }));
}

beforeAll(async () => {
  teiki = await startTestTeiki();
  const config = teiki.clientConfig();
  iam = new IAMClient(config);
  ecs = new ECSClient(config);
  events = new EventBridgeClient(config);
  scheduler = new SchedulerClient(config);
  subnets = ((await new EC2Client(config).send(new DescribeSubnetsCommand({}))).Subnets ?? [])
    .slice(0, 1)
    .map((s) => s.SubnetId ?? '');
  await ecs.send(new CreateClusterCommand({ clusterName: 'default' }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: FAMILY,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'job', image: 'busybox', command: ['true'] }],
    }),
  );
  await ecs.send(
    new TagResourceCommand({
      resourceArn: `${DEFINITION_ARN}:1`,
      tags: [{ key: 'team', value: 'ops' }],
    }),
  );
});
afterAll(() => teiki.close());

describe('a rule’s ECS target that tags its task', () => {
  it('fails as ECS reports it when the role lacks ecs:TagResource, starting nothing', async () => {
    await ruleWith('tagged-untrusted', await role('events-no-tag', 'events.amazonaws.com'), true);
    const invocation = await fire({ rule: 'tagged-untrusted' });
    expect(invocation).toMatchObject({ outcome: 'failed', taskArns: [] });
    expect(invocation.error?.code).toBe('AccessDeniedException');
    expect(invocation.error?.message).toMatch(denial('events-no-tag', 'events'));
  });

  it('fails when the role allows TagResource only for another create action', async () => {
    const arn = await role('events-tag-service', 'events.amazonaws.com', {
      createAction: 'CreateService',
    });
    await ruleWith('tagged-wrong-action', arn, true);
    const invocation = await fire({ rule: 'tagged-wrong-action' });
    expect(invocation.outcome).toBe('failed');
    expect(invocation.error?.message).toMatch(denial('events-tag-service', 'events'));
  });

  it('starts the task with its tags when the role allows TagResource for RunTask', async () => {
    const arn = await role('events-tag', 'events.amazonaws.com', { createAction: 'RunTask' });
    await ruleWith('tagged-allowed', arn, true);
    const invocation = await fire({ rule: 'tagged-allowed' });
    expect(invocation.error).toBeUndefined();
    expect(invocation.outcome).toBe('started');
    expect(await tagsOf(invocation.taskArns[0] ?? '')).toEqual(TAGGED);
  });

  it('needs no TagResource for a target that tags nothing', async () => {
    await ruleWith('untagged', await role('events-plain', 'events.amazonaws.com'), false);
    const invocation = await fire({ rule: 'untagged' });
    expect(invocation.error).toBeUndefined();
    expect(invocation.outcome).toBe('started');
    expect(await tagsOf(invocation.taskArns[0] ?? '')).toEqual([]);
  });
});

describe('a schedule’s ECS targets that tag their task', () => {
  async function schedule(name: string, roleArn: string, universal: boolean): Promise<void> {
    const target = universal
      ? {
          Arn: 'arn:aws:scheduler:::aws-sdk:ecs:runTask',
          RoleArn: roleArn,
          Input: JSON.stringify({
            Cluster: 'default',
            TaskDefinition: FAMILY,
            LaunchType: 'FARGATE',
            NetworkConfiguration: { AwsvpcConfiguration: { Subnets: subnets } },
            Tags: [{ Key: 'job', Value: 'nightly' }],
            PropagateTags: 'TASK_DEFINITION',
            EnableECSManagedTags: true,
          }),
        }
      : {
          Arn: CLUSTER_ARN,
          RoleArn: roleArn,
          EcsParameters: {
            TaskDefinitionArn: DEFINITION_ARN,
            LaunchType: 'FARGATE' as const,
            NetworkConfiguration: { awsvpcConfiguration: { Subnets: subnets } },
            Tags: [{ job: 'nightly' }],
            PropagateTags: 'TASK_DEFINITION' as const,
            EnableECSManagedTags: true,
          },
        };
    await scheduler.send(
      new CreateScheduleCommand({
        Name: name,
        ScheduleExpression: 'rate(1 day)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: target,
      }),
    );
  }

  it.each([
    ['an ECS target', false],
    ['the universal RunTask target', true],
  ])('%s fails without ecs:TagResource and starts with it', async (_what, universal) => {
    const suffix = universal ? 'universal' : 'ecs';
    const denied = await role(`scheduler-no-tag-${suffix}`, 'scheduler.amazonaws.com');
    await schedule(`denied-${suffix}`, denied, universal);
    const failed = await fire({ schedule: `denied-${suffix}` });
    expect(failed).toMatchObject({ outcome: 'failed', taskArns: [] });
    expect(failed.error?.code).toBe('AccessDeniedException');
    expect(failed.error?.message).toMatch(denial(`scheduler-no-tag-${suffix}`, 'scheduler'));

    const allowed = await role(`scheduler-tag-${suffix}`, 'scheduler.amazonaws.com', {
      createAction: 'RunTask',
    });
    await schedule(`allowed-${suffix}`, allowed, universal);
    const started = await fire({ schedule: `allowed-${suffix}` });
    expect(started.outcome).toBe('started');
    expect(await tagsOf(started.taskArns[0] ?? '')).toEqual(TAGGED);
  });
});
