/** Shared set-up of the EventBridge suites: SDK clients, error capture and the seed's rule. */
import {
  EventBridgeClient,
  EventBridgeServiceException,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { expect } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export function eventsClient(
  teiki: TestTeiki,
  overrides?: Parameters<TestTeiki['clientConfig']>[0],
): EventBridgeClient {
  return new EventBridgeClient(teiki.clientConfig(overrides));
}

export async function eventsError(promise: Promise<unknown>): Promise<EventBridgeServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EventBridgeServiceException);
    return error as EventBridgeServiceException;
  }
  throw new Error('expected the call to fail');
}

/** Asserts AWS's error name, message and HTTP status. */
export async function expectEventsError(
  promise: Promise<unknown>,
  name: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  const error = await eventsError(promise);
  expect(error.name).toBe(name);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.$metadata.httpStatusCode).toBe(status);
}

let counter = 0;
/** A fresh name per test, so tests sharing a server never see each other's rules. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export const ruleArnOf = (name: string, bus?: string) =>
  `arn:aws:events:${REGION}:${ACCOUNT}:rule/${bus ? `${bus}/` : ''}${name}`;
export const busArnOf = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;

export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/EcsEventsRole-sample`;
export const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/task-scheduler`;

/** The seed's container overrides, as `file(...)` hands them to Terraform. */
export const SEED_INPUT = `{
  "containerOverrides": [
    {
      "name": "task-scheduler",
      "command": ["php", "artisan", "sample:logger"]
    }
  ]
}
`;

/** The seed's `aws_cloudwatch_event_target`, as the provider sends it to PutTargets. */
export function seedTarget(): Target {
  return {
    Id: 'scheduler-target',
    Arn: CLUSTER_ARN,
    RoleArn: ROLE_ARN,
    Input: SEED_INPUT,
    EcsParameters: {
      TaskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/task-scheduler`,
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

/** A minimal target of any kind, for tests about rules rather than targets. */
export function queueTarget(id: string): Target {
  return { Id: id, Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:queue-${id}` };
}

export const PATTERN = JSON.stringify({ source: ['my.app'], 'detail-type': ['Thing Happened'] });
