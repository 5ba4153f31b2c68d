/**
 * Tags of schedule groups. Lengths and counts are the model's (the gateway checks them);
 * what the model cannot say is checked here: a key appears once in a request.
 */
import { duplicateTagKeys } from './errors.js';
import type { Tag } from './generated/types.js';

function checkUnique(tags: readonly Tag[]): void {
  if (new Set(tags.map((tag) => tag.Key)).size < tags.length) throw duplicateTagKeys();
}

export function initialTags(tags: readonly Tag[] | undefined): Tag[] {
  if (!tags) return [];
  checkUnique(tags);
  return tags.map((tag) => ({ Key: tag.Key, Value: tag.Value }));
}

/** `incoming` over `current`: a known key takes the new value in place, a new key is appended. */
export function mergeTags(current: readonly Tag[], incoming: readonly Tag[]): Tag[] {
  checkUnique(incoming);
  const merged = current.map((tag) => ({ ...tag }));
  for (const tag of incoming) {
    const at = merged.findIndex((existing) => existing.Key === tag.Key);
    if (at >= 0) merged[at] = { Key: tag.Key, Value: tag.Value };
    else merged.push({ Key: tag.Key, Value: tag.Value });
  }
  return merged;
}

/** Keys the resource does not carry are ignored. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const drop = new Set(keys);
  return current.filter((tag) => !drop.has(tag.Key));
}
