/**
 * AWS's tag rules for ECS resources, shared by TagResource and by every operation that
 * takes `tags` on creation (CreateCluster, RegisterTaskDefinition, RunTask). Lengths,
 * characters and the 50-item request limit are the model's and the gateway checks them;
 * what the model cannot say is checked here: a key is present, it does not use the
 * reserved `aws:` prefix, and a resource never ends up with more than 50 tags.
 */
import { InvalidParameterException } from '../generated/errors.js';
import type { Tag } from '../generated/types.js';
import { mergeTags as mergeTagsOf, removeTags as removeTagsOf } from '../../tags.js';

export const MAX_TAGS = 50;

/** The prefix AWS keeps for its own tags, in any letter case. */
function isReserved(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

/** Refuses tags a caller may not set. */
export function checkTags(tags: readonly Tag[]): void {
  for (const tag of tags) {
    if (tag.key === undefined) throw new InvalidParameterException('Tag key can not be null.');
    if (isReserved(tag.key)) {
      throw new InvalidParameterException("Tag keys cannot begin with the reserved prefix 'aws:'.");
    }
  }
}

/** Refuses tag keys a caller may not remove. */
export function checkTagKeys(keys: readonly string[]): void {
  for (const key of keys) {
    if (isReserved(key)) {
      throw new InvalidParameterException("Tag keys cannot begin with the reserved prefix 'aws:'.");
    }
  }
}

/**
 * `incoming` laid over `current`: a key already there keeps its place and takes the new
 * value, a new key is appended. Fails when the result would pass the per-resource limit.
 */
export function mergeTags(current: readonly Tag[], incoming: readonly Tag[]): Tag[] {
  return mergeTagsOf(current, incoming, {
    keyOf: (tag) => tag.key,
    limit: {
      max: MAX_TAGS,
      exceeded: () =>
        new InvalidParameterException(`The maximum number of tags per resource is ${MAX_TAGS}.`),
    },
  });
}

/** `current` without the tags whose key is in `keys`; unknown keys are ignored, as AWS does. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  return removeTagsOf(current, keys, (tag) => tag.key);
}

/** Tags given on creation: checked, with a repeated key keeping its last value. */
export function creationTags(tags: readonly Tag[] | undefined): Tag[] {
  if (!tags) return [];
  checkTags(tags);
  return mergeTags([], tags);
}
