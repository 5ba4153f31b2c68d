/** Tags of SSM resources: at most 50 per resource, as on every AWS resource. */
import { TooManyTagsError } from '../errors.js';
import type { Tag } from '../generated/types.js';
import { mergeTags as mergeTagsBy } from '../../tags.js';

export const MAX_TAGS = 50;

export function checkTagCount(count: number): void {
  if (count > MAX_TAGS) {
    // The limit is AWS's; the wording is not confirmed.
    throw new TooManyTagsError(
      `The Tags parameter contains more than ${MAX_TAGS} tags. A resource can have at most ${MAX_TAGS} tags.`,
    );
  }
}

/** `tags` with `added` set on top: a key given again takes the new value. */
export function mergeTags(tags: readonly Tag[], added: readonly Tag[]): Tag[] {
  return mergeTagsBy(tags, added, { keyOf: (tag) => tag.Key });
}
