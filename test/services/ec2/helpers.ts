/**
 * What the EC2 suites share: a client for a started teiki, and a way to catch the error
 * a call fails with and check AWS's code, message and status.
 */
import { EC2Client, EC2ServiceException } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import type { TestTeiki } from '../../helpers/teiki.js';

export function ec2Client(
  teiki: TestTeiki,
  overrides?: Parameters<TestTeiki['clientConfig']>[0],
): EC2Client {
  return new EC2Client(teiki.clientConfig(overrides));
}

export async function ec2Failure(promise: Promise<unknown>): Promise<EC2ServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EC2ServiceException);
    return error as EC2ServiceException;
  }
  throw new Error('expected the call to fail');
}

/** The call fails with `code` and `message` (exact, or matching), HTTP `status`. */
export async function expectEc2Error(
  promise: Promise<unknown>,
  code: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  const error = await ec2Failure(promise);
  expect({ code: error.name, status: error.$metadata.httpStatusCode }).toEqual({ code, status });
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}
