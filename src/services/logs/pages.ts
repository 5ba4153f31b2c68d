/** Page tokens of the Describe operations, and pages of a filtered collection listing. */
import type { Collection, Entry, Scope } from '../../store/types.js';
import { decodePageToken, encodePageToken } from '../paging.js';
import { InvalidParameterException } from './generated/errors.js';
import { INVALID_NEXT_TOKEN } from './lookup.js';

const CHUNK = 500;

/** The position a page token names, or AWS's InvalidParameterException. */
export function readToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const position = decodePageToken(token);
  if (position === undefined) throw new InvalidParameterException(INVALID_NEXT_TOKEN);
  return position;
}

/**
 * One page of the records that pass `keep`, in id order, reading the collection in chunks
 * so a filter that rejects most records never loads them all at once. The token is only
 * given when a further kept record exists, so the last page has none.
 */
export async function filteredPage<T>(
  collection: Collection<T>,
  scope: Scope,
  options: {
    prefix?: string;
    afterId: string | undefined;
    pageSize: number;
    keep: (value: T) => boolean;
  },
): Promise<{ items: Entry<T>[]; nextToken: string | undefined }> {
  const items: Entry<T>[] = [];
  let after = options.afterId;
  for (;;) {
    const rows = await collection.list(scope, {
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      ...(after !== undefined ? { after } : {}),
      limit: CHUNK,
    });
    for (const row of rows) {
      if (!options.keep(row.value)) continue;
      const last = items[items.length - 1];
      if (items.length === options.pageSize && last) {
        return { items, nextToken: encodePageToken(last.id) };
      }
      items.push(row);
    }
    const lastRow = rows[rows.length - 1];
    if (rows.length < CHUNK || !lastRow) return { items, nextToken: undefined };
    after = lastRow.id;
  }
}
