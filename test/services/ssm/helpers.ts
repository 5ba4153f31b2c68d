/** Shared set-up of the SSM suites: a teiki, an SDK client and error capture. */
import { SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
import { expectRejection } from '../../helpers/errors.js';
import type { TestTeiki } from '../../helpers/teiki.js';

export function ssmClient(
  teiki: TestTeiki,
  overrides?: Parameters<TestTeiki['clientConfig']>[0],
): SSMClient {
  return new SSMClient(teiki.clientConfig(overrides));
}

/** Asserts AWS's error name, message and HTTP status. */
export function expectSsmError(
  promise: Promise<unknown>,
  name: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  return expectRejection(promise, SSMServiceException, name, message, status);
}

export { uniqueName } from '../../helpers/errors.js';

/**
 * AWS answers ParameterNotFound with no message at all; SDK v3 then names the error's
 * message `UnknownError`.
 */
export const NO_MESSAGE = 'UnknownError';
