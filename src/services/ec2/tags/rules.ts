/**
 * Tag rules shared by CreateTags and every create's TagSpecifications: keys up to 128
 * characters, values up to 256, no `aws:` keys, at most 50 tags on a resource.
 */
import type { Tag, TagSpecification } from '../generated/types.js';
import { ec2Error, invalidParameterValue } from '../errors.js';
import type { StoredTag } from '../records.js';
import { mergeTags as mergeTagsBy } from '../../tags.js';

export const MAX_TAGS = 50;

export function checkTags(tags: Tag[]): StoredTag[] {
  const out: StoredTag[] = [];
  for (const tag of tags) {
    const key = tag.Key;
    if (key === undefined || key === '') {
      throw invalidParameterValue('Tag key cannot be null or empty.');
    }
    if ([...key].length > 128) {
      throw invalidParameterValue(
        `Tag key exceeds the maximum length of 128 characters: '${key}'.`,
      );
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
    }
    const value = tag.Value ?? '';
    if ([...value].length > 256) {
      throw invalidParameterValue(
        `Tag value exceeds the maximum length of 256 characters: '${value}'.`,
      );
    }
    out.push({ Key: key, Value: value });
  }
  return out;
}

/** `existing` with `added` put over it (same key: the value is replaced in place). */
export function mergeTags(existing: StoredTag[], added: StoredTag[]): StoredTag[] {
  return mergeTagsBy(existing, added, {
    keyOf: (tag) => tag.Key,
    limit: {
      max: MAX_TAGS,
      exceeded: () =>
        ec2Error('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.'),
    },
  });
}

/** DeleteTags: a tag given with a value is removed only when the value matches. */
export function removeTags(existing: StoredTag[], removed: Tag[] | undefined): StoredTag[] {
  if (!removed || removed.length === 0) return [];
  return existing.filter(
    (tag) =>
      !removed.some((r) => r.Key === tag.Key && (r.Value === undefined || r.Value === tag.Value)),
  );
}

/**
 * The tags of a create's TagSpecifications for `resourceType`; any other resource type
 * is refused, as AWS refuses it.
 */
export function tagsFromSpecifications(
  specs: TagSpecification[] | undefined,
  resourceType: string,
): StoredTag[] {
  let tags: StoredTag[] = [];
  for (const spec of specs ?? []) {
    if (spec.ResourceType === undefined) {
      throw invalidParameterValue('Tag specification resource type must have a value');
    }
    if (spec.ResourceType !== resourceType) {
      throw invalidParameterValue(
        `'${spec.ResourceType}' is not a valid taggable resource type for this operation.`,
      );
    }
    if (!spec.Tags || spec.Tags.length === 0) {
      throw invalidParameterValue('Tag specification must have at least one tag');
    }
    tags = mergeTags(tags, checkTags(spec.Tags));
  }
  return tags;
}
