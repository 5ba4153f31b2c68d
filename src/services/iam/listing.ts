/**
 * IAM's paging: `MaxItems` (default 100) and an opaque `Marker`; every list answer says
 * `IsTruncated`, and carries `Marker` only when it is true.
 */
import type { Collection, Entry, Scope } from '../../store/types.js';
import { decodePageToken, encodePageToken } from '../paging.js';
import { iamValidationError } from './errors.js';

export const DEFAULT_MAX_ITEMS = 100;
const SCAN_BATCH = 500;

export interface PageInput {
  Marker?: string;
  MaxItems?: number;
}

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

function afterOf(input: PageInput): string | undefined {
  if (input.Marker === undefined) return undefined;
  const after = decodePageToken(input.Marker);
  if (after === undefined) throw iamValidationError('Invalid Marker.');
  return after;
}

function pageFrom<T>(matches: T[], pageSize: number, keyOf: (item: T) => string): Page<T> {
  const items = matches.slice(0, pageSize);
  const last = items[items.length - 1];
  if (matches.length > pageSize && last !== undefined) {
    return { items, IsTruncated: true, Marker: encodePageToken(keyOf(last)) };
  }
  return { items, IsTruncated: false };
}

/** One page of a store collection in id order, keeping only the records `keep` accepts. */
export async function collectionPage<T>(
  collection: Collection<T>,
  scope: Scope,
  input: PageInput,
  keep: (value: T) => boolean = () => true,
): Promise<Page<Entry<T>>> {
  const pageSize = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  let after = afterOf(input);
  const matches: Entry<T>[] = [];
  for (;;) {
    const rows = await collection.list(scope, {
      ...(after !== undefined ? { after } : {}),
      limit: SCAN_BATCH,
    });
    for (const row of rows) {
      if (keep(row.value)) matches.push(row);
      if (matches.length > pageSize) break;
    }
    const last = rows[rows.length - 1];
    if (matches.length > pageSize || rows.length < SCAN_BATCH || last === undefined) break;
    after = last.id;
  }
  return pageFrom(matches, pageSize, (entry) => entry.id);
}

/** One page of an in-memory list, ordered by `keyOf` (the key the marker remembers). */
export function arrayPage<T>(
  items: readonly T[],
  input: PageInput,
  keyOf: (item: T) => string,
): Page<T> {
  const pageSize = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const after = afterOf(input);
  const sorted = [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const rest = after === undefined ? sorted : sorted.filter((item) => keyOf(item) > after);
  return pageFrom(rest, pageSize, keyOf);
}

/** The page's paging members as IAM returns them. */
export function pagingMembers(page: Page<unknown>): { IsTruncated: boolean; Marker?: string } {
  return page.Marker !== undefined
    ? { IsTruncated: true, Marker: page.Marker }
    : { IsTruncated: false };
}
