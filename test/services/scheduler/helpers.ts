/** Shared set-up of the Scheduler suites: SDK clients, error capture, roles and the seed's job. */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { expectRejection, rejection } from '../../helpers/errors.js';
import {
  SchedulerClient,
  SchedulerServiceException,
  type CreateScheduleCommandInput,
  type Target,
} from '@aws-sdk/client-scheduler';
import type { TestTeiki } from '../../helpers/teiki.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export function schedulerClient(
  teiki: TestTeiki,
  overrides?: Parameters<TestTeiki['clientConfig']>[0],
): SchedulerClient {
  return new SchedulerClient(teiki.clientConfig(overrides));
}

export function schedulerError(promise: Promise<unknown>): Promise<SchedulerServiceException> {
  return rejection(promise, SchedulerServiceException);
}

/** Asserts AWS's error name, message and HTTP status. */
export function expectSchedulerError(
  promise: Promise<unknown>,
  name: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  return expectRejection(promise, SchedulerServiceException, name, message, status);
}

export { uniqueName } from '../../helpers/errors.js';

export const scheduleArnOf = (name: string, group = 'default') =>
  `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/${group}/${name}`;
export const groupArnOf = (name: string) =>
  `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/${name}`;

export const ROLE_NAME = 'SchedulerEcsRole';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`;
export const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/task-scheduler`;
export const TASK_DEFINITION_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/task-scheduler:1`;

export function trustPolicy(service = 'scheduler.amazonaws.com', condition?: object): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

/** Creates a role Scheduler may assume (or, with another service, one it may not). */
export async function createRole(
  teiki: TestTeiki,
  name = ROLE_NAME,
  document = trustPolicy(),
): Promise<string> {
  const iam = new IAMClient(teiki.clientConfig());
  const out = await iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: document }),
  );
  return out.Role?.Arn ?? '';
}

/** The seed's container overrides, as the RunTask overrides Scheduler's ECS target takes. */
export const SEED_INPUT = JSON.stringify({
  containerOverrides: [{ name: 'task-scheduler', command: ['php', 'artisan', 'sample:logger'] }],
});

/** The seed's job as Scheduler writes it: the templated ECS target. */
export function seedTarget(): Target {
  return {
    Arn: CLUSTER_ARN,
    RoleArn: ROLE_ARN,
    Input: SEED_INPUT,
    EcsParameters: {
      TaskDefinitionArn: TASK_DEFINITION_ARN,
      TaskCount: 1,
      LaunchType: 'FARGATE',
      PlatformVersion: '1.4.0',
      NetworkConfiguration: {
        awsvpcConfiguration: {
          Subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
          AssignPublicIp: 'DISABLED',
        },
      },
    },
  };
}

/** The seed's job in Japan time, as the issue writes it. */
export function seedSchedule(name: string): CreateScheduleCommandInput {
  return {
    Name: name,
    ScheduleExpression: 'cron(20 11 * * ? *)',
    ScheduleExpressionTimezone: 'Asia/Tokyo',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: seedTarget(),
  };
}

/** The least a schedule needs, for tests about something else. */
export function minimalSchedule(name: string, group?: string): CreateScheduleCommandInput {
  return {
    Name: name,
    ...(group !== undefined ? { GroupName: group } : {}),
    ScheduleExpression: 'rate(1 hour)',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: CLUSTER_ARN, RoleArn: ROLE_ARN },
  };
}
