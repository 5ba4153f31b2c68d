/**
 * Adding a version to a secret (CreateSecret, PutSecretValue, UpdateSecret), with AWS's
 * rules:
 * - the version id is the ClientRequestToken; a token that names an existing version with
 *   the same value changes nothing, with another value it is refused (versions never change);
 * - the stages given (default AWSCURRENT) move to the new version; moving AWSCURRENT moves
 *   AWSPREVIOUS to the version that was current; a secret's first version is always current;
 * - a secret keeps at most 100 versions: beyond that, versions without a stage that are
 *   more than 24 hours old are removed, oldest first.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import {
  InvalidParameterException,
  InvalidRequestException,
  ResourceExistsException,
} from '../errors.js';
import {
  AWSCURRENT,
  AWSPREVIOUS,
  valueId,
  type SecretRecord,
  type SecretValueRecord,
  type SecretVersionRecord,
} from '../records.js';
import { secretValues } from '../secrets/lookup.js';

export const MAX_VERSIONS = 100;
const DEPRECATED_AFTER_MS = 24 * 3600 * 1000;

/** LocalStack's AWS-validated wording for a missing token. */
const TOKEN_REQUIRED =
  'You must provide a ClientRequestToken value. We recommend a UUID-type value.';

export interface NewValue {
  secretString?: string;
  secretBinary?: Uint8Array;
}

/** The value a request carries: one of the two, not both (wording not confirmed). */
export function valueOf(input: {
  SecretString?: string;
  SecretBinary?: Uint8Array;
}): NewValue | undefined {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw new InvalidParameterException(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (input.SecretString !== undefined) return { secretString: input.SecretString };
  if (input.SecretBinary !== undefined) return { secretBinary: input.SecretBinary };
  return undefined;
}

export function requireToken(token: string | undefined): string {
  if (token === undefined) throw new InvalidRequestException(TOKEN_REQUIRED);
  return token;
}

function stored(value: NewValue): SecretValueRecord {
  return value.secretString !== undefined
    ? { secretString: value.secretString }
    : { secretBinary: Buffer.from(value.secretBinary ?? new Uint8Array()).toString('base64') };
}

function sameValue(a: SecretValueRecord | undefined, b: SecretValueRecord): boolean {
  return a?.secretString === b.secretString && a?.secretBinary === b.secretBinary;
}

export const VERSION_EXISTS =
  "You can't modify an existing version, you can only create a new version.";

/**
 * Writes the version and moves the stages; returns the updated record (not yet saved) and
 * the version, or the existing version when the request repeats one exactly.
 */
export async function addVersion(
  session: StoreSession,
  scope: Scope,
  record: SecretRecord,
  options: { versionId: string; value: NewValue; stages?: string[]; nowMs: number },
): Promise<{ record: SecretRecord; version: SecretVersionRecord; repeated: boolean }> {
  const values = secretValues(session);
  const value = stored(options.value);
  const existing = record.versions.find((v) => v.versionId === options.versionId);
  if (existing) {
    const old = await values.get(scope, valueId(record.name, existing.versionId));
    if (!sameValue(old, value)) throw new ResourceExistsException(VERSION_EXISTS);
    return { record, version: existing, repeated: true };
  }
  const requested = [...new Set(options.stages ?? [AWSCURRENT])];
  const hasCurrent = record.versions.some((v) => v.stages.includes(AWSCURRENT));
  if (!hasCurrent && !requested.includes(AWSCURRENT)) requested.push(AWSCURRENT);
  const previousCurrent = record.versions.find((v) => v.stages.includes(AWSCURRENT));
  const versions = record.versions.map((v) => ({
    ...v,
    stages: v.stages.filter((stage) => !requested.includes(stage)),
  }));
  if (requested.includes(AWSCURRENT) && previousCurrent) {
    for (const v of versions) {
      v.stages = v.stages.filter((stage) => stage !== AWSPREVIOUS);
      if (v.versionId === previousCurrent.versionId) v.stages.push(AWSPREVIOUS);
    }
  }
  const version: SecretVersionRecord = {
    versionId: options.versionId,
    stages: requested,
    createdDate: options.nowMs,
    ...(record.kmsKeyId !== undefined ? { kmsKeyId: record.kmsKeyId } : {}),
  };
  versions.push(version);
  await values.put(scope, valueId(record.name, version.versionId), value);
  const kept = await dropOutdated(session, scope, record.name, versions, options.nowMs);
  return {
    record: { ...record, versions: kept, lastChangedDate: options.nowMs },
    version,
    repeated: false,
  };
}

async function dropOutdated(
  session: StoreSession,
  scope: Scope,
  name: string,
  versions: SecretVersionRecord[],
  nowMs: number,
): Promise<SecretVersionRecord[]> {
  let excess = versions.length - MAX_VERSIONS;
  if (excess <= 0) return versions;
  const kept: SecretVersionRecord[] = [];
  for (const version of versions) {
    const outdated =
      version.stages.length === 0 && nowMs - version.createdDate > DEPRECATED_AFTER_MS;
    if (excess > 0 && outdated) {
      excess--;
      await secretValues(session).delete(scope, valueId(name, version.versionId));
    } else {
      kept.push(version);
    }
  }
  return kept;
}
