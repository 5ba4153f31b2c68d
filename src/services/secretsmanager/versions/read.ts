/**
 * Reading a secret's value: the version a VersionId or VersionStage names (AWSCURRENT by
 * default). A read records the day it happened as the secret's and the version's
 * LastAccessedDate. `readSecretValue` is the one read behind GetSecretValue,
 * BatchGetSecretValue and callers inside teiki.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import { InvalidRequestException, ResourceNotFoundException } from '../errors.js';
import type { GetSecretValueResponse } from '../generated/types.js';
import { AWSCURRENT, dayOf, valueId, type SecretRecord } from '../records.js';
import { requireLiveSecret, secretValues, secrets } from '../secrets/lookup.js';

export interface SecretVersionSelector {
  versionId?: string;
  versionStage?: string;
}

function missingValue(selector: SecretVersionSelector): ResourceNotFoundException {
  return new ResourceNotFoundException(
    selector.versionId !== undefined
      ? `Secrets Manager can't find the specified secret value for VersionId: ${selector.versionId}`
      : `Secrets Manager can't find the specified secret value for staging label: ${selector.versionStage ?? AWSCURRENT}`,
  );
}

function selectVersion(record: SecretRecord, selector: SecretVersionSelector) {
  if (selector.versionId !== undefined) {
    const version = record.versions.find((v) => v.versionId === selector.versionId);
    if (!version) throw missingValue(selector);
    if (selector.versionStage !== undefined && !version.stages.includes(selector.versionStage)) {
      throw new InvalidRequestException(
        'You provided a VersionStage that is not associated to the provided VersionId.',
      );
    }
    return version;
  }
  const stage = selector.versionStage ?? AWSCURRENT;
  const version = record.versions.find((v) => v.stages.includes(stage));
  if (!version) throw missingValue(selector);
  return version;
}

export async function readSecretValue(
  session: StoreSession,
  scope: Scope,
  secretId: string,
  selector: SecretVersionSelector,
  nowMs: number,
): Promise<GetSecretValueResponse> {
  const record = await requireLiveSecret(session, scope, secretId, nowMs);
  const version = selectVersion(record, selector);
  const value = await secretValues(session).get(scope, valueId(record.name, version.versionId));
  if (!value) throw missingValue(selector);
  const today = dayOf(nowMs);
  if (record.lastAccessedDate !== today || version.lastAccessedDate !== today) {
    await secrets(session).put(scope, record.name, {
      ...record,
      lastAccessedDate: today,
      versions: record.versions.map((v) =>
        v.versionId === version.versionId ? { ...v, lastAccessedDate: today } : v,
      ),
    });
  }
  return {
    ARN: record.arn,
    Name: record.name,
    VersionId: version.versionId,
    ...(value.secretString !== undefined ? { SecretString: value.secretString } : {}),
    ...(value.secretBinary !== undefined
      ? { SecretBinary: new Uint8Array(Buffer.from(value.secretBinary, 'base64')) }
      : {}),
    VersionStages: [...version.stages],
    CreatedDate: new Date(version.createdDate),
  };
}
