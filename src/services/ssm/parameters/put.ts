/**
 * PutParameter: a new parameter (version 1) or, with Overwrite, a new version of one.
 * Settings a version does not name (Type, KeyId, Description, AllowedPattern, DataType)
 * carry over from the latest version; Tags only on creation. A parameter keeps its last
 * 100 versions: the 101st drops the oldest, unless a label holds it.
 */
import type { RequestContext } from '../../context.js';
import type { SsmDeps } from '../deps.js';
import {
  ParameterAlreadyExists,
  ParameterMaxVersionLimitExceeded,
  ValidationException,
} from '../errors.js';
import type { PutParameterRequest, PutParameterResult, Tag } from '../generated/types.js';
import { versionId, type ParameterRecord, type ParameterVersionRecord } from '../records.js';
import { checkTagCount } from '../tags/rules.js';
import { parameters, parameterVersions } from './lookup.js';
import { checkNewName, parameterKey } from './names.js';
import { DEFAULT_KEY_ID, encryptSecureString } from './secure-string.js';
import {
  checkAllowedPattern,
  checkDataType,
  parsePolicies,
  resolveTier,
  resolveType,
} from './values.js';
import { scopeOf } from '../../context.js';

export const MAX_VERSIONS = 100;

const TAGS_WITH_OVERWRITE =
  "Invalid request: tags and overwrite can't be used together. To create a parameter with " +
  'tags, please remove overwrite flag. To update tags for an existing parameter, please use ' +
  'AddTagsToResource or RemoveTagsFromResource.';

function newVersion(
  ctx: RequestContext,
  input: PutParameterRequest,
  previous: ParameterVersionRecord | undefined,
  version: number,
  nowMs: number,
): ParameterVersionRecord {
  const scope = scopeOf(ctx);
  const type = resolveType(input.Type, previous);
  const dataType = input.DataType ?? previous?.dataType ?? 'text';
  checkDataType(dataType, type, input.Value);
  const policies = parsePolicies(input.Policies) ?? previous?.policies;
  const tier = resolveTier(input.Tier, previous, input.Value, (policies ?? []).length > 0);
  const allowedPattern = input.AllowedPattern ?? previous?.allowedPattern;
  checkAllowedPattern(allowedPattern, input.Value);
  const description = input.Description ?? previous?.description;
  const record: ParameterVersionRecord = {
    version,
    type,
    tier,
    dataType,
    lastModifiedDate: nowMs,
    lastModifiedUser: ctx.caller.arn,
    ...(description !== undefined ? { description } : {}),
    ...(allowedPattern !== undefined ? { allowedPattern } : {}),
    ...(policies !== undefined ? { policies } : {}),
  };
  if (type === 'SecureString') {
    const keyId = input.KeyId ?? previous?.keyId ?? DEFAULT_KEY_ID;
    record.keyId = keyId;
    record.ciphertext = encryptSecureString(scope, keyId, input.Value);
  } else {
    record.value = input.Value;
  }
  return record;
}

export async function putParameter(
  deps: SsmDeps,
  input: PutParameterRequest,
  ctx: RequestContext,
): Promise<PutParameterResult> {
  const scope = scopeOf(ctx);
  if (input.Value === '') {
    // The model gives Value no minimum; AWS refuses an empty one (moto's record of it).
    throw new ValidationException(
      "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  const name = checkNewName(input.Name);
  const key = parameterKey(name);
  const overwrite = input.Overwrite === true;
  if (overwrite && input.Tags !== undefined && input.Tags.length > 0) {
    throw new ValidationException(TAGS_WITH_OVERWRITE);
  }
  const tags: Tag[] = input.Tags ?? [];
  checkTagCount(tags.length);
  return deps.store.transaction(async (tx) => {
    const existing = await parameters(tx).get(scope, key);
    if (existing && !overwrite) {
      throw new ParameterAlreadyExists(
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    const versionNumber = (existing?.latest.version ?? 0) + 1;
    const version = newVersion(ctx, input, existing?.latest, versionNumber, deps.clock.nowMs());
    const record: ParameterRecord = existing
      ? { ...existing, latest: version }
      : { name, latest: version, oldestVersion: 1, labels: {}, tags };
    if (existing && versionNumber - existing.oldestVersion + 1 > MAX_VERSIONS) {
      const oldest = existing.oldestVersion;
      if (Object.values(existing.labels).includes(oldest)) {
        throw new ParameterMaxVersionLimitExceeded(
          `You attempted to create a new version of ${name} by calling the PutParameter API ` +
            `with the overwrite flag. Version ${oldest}, the oldest version, can't be deleted ` +
            'because it has a label associated with it. Move the label to another version of ' +
            'the parameter, and try again.',
        );
      }
      await parameterVersions(tx).delete(scope, versionId(key, oldest));
      record.oldestVersion = oldest + 1;
    }
    await parameterVersions(tx).put(scope, versionId(key, versionNumber), version);
    await parameters(tx).put(scope, key, record);
    return { Version: versionNumber, Tier: version.tier };
  });
}
