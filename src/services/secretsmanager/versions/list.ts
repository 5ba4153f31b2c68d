/**
 * ListSecretVersionIds: the versions that hold a stage, newest first, or every version with
 * IncludeDeprecated; 100 at most per page.
 */
import type { RequestContext } from '../../context.js';
import type { SecretsDeps } from '../deps.js';
import type {
  ListSecretVersionIdsRequest,
  ListSecretVersionIdsResponse,
} from '../generated/types.js';
import { pageOf, readOffset } from '../secrets/list.js';
import { requireSecret } from '../secrets/lookup.js';
import { scopeOf } from '../../context.js';

const DEFAULT_PAGE = 100;

export async function listSecretVersionIds(
  deps: SecretsDeps,
  input: ListSecretVersionIdsRequest,
  ctx: RequestContext,
): Promise<ListSecretVersionIdsResponse> {
  const scope = scopeOf(ctx);
  const offset = readOffset(input.NextToken);
  const record = await deps.store.transaction((tx) =>
    requireSecret(tx, scope, input.SecretId, deps.clock.nowMs()),
  );
  const versions = record.versions
    .filter((v) => input.IncludeDeprecated === true || v.stages.length > 0)
    .reverse();
  const page = pageOf(versions, offset, input.MaxResults ?? DEFAULT_PAGE);
  return {
    Versions: page.items.map((v) => ({
      VersionId: v.versionId,
      ...(v.stages.length > 0 ? { VersionStages: [...v.stages] } : {}),
      ...(v.lastAccessedDate !== undefined
        ? { LastAccessedDate: new Date(v.lastAccessedDate) }
        : {}),
      CreatedDate: new Date(v.createdDate),
      KmsKeyIds: [v.kmsKeyId ?? 'DefaultEncryptionKey'],
    })),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    ARN: record.arn,
    Name: record.name,
  };
}
