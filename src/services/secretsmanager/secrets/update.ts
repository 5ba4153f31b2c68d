/**
 * DescribeSecret and UpdateSecret. UpdateSecret changes the description and the KMS key
 * and, when it carries a value, adds a version that becomes AWSCURRENT (its VersionId is
 * answered only then).
 */
import type { RequestContext } from '../../context.js';
import type { SecretsDeps } from '../deps.js';
import type {
  DescribeSecretRequest,
  DescribeSecretResponse,
  UpdateSecretRequest,
  UpdateSecretResponse,
} from '../generated/types.js';
import { addVersion, requireToken, valueOf } from '../versions/write.js';
import { requireLiveSecret, requireSecret, secrets } from './lookup.js';
import { describeOutput } from './output.js';
import { scopeOf } from '../../context.js';

export async function describeSecret(
  deps: SecretsDeps,
  input: DescribeSecretRequest,
  ctx: RequestContext,
): Promise<DescribeSecretResponse> {
  const scope = scopeOf(ctx);
  const record = await deps.store.transaction((tx) =>
    requireSecret(tx, scope, input.SecretId, deps.clock.nowMs()),
  );
  return describeOutput(record);
}

export async function updateSecret(
  deps: SecretsDeps,
  input: UpdateSecretRequest,
  ctx: RequestContext,
): Promise<UpdateSecretResponse> {
  const scope = scopeOf(ctx);
  const value = valueOf(input);
  const token = value ? requireToken(input.ClientRequestToken) : undefined;
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    let record = await requireLiveSecret(tx, scope, input.SecretId, nowMs);
    record = {
      ...record,
      lastChangedDate: nowMs,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.KmsKeyId !== undefined ? { kmsKeyId: input.KmsKeyId } : {}),
    };
    if (value && token !== undefined) {
      record = (await addVersion(tx, scope, record, { versionId: token, value, nowMs })).record;
    }
    await secrets(tx).put(scope, record.name, record);
    return {
      ARN: record.arn,
      Name: record.name,
      ...(token !== undefined ? { VersionId: token } : {}),
    };
  });
}
