/**
 * The soak's world, built through the AWS APIs on a fresh teiki: a cluster and a task
 * definition whose tasks carry the run's marker in their environment and log through
 * awslogs, roles for EventBridge and Scheduler, and the scheduled entries that fire
 * tasks while teiki is killed again and again.
 *
 * - virtual clock: a rule at rate(1 minute) and a schedule at rate(1 minute) start tasks,
 *   a rule at cron(* * * * ? *) writes to a log group; all created at the clock's start,
 *   so each fires at every whole minute after it.
 * - real clock: a rule at cron(* * * * ? *) starts tasks, and one-time schedules at(…)
 *   two seconds apart start tasks all through the soak.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { createRunTaskRole } from '../helpers/roles.js';
import { RUN_MARKER } from './host-scan.js';

export const ACCOUNT = '000000000000';
export const MINUTE = 60_000;

export interface Entry {
  source: 'rule' | 'schedule';
  name: string;
  /** Whether its target starts ECS tasks (else it writes to a log group). */
  startsTasks: boolean;
  /** Every instant it must have fired at (or reported missed) up to `untilMs`. */
  instants(untilMs: number): number[];
}

export interface World {
  clusterArn: string;
  subnet: string;
  entries: Entry[];
}

export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

const everyMinuteAfter = (fromMs: number) => (untilMs: number) => {
  const out: number[] = [];
  for (let t = Math.floor(fromMs / MINUTE) * MINUTE + MINUTE; t <= untilMs; t += MINUTE)
    out.push(t);
  return out;
};

export async function buildWorld(options: {
  endpoint: string;
  runId: string;
  clock: 'virtual' | 'real';
  image: string;
  /** Now on teiki's clock. */
  nowMs: number;
  /** Real clock: one-time schedules from now+lead, `spacingMs` apart, this many. */
  oneTime?: { leadMs: number; spacingMs: number; count: number };
  taskSeconds: number;
}): Promise<World> {
  const config = clientConfig(options.endpoint);
  const ecs = new ECSClient(config);
  const ec2 = new EC2Client(config);
  const iam = new IAMClient(config);
  const events = new EventBridgeClient(config);
  const scheduler = new SchedulerClient(config);
  const logs = new CloudWatchLogsClient(config);

  const subnet = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets?.[0]?.SubnetId ?? '';
  const cluster = await ecs.send(
    new CreateClusterCommand({ clusterName: `soak-${options.runId}` }),
  );
  const clusterArn = cluster.cluster?.clusterArn ?? '';
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/soak' }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'soak',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/soak-execution`,
      containerDefinitions: [
        {
          name: 'app',
          image: options.image,
          command: ['sh', '-c', `echo start; sleep ${options.taskSeconds}; echo end`],
          environment: [{ name: RUN_MARKER, value: options.runId }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/soak',
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'soak',
            },
          },
        },
      ],
    }),
  );
  const eventsRole = await createRunTaskRole(iam, 'soak-events', 'events.amazonaws.com', '*');
  const schedulerRole = await createRunTaskRole(
    iam,
    'soak-scheduler',
    'scheduler.amazonaws.com',
    '*',
  );
  const network = { awsvpcConfiguration: { Subnets: [subnet] } };
  const ruleTarget = {
    Id: 'task',
    Arn: clusterArn,
    RoleArn: eventsRole,
    EcsParameters: {
      TaskDefinitionArn: 'soak',
      LaunchType: 'FARGATE' as const,
      NetworkConfiguration: network,
    },
  };
  const scheduleTarget = {
    Arn: clusterArn,
    RoleArn: schedulerRole,
    EcsParameters: {
      TaskDefinitionArn: 'soak',
      LaunchType: 'FARGATE' as const,
      NetworkConfiguration: network,
    },
  };

  const entries: Entry[] = [];
  const addRule = async (
    name: string,
    expression: string,
    target: object,
    startsTasks: boolean,
  ) => {
    await events.send(new PutRuleCommand({ Name: name, ScheduleExpression: expression }));
    await events.send(new PutTargetsCommand({ Rule: name, Targets: [target as never] }));
    // On the real clock the rule fires its target from some moment of these calls: only
    // the minutes after the answers are surely its own.
    const activeFrom = options.clock === 'real' ? Date.now() : options.nowMs;
    entries.push({ source: 'rule', name, startsTasks, instants: everyMinuteAfter(activeFrom) });
  };
  if (options.clock === 'virtual') {
    await addRule('soak-rate', 'rate(1 minute)', ruleTarget, true);
    await addRule(
      'soak-log',
      'cron(* * * * ? *)',
      { Id: 'log', Arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/soak` },
      false,
    );
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'soak-schedule',
        ScheduleExpression: 'rate(1 minute)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: scheduleTarget,
      }),
    );
    entries.push({
      source: 'schedule',
      name: 'soak-schedule',
      startsTasks: true,
      instants: everyMinuteAfter(options.nowMs),
    });
  } else {
    await addRule('soak-cron', 'cron(* * * * ? *)', ruleTarget, true);
    const { leadMs, spacingMs, count } = options.oneTime ?? { leadMs: 0, spacingMs: 0, count: 0 };
    for (let i = 0; i < count; i++) {
      const at = Math.ceil((options.nowMs + leadMs) / 1000) * 1000 + i * spacingMs;
      const name = `soak-at-${i}`;
      await scheduler.send(
        new CreateScheduleCommand({
          Name: name,
          ScheduleExpression: `at(${new Date(at).toISOString().slice(0, 19)})`,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: scheduleTarget,
        }),
      );
      entries.push({
        source: 'schedule',
        name,
        startsTasks: true,
        instants: (untilMs) => (at <= untilMs ? [at] : []),
      });
    }
  }
  return { clusterArn, subnet, entries };
}
