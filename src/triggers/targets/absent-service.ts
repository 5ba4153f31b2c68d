/**
 * Targets in services teiki does not have (SQS, SNS, Lambda, Step Functions, Kinesis,
 * Firehose…), templated by ARN or universal (`aws-sdk:sqs:sendMessage`): the call fails
 * as it would on AWS for a resource that does not exist, which is what it is here, and is
 * not retried. The codes are the services' own; the messages are their usual ones (not
 * confirmed against an invocation's dead-letter record).
 */
import { TargetError } from '../target-error.js';

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):/;

function absent(service: string, resource: string): TargetError {
  switch (service) {
    case 'sqs':
      return new TargetError(
        'AWS.SimpleQueueService.NonExistentQueue',
        'The specified queue does not exist.',
      );
    case 'sns':
      return new TargetError('NotFound', 'Topic does not exist');
    case 'lambda':
      return new TargetError('ResourceNotFoundException', `Function not found: ${resource}`);
    case 'states':
    case 'sfn':
      return new TargetError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${resource}'`,
      );
    case 'kinesis':
      return new TargetError(
        'ResourceNotFoundException',
        `Stream ${resource} under account not found.`,
      );
    case 'firehose':
      return new TargetError(
        'ResourceNotFoundException',
        `Firehose ${resource} under account not found.`,
      );
    default:
      return new TargetError(
        'ResourceNotFoundException',
        `${resource} does not exist (teiki has no ${service}).`,
      );
  }
}

/** The failure of a templated target whose ARN is in a service teiki lacks. */
export function absentTargetError(arn: string): TargetError {
  return absent(ARN.exec(arn)?.[1] ?? 'unknown', arn);
}

/** The failure of a universal target calling a service teiki lacks; the resource read from its input. */
export function absentServiceCallError(service: string, input: unknown): TargetError {
  const request = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const named = [
    'QueueUrl',
    'TopicArn',
    'FunctionName',
    'StateMachineArn',
    'StreamName',
    'DeliveryStreamName',
  ]
    .map((key) => request[key])
    .find((value): value is string => typeof value === 'string');
  return absent(service, named ?? '(none named)');
}
