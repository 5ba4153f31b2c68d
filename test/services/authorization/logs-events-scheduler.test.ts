/**
 * CloudWatch Logs, EventBridge and Scheduler under `--auth enforce`: a user whose only
 * policy denies everything can create no log group and list no rules or schedules; group
 * actions are authorized on `…:log-group:NAME:log-stream:` and stream actions on the
 * stream; CreateLogGroup with tags needs logs:TagResource (denied in Logs' words);
 * PutTargets and CreateSchedule need iam:PassRole on the target's role, passed to their
 * service; Scheduler answers 403.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  EventBridgeClient,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  denyAll,
  expectDenied,
  explicitlyDenied,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startEnforcingTeiki();
  await new IAMClient(teiki.clientConfig(ROOT)).send(
    new CreateRoleCommand({
      RoleName: 'target-role',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'scheduler.amazonaws.com'] },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
});
afterAll(() => teiki.close());

const logs = (keys: Keys) => new CloudWatchLogsClient(teiki.clientConfig(keys));
const events = (keys: Keys) => new EventBridgeClient(teiki.clientConfig(keys));
const scheduler = (keys: Keys) => new SchedulerClient(teiki.clientConfig(keys));
const logArn = (rest: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${rest}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/target-role`;

describe('a user whose only policy is Deny * on *', () => {
  it('cannot create a log group, list rules or list schedules', async () => {
    const user = await makeUser(teiki, { statements: [denyAll] });
    await expectDenied(
      logs(user).send(new CreateLogGroupCommand({ logGroupName: '/app' })),
      'AccessDeniedException',
      400,
      explicitlyDenied(user.arn, 'logs:CreateLogGroup', logArn('/app:log-stream:')),
    );
    await expectDenied(
      events(user).send(new ListRulesCommand({})),
      'AccessDeniedException',
      400,
      explicitlyDenied(user.arn, 'events:ListRules', '*'),
    );
    await expectDenied(
      scheduler(user).send(new ListSchedulesCommand({})),
      'AccessDeniedException',
      403,
      explicitlyDenied(user.arn, 'scheduler:ListSchedules', '*'),
    );
  });
});

describe('CloudWatch Logs', () => {
  it('authorizes group actions on the group and stream actions on the stream', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream'],
          Resource: logArn('/team/*'),
        },
        {
          Effect: 'Allow',
          Action: 'logs:PutLogEvents',
          Resource: logArn('/team/a:log-stream:ok-*'),
        },
      ],
    });
    await logs(user).send(new CreateLogGroupCommand({ logGroupName: '/team/a' }));
    await logs(user).send(
      new CreateLogStreamCommand({ logGroupName: '/team/a', logStreamName: 'ok-1' }),
    );
    await logs(user).send(
      new CreateLogStreamCommand({ logGroupName: '/team/a', logStreamName: 'other' }),
    );
    await logs(user).send(
      new PutLogEventsCommand({
        logGroupName: '/team/a',
        logStreamName: 'ok-1',
        logEvents: [{ timestamp: teiki.clock.nowMs(), message: 'hello' }],
      }),
    );
    await expectDenied(
      logs(user).send(
        new PutLogEventsCommand({
          logGroupName: '/team/a',
          logStreamName: 'other',
          logEvents: [{ timestamp: teiki.clock.nowMs(), message: 'hello' }],
        }),
      ),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'logs:PutLogEvents', logArn('/team/a:log-stream:other')),
    );
  });

  it('needs logs:TagResource to create a group with tags, and says so as Logs does', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: '*' }],
    });
    await expectDenied(
      logs(user).send(new CreateLogGroupCommand({ logGroupName: '/tagged', tags: { team: 'a' } })),
      'AccessDeniedException',
      400,
      `User with accountId: ${ACCOUNT} is not authorized to perform CreateLogGroup with Tags. An additional permission "logs:TagResource" is required.`,
    );
  });
});

describe('EventBridge', () => {
  it('needs iam:PassRole, passed to events.amazonaws.com, for a target with a role', async () => {
    await events(ROOT).send(
      new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'rate(1 day)' }),
    );
    const rule = `arn:aws:events:us-east-1:${ACCOUNT}:rule/nightly`;
    const target = {
      Rule: 'nightly',
      Targets: [
        {
          Id: 't',
          Arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/default`,
          RoleArn: ROLE,
          EcsParameters: {
            TaskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/job:1`,
          },
        },
      ],
    };
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'events:PutTargets', Resource: rule }],
    });
    await expectDenied(
      events(user).send(new PutTargetsCommand(target)),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'iam:PassRole', ROLE),
    );
    const passer = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: 'events:PutTargets', Resource: rule },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: ROLE,
          Condition: { StringEquals: { 'iam:PassedToService': 'events.amazonaws.com' } },
        },
      ],
    });
    await events(passer).send(new PutTargetsCommand(target));
    await expectDenied(
      events(passer).send(new PutTargetsCommand({ ...target, Rule: 'other' })),
      'AccessDeniedException',
      400,
      notAllowed(passer.arn, 'events:PutTargets', `arn:aws:events:us-east-1:${ACCOUNT}:rule/other`),
    );
  });
});

describe('EventBridge Scheduler', () => {
  it('needs iam:PassRole, passed to scheduler.amazonaws.com, for the target role', async () => {
    const schedule = {
      Name: 'daily',
      ScheduleExpression: 'cron(20 2 * * ? *)',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      Target: { Arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/default`, RoleArn: ROLE },
    };
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'scheduler:CreateSchedule', Resource: '*' }],
    });
    await expectDenied(
      scheduler(user).send(new CreateScheduleCommand(schedule)),
      'AccessDeniedException',
      403,
      notAllowed(user.arn, 'iam:PassRole', ROLE),
    );
    const passer = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'scheduler:CreateSchedule',
          Resource: `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/*`,
        },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: ROLE,
          Condition: { StringLike: { 'iam:PassedToService': 'scheduler.*' } },
        },
      ],
    });
    await scheduler(passer).send(new CreateScheduleCommand(schedule));
  });
});
