/**
 * UpdateSecretVersionStage: moves a staging label to a version (MoveToVersionId), removes
 * it from one (RemoveFromVersionId), or both. A label attached elsewhere can only move when
 * that version is named in RemoveFromVersionId; AWSCURRENT can move but never be removed
 * outright, and moving it moves AWSPREVIOUS to the version it left.
 * Wording from moto's and AWS's documentation; not all of it is confirmed.
 */
import type { RequestContext } from '../../context.js';
import type { SecretsDeps } from '../deps.js';
import { InvalidParameterException } from '../errors.js';
import type {
  UpdateSecretVersionStageRequest,
  UpdateSecretVersionStageResponse,
} from '../generated/types.js';
import { AWSCURRENT, AWSPREVIOUS, type SecretVersionRecord } from '../records.js';
import { requireLiveSecret, secrets } from '../secrets/lookup.js';
import { scopeOf } from '../../context.js';

function requireVersion(versions: SecretVersionRecord[], id: string): SecretVersionRecord {
  const version = versions.find((v) => v.versionId === id);
  if (!version) throw new InvalidParameterException(`Not a valid version: ${id}`);
  return version;
}

export async function updateSecretVersionStage(
  deps: SecretsDeps,
  input: UpdateSecretVersionStageRequest,
  ctx: RequestContext,
): Promise<UpdateSecretVersionStageResponse> {
  const scope = scopeOf(ctx);
  const stage = input.VersionStage;
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const record = await requireLiveSecret(tx, scope, input.SecretId, nowMs);
    const versions = record.versions.map((v) => ({ ...v, stages: [...v.stages] }));
    const holder = versions.find((v) => v.stages.includes(stage));
    const from =
      input.RemoveFromVersionId !== undefined
        ? requireVersion(versions, input.RemoveFromVersionId)
        : undefined;
    const to =
      input.MoveToVersionId !== undefined
        ? requireVersion(versions, input.MoveToVersionId)
        : undefined;
    if (from && !from.stages.includes(stage)) {
      throw new InvalidParameterException(
        `The staging label ${stage} is not attached to version ${from.versionId}, so you can't remove it.`,
      );
    }
    if (to && holder && holder !== to && holder !== from) {
      throw new InvalidParameterException(
        `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
      );
    }
    if (stage === AWSCURRENT && from && !to) {
      throw new InvalidParameterException(
        "You can only move staging label AWSCURRENT to a different secret version. It can't be completely removed.",
      );
    }
    if (from) from.stages = from.stages.filter((s) => s !== stage);
    if (to && !to.stages.includes(stage)) to.stages.push(stage);
    if (stage === AWSCURRENT && from && to && from !== to) {
      for (const v of versions) v.stages = v.stages.filter((s) => s !== AWSPREVIOUS);
      from.stages.push(AWSPREVIOUS);
    }
    await secrets(tx).put(scope, record.name, { ...record, versions, lastChangedDate: nowMs });
    return { ARN: record.arn, Name: record.name };
  });
}
