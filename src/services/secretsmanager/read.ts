/**
 * Secrets Manager for the rest of teiki: reading a secret's value in-process, as a given
 * principal would through GetSecretValue (the caller checks that principal's IAM
 * permissions first; this module knows nothing of IAM). The SecretId may be a name, a
 * full ARN or a partial ARN; errors are GetSecretValue's own.
 */
import type { Scope } from '../../store/types.js';
import type { SecretsDeps } from './deps.js';
import type { GetSecretValueResponse } from './generated/types.js';
import { readSecretValue, type SecretVersionSelector } from './versions/read.js';

export interface SecretReader {
  getSecretValue(
    scope: Scope,
    secretId: string,
    selector?: SecretVersionSelector,
  ): Promise<GetSecretValueResponse>;
}

export function createSecretReader(deps: SecretsDeps): SecretReader {
  return {
    getSecretValue: (scope, secretId, selector = {}) =>
      deps.store.transaction((tx) =>
        readSecretValue(tx, scope, secretId, selector, deps.clock.nowMs()),
      ),
  };
}
