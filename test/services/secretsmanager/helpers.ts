/** Shared set-up of the Secrets Manager suites: a teiki, an SDK client and error capture. */
import {
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { expectRejection } from '../../helpers/errors.js';
import type { TestTeiki } from '../../helpers/teiki.js';

export function secretsClient(
  teiki: TestTeiki,
  overrides?: Parameters<TestTeiki['clientConfig']>[0],
): SecretsManagerClient {
  return new SecretsManagerClient(teiki.clientConfig(overrides));
}

/** Asserts AWS's error name, message and HTTP status. */
export function expectSecretsError(
  promise: Promise<unknown>,
  name: string,
  message: string | RegExp,
  status = 400,
): Promise<void> {
  return expectRejection(promise, SecretsManagerServiceException, name, message, status);
}

export const NOT_FOUND = "Secrets Manager can't find the specified secret.";

/** `arn:aws:secretsmanager:us-east-1:000000000000:secret:NAME-XXXXXX` */
export function arnPattern(name: string, account = '000000000000', region = 'us-east-1'): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `^arn:aws:secretsmanager:${region}:${account}:secret:${escaped}-[A-Za-z0-9]{6}$`,
  );
}

export { uniqueName } from '../../helpers/errors.js';
