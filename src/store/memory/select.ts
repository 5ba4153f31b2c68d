import { compareIds } from '../ids.js';
import type { ListOptions } from '../types.js';

/** The ids of `sorted` (ascending by code point) that `options` selects, in order. */
export function selectIds(
  sorted: readonly string[],
  options: Omit<ListOptions, 'limit'> | undefined,
  limit: number | undefined,
): string[] {
  const prefix = options?.prefix ?? '';
  const after = options?.after;
  let start = lowerBound(sorted, prefix, false);
  if (after !== undefined) start = Math.max(start, lowerBound(sorted, after, true));
  const out: string[] = [];
  for (let i = start; i < sorted.length; i++) {
    if (limit !== undefined && out.length >= limit) break;
    const id = sorted[i]!;
    // Everything with the prefix is contiguous from `start`, so the first miss ends it.
    if (!id.startsWith(prefix)) break;
    out.push(id);
  }
  return out;
}

/** First index whose id is >= `key` (or > `key` when `strict`). */
function lowerBound(sorted: readonly string[], key: string, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareIds(sorted[mid]!, key);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
