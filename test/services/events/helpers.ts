/** Shared set-up of the EventBridge suites: SDK clients, error capture and the seed's rule. */
import {
  EventBridgeClient,
  EventBridgeServiceException,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { expectRejection, rejection } from '../../helpers/errors.js';
import type { TestTeiki } from '../../helpers/teiki.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export function eventsClient(
  teiki: TestTeiki,
  overrides?: Parameters<TestTeiki['clientConfig']>[0],
): EventBridgeClient {
  return new EventBridgeClient(teiki.clientConfig(overrides));
}

export function eventsError(promise: Promise<unknown>): Promise<EventBridgeServiceException> {
  return rejection(promise, EventBridgeServiceException);
}

/** Asserts AWS's error name, message and HTTP status. */
export function expectEventsError(
  promise: Promise<unknown>,
  name: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  return expectRejection(promise, EventBridgeServiceException, name, message, status);
}

export { uniqueName } from '../../helpers/errors.js';

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
