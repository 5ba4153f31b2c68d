/** PutSecretValue: a new version of a secret, with the stages it names (AWSCURRENT by default). */
import type { RequestContext } from '../../context.js';
import type { SecretsDeps } from '../deps.js';
import { InvalidRequestException } from '../errors.js';
import type { PutSecretValueRequest, PutSecretValueResponse } from '../generated/types.js';
import { requireLiveSecret, secrets } from '../secrets/lookup.js';
import { addVersion, requireToken, valueOf } from './write.js';
import { scopeOf } from '../../context.js';

export async function putSecretValue(
  deps: SecretsDeps,
  input: PutSecretValueRequest,
  ctx: RequestContext,
): Promise<PutSecretValueResponse> {
  const scope = scopeOf(ctx);
  const value = valueOf(input);
  // LocalStack's AWS-validated wording.
  if (!value)
    throw new InvalidRequestException('You must provide either SecretString or SecretBinary.');
  const token = requireToken(input.ClientRequestToken);
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const record = await requireLiveSecret(tx, scope, input.SecretId, nowMs);
    const added = await addVersion(tx, scope, record, {
      versionId: token,
      value,
      nowMs,
      ...(input.VersionStages !== undefined ? { stages: input.VersionStages } : {}),
    });
    if (!added.repeated) await secrets(tx).put(scope, record.name, added.record);
    return {
      ARN: record.arn,
      Name: record.name,
      VersionId: added.version.versionId,
      VersionStages: [...added.version.stages],
    };
  });
}
