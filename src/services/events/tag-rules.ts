/**
 * Tag rules of rules and event buses. Lengths are the model's (the gateway checks them);
 * what the model cannot say is checked here: a key appears once in a request, and a
 * resource carries at most 50 tags.
 */
import { limitExceeded, validationError } from './errors.js';
import type { Tag } from './generated/types.js';
import { keyValueTag, mergeTags as mergeTagsOf, removeTags as removeTagsOf } from '../tags.js';

export const MAX_TAGS = 50;

export function checkTags(tags: readonly Tag[]): void {
  const keys = new Set(tags.map((tag) => tag.Key));
  if (keys.size < tags.length) {
    throw validationError('Invalid parameter: Duplicated keys are not allowed.');
  }
  if (tags.length > MAX_TAGS) throw limitExceeded();
}

/** `incoming` over `current`: a known key takes the new value in place, a new key is appended. */
export function mergeTags(current: readonly Tag[], incoming: readonly Tag[]): Tag[] {
  checkTags(incoming);
  return mergeTagsOf(current, incoming.map(keyValueTag), {
    keyOf: (tag) => tag.Key,
    limit: { max: MAX_TAGS, exceeded: limitExceeded },
  });
}

/** Unknown keys are ignored, as AWS does. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  return removeTagsOf(current, keys, (tag) => tag.Key);
}

/** Tags given on creation, as stored. */
export function initialTags(tags: readonly Tag[] | undefined): Tag[] {
  if (!tags) return [];
  checkTags(tags);
  return tags.map(keyValueTag);
}
