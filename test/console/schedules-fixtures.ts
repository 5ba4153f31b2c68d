/**
 * What the schedules page tests look at, made through the AWS SDKs as a user would: the
 * seed's rule `cron(20 2 * * ? *)` and the same job as a Scheduler schedule
 * `cron(20 11 * * ? *)` in Asia/Tokyo, both with ECS targets whose roles may run the task;
 * a rate rule (no targets), a schedule that ends, a rule whose role may not run its task,
 * and a rule whose task definition family has no ACTIVE revision left.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DeregisterTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';
import { createRunTaskRole } from '../helpers/roles.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const CLOCK_START = '2026-11-28T00:00:00Z';
export const FAMILY_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/seed-job`;
export const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/seed-cluster`;
export const COMMAND = ['sh', '-c', 'echo sample:logger ran'];

export const NAMES = {
  rule: 'seed-rule',
  tokyo: 'seed-tokyo',
  rate: 'every-five-minutes',
  ending: 'ends-soon',
  denied: 'denied-rule',
  gone: 'gone-family-rule',
};

/** The seed's daily instants from the clock's start: 02:20Z is 11:20 in Tokyo. */
export const SEED_RUNS = [
  '2026-11-28T02:20:00.000Z',
  '2026-11-29T02:20:00.000Z',
  '2026-11-30T02:20:00.000Z',
  '2026-12-01T02:20:00.000Z',
  '2026-12-02T02:20:00.000Z',
];

export function startSchedulesTeiki(): Promise<TestTeiki> {
  return startTestTeiki(virtualClockArgs(CLOCK_START));
}

/** A role `service` may assume whose policy allows RunTask on `resource` and PassRole. */
function registerSeedJob(ecs: ECSClient, family: string) {
  return ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'seed-job',
          image: 'alpine:3.20',
          memoryReservation: 128,
        },
      ],
    }),
  );
}

export async function createSchedules(teiki: TestTeiki): Promise<void> {
  const config = teiki.clientConfig();
  const iam = new IAMClient(config);
  const ecs = new ECSClient(config);
  const events = new EventBridgeClient(config);
  const scheduler = new SchedulerClient(config);
  await ecs.send(new CreateClusterCommand({ clusterName: 'seed-cluster' }));
  // Two revisions: a target naming the family alone runs the latest ACTIVE one, :2.
  await registerSeedJob(ecs, 'seed-job');
  await registerSeedJob(ecs, 'seed-job');
  await registerSeedJob(ecs, 'gone-job');
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'gone-job:1' }));
  const subnets = (await new EC2Client(config).send(new DescribeSubnetsCommand({}))).Subnets ?? [];
  const ecsParameters = (taskDefinitionArn: string) => ({
    TaskDefinitionArn: taskDefinitionArn,
    TaskCount: 1,
    LaunchType: 'FARGATE' as const,
    NetworkConfiguration: {
      awsvpcConfiguration: {
        Subnets: subnets.slice(0, 2).map((s) => s.SubnetId ?? ''),
        AssignPublicIp: 'DISABLED' as const,
      },
    },
  });
  const input = JSON.stringify({ containerOverrides: [{ name: 'seed-job', command: COMMAND }] });
  const eventsRole = await createRunTaskRole(
    iam,
    'SeedEventsRole',
    'events.amazonaws.com',
    `${FAMILY_ARN}:*`,
  );
  const schedulerRole = await createRunTaskRole(
    iam,
    'SeedSchedulerRole',
    'scheduler.amazonaws.com',
    `${FAMILY_ARN}:*`,
  );
  // Allowed only the family without revision, which ECS refuses: its runs fail, with why.
  const deniedRole = await createRunTaskRole(
    iam,
    'SeedDeniedRole',
    'events.amazonaws.com',
    FAMILY_ARN,
  );

  const rule = async (name: string, expression: string, targets: Target[]) => {
    await events.send(new PutRuleCommand({ Name: name, ScheduleExpression: expression }));
    if (targets.length) await events.send(new PutTargetsCommand({ Rule: name, Targets: targets }));
  };
  const ecsTarget = (roleArn: string, taskDefinition: string): Target => ({
    Id: 'seed-target',
    Arn: CLUSTER_ARN,
    RoleArn: roleArn,
    Input: input,
    EcsParameters: ecsParameters(taskDefinition),
  });
  await rule(NAMES.rule, 'cron(20 2 * * ? *)', [ecsTarget(eventsRole, FAMILY_ARN)]);
  await rule(NAMES.rate, 'rate(5 minutes)', []);
  await rule(NAMES.denied, 'cron(0 12 * * ? *)', [ecsTarget(deniedRole, FAMILY_ARN)]);
  await rule(NAMES.gone, 'cron(0 12 * * ? *)', [ecsTarget(eventsRole, 'gone-job')]);
  // A rule on events, not on time: not a schedule, so not on the page.
  await events.send(
    new PutRuleCommand({ Name: 'on-task-change', EventPattern: '{"source":["aws.ecs"]}' }),
  );
  await scheduler.send(
    new CreateScheduleCommand({
      Name: NAMES.tokyo,
      ScheduleExpression: 'cron(20 11 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Tokyo',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Description: "the seed's job in Japan time",
      Target: {
        Arn: CLUSTER_ARN,
        RoleArn: schedulerRole,
        Input: input,
        EcsParameters: ecsParameters(`${FAMILY_ARN}:1`),
      },
    }),
  );
  await scheduler.send(
    new CreateScheduleCommand({
      Name: NAMES.ending,
      ScheduleExpression: 'cron(0 9 * * ? *)',
      EndDate: new Date('2026-11-30T12:00:00Z'),
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: {
        Arn: CLUSTER_ARN,
        RoleArn: schedulerRole,
        EcsParameters: ecsParameters(FAMILY_ARN),
      },
    }),
  );
}
