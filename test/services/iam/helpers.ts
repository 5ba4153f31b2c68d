/** What the IAM suites share: documents, and catching an IAM error with its status. */
import { IAMServiceException } from '@aws-sdk/client-iam';
import { expect } from 'vitest';

export const TRUST_ECS_TASKS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
});

export const LOGS_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ],
});

export interface IamFailure {
  /** The wire error code (`NoSuchEntity`), as AWS sends it; the SDK's class name adds `Exception`. */
  name: string;
  message: string;
  status: number | undefined;
}

export async function iamError(promise: Promise<unknown>): Promise<IamFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IAMServiceException);
    const e = error as IAMServiceException & { Code?: string; Type?: string };
    expect(e.Type).toBe(e.$metadata.httpStatusCode! >= 500 ? 'Receiver' : 'Sender');
    return { name: e.Code ?? e.name, message: e.message, status: e.$metadata.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

let counter = 0;
/** A name no other test of the run uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
