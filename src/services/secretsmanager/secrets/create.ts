/**
 * CreateSecret: a secret, with its first version when a value is given. A name held by a
 * secret scheduled for deletion cannot be reused until it is restored or gone. Repeating a
 * creation with the same ClientRequestToken and value answers the secret as it is.
 * AddReplicaRegions is recorded and reported InSync; teiki creates no replica secret in the
 * other region.
 */
import type { RequestContext } from '../../context.js';
import type { SecretsDeps } from '../deps.js';
import {
  InvalidParameterException,
  InvalidRequestException,
  ResourceExistsException,
} from '../errors.js';
import type {
  CreateSecretRequest,
  CreateSecretResponse,
  ReplicationStatusType,
} from '../generated/types.js';
import { type SecretRecord } from '../records.js';
import { addVersion, requireToken, valueOf } from '../versions/write.js';
import { findSecret, secrets } from './lookup.js';
import { checkName, newSecretArn } from './names.js';
import { scopeOf } from '../../context.js';

const SCHEDULED_FOR_DELETION =
  "You can't create this secret because a secret with this name is already scheduled for deletion.";

function replicationOf(
  region: string,
  input: CreateSecretRequest,
): ReplicationStatusType[] | undefined {
  if (!input.AddReplicaRegions) return undefined;
  return input.AddReplicaRegions.map((replica) => {
    // moto's wording; AWS's is not confirmed.
    if (replica.Region === region) throw new InvalidParameterException('Invalid replica region.');
    return {
      Region: replica.Region,
      KmsKeyId: replica.KmsKeyId ?? 'alias/aws/secretsmanager',
      Status: 'InSync',
      StatusMessage: 'Replication succeeded',
    };
  });
}

export async function createSecret(
  deps: SecretsDeps,
  input: CreateSecretRequest,
  ctx: RequestContext,
): Promise<CreateSecretResponse> {
  const scope = scopeOf(ctx);
  checkName(input.Name);
  const token = requireToken(input.ClientRequestToken);
  const value = valueOf(input);
  const replication = replicationOf(scope.region, input);
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const existing = await findSecret(tx, scope, input.Name, nowMs);
    if (existing?.deletedDate !== undefined) {
      throw new InvalidRequestException(SCHEDULED_FOR_DELETION);
    }
    if (existing) {
      const repeat = existing.versions.some((v) => v.versionId === token);
      if (!repeat || !value) {
        throw new ResourceExistsException(
          `The operation failed because the secret ${input.Name} already exists.`,
        );
      }
      // The token names an existing version: the same value is a repeat, another is refused.
      await addVersion(tx, scope, existing, { versionId: token, value, nowMs });
      return { ARN: existing.arn, Name: existing.name, VersionId: token };
    }
    let record: SecretRecord = {
      arn: newSecretArn(scope, input.Name),
      name: input.Name,
      createdDate: nowMs,
      lastChangedDate: nowMs,
      versions: [],
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.KmsKeyId !== undefined && input.KmsKeyId !== ''
        ? { kmsKeyId: input.KmsKeyId }
        : {}),
      ...(input.Type !== undefined ? { type: input.Type } : {}),
      ...(input.Tags !== undefined && input.Tags.length > 0 ? { tags: input.Tags } : {}),
      ...(replication ? { replication } : {}),
    };
    if (value)
      record = (await addVersion(tx, scope, record, { versionId: token, value, nowMs })).record;
    await secrets(tx).put(scope, record.name, record);
    return {
      ARN: record.arn,
      Name: record.name,
      ...(value ? { VersionId: token } : {}),
      ...(replication ? { ReplicationStatus: replication } : {}),
    };
  });
}
