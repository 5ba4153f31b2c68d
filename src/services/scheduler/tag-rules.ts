/**
 * Tags of schedule groups. Lengths and counts are the model's (the gateway checks them);
 * what the model cannot say is checked here: a key appears once in a request.
 */
import { duplicateTagKeys } from './errors.js';
import type { Tag } from './generated/types.js';
import { keyValueTag, mergeTags as mergeTagsOf, removeTags as removeTagsOf } from '../tags.js';

function checkUnique(tags: readonly Tag[]): void {
  if (new Set(tags.map((tag) => tag.Key)).size < tags.length) throw duplicateTagKeys();
}

export function initialTags(tags: readonly Tag[] | undefined): Tag[] {
  if (!tags) return [];
  checkUnique(tags);
  return tags.map(keyValueTag);
}

/** `incoming` over `current`: a known key takes the new value in place, a new key is appended. */
export function mergeTags(current: readonly Tag[], incoming: readonly Tag[]): Tag[] {
  checkUnique(incoming);
  return mergeTagsOf(current, incoming.map(keyValueTag), { keyOf: (tag) => tag.Key });
}

/** Keys the resource does not carry are ignored. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  return removeTagsOf(current, keys, (tag) => tag.Key);
}
