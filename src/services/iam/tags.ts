/**
 * Tags on IAM entities: keys are unique case-insensitively (the case last written is
 * kept), at most 50 on an entity, listed sorted by key.
 */
import { InvalidInputException, LimitExceededException } from './generated/errors.js';
import { mergeTags as mergeTagsBy } from '../tags.js';
import type { TagRecord } from './records.js';

export const MAX_TAGS = 50;

const DUPLICATE_KEYS = 'Duplicate tag keys found. Please note that Tag keys are case insensitive.';

/** The request's tags as stored, refusing keys repeated in one request. */
export function checkedTags(
  tags: readonly { Key: string; Value: string }[] | undefined,
): TagRecord[] {
  const seen = new Set<string>();
  const out: TagRecord[] = [];
  for (const tag of tags ?? []) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) throw new InvalidInputException(DUPLICATE_KEYS);
    seen.add(key);
    out.push({ Key: tag.Key, Value: tag.Value });
  }
  return out;
}

/**
 * `existing` with `incoming` added or replacing (case-insensitively); `quotaName` is the
 * entity's quota as AWS names it (`TagsPerRole`), used when the result passes 50.
 */
export function mergeTags(
  existing: readonly TagRecord[],
  incoming: readonly TagRecord[],
  quotaName: string,
): TagRecord[] {
  return mergeTagsBy(existing, incoming, {
    keyOf: (tag) => tag.Key.toLowerCase(),
    retagged: 'last',
    limit: {
      max: MAX_TAGS,
      exceeded: () =>
        new LimitExceededException(`Cannot exceed quota for ${quotaName}: ${MAX_TAGS}`),
    },
  });
}

export function withoutTags(existing: readonly TagRecord[], keys: readonly string[]): TagRecord[] {
  const drop = new Set(keys.map((key) => key.toLowerCase()));
  return existing.filter((tag) => !drop.has(tag.Key.toLowerCase()));
}

export function sortedTags(tags: readonly TagRecord[]): TagRecord[] {
  return [...tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
}

/** `{ Tags }` when there are tags; AWS leaves the member out otherwise. */
export function tagsMember(tags: readonly TagRecord[]): { Tags?: TagRecord[] } {
  return tags.length > 0 ? { Tags: tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) } : {};
}
