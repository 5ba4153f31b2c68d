/**
 * Tag rules of rules and event buses. Lengths are the model's (the gateway checks them);
 * what the model cannot say is checked here: a key appears once in a request, and a
 * resource carries at most 50 tags.
 */
import { limitExceeded, validationError } from './errors.js';
import type { Tag } from './generated/types.js';

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
  const merged = current.map((tag) => ({ ...tag }));
  for (const tag of incoming) {
    const at = merged.findIndex((existing) => existing.Key === tag.Key);
    if (at >= 0) merged[at] = { Key: tag.Key, Value: tag.Value };
    else merged.push({ Key: tag.Key, Value: tag.Value });
  }
  if (merged.length > MAX_TAGS) throw limitExceeded();
  return merged;
}

/** Unknown keys are ignored, as AWS does. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const drop = new Set(keys);
  return current.filter((tag) => !drop.has(tag.Key));
}

/** Tags given on creation, as stored. */
export function initialTags(tags: readonly Tag[] | undefined): Tag[] {
  if (!tags) return [];
  checkTags(tags);
  return tags.map((tag) => ({ Key: tag.Key, Value: tag.Value }));
}
