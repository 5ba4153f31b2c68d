/**
 * Opaque page tokens for List/Describe operations: the id the next page starts after,
 * wrapped so clients treat it as opaque (as AWS's tokens are) and a tampered token is
 * recognised as invalid rather than silently misread.
 */
import type { Collection, Entry, Scope } from '../store/types.js';

const PREFIX = 't1.';

export function encodePageToken(afterId: string): string {
  return PREFIX + Buffer.from(JSON.stringify({ a: afterId }), 'utf8').toString('base64url');
}

/** The id a page starts after, or undefined when the token is not one teiki issued. */
export function decodePageToken(token: string): string | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(
      Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'),
    ) as unknown;
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { a?: unknown }).a === 'string'
    ) {
      return (parsed as { a: string }).a;
    }
  } catch {
    // fall through: not a token of ours
  }
  return undefined;
}

/** One page of a collection, and the token of the next when there is more. */
export async function listPage<T>(
  collection: Collection<T>,
  scope: Scope,
  options: { afterId: string | undefined; pageSize: number; prefix?: string },
): Promise<{ items: Entry<T>[]; nextToken: string | undefined }> {
  const rows = await collection.list(scope, {
    ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
    ...(options.afterId !== undefined ? { after: options.afterId } : {}),
    limit: options.pageSize + 1,
  });
  const items = rows.slice(0, options.pageSize);
  const last = items[items.length - 1];
  return {
    items,
    nextToken: rows.length > options.pageSize && last ? encodePageToken(last.id) : undefined,
  };
}

const CHUNK = 500;

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
    keep: (value: T, id: string) => boolean;
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
      if (!options.keep(row.value, row.id)) continue;
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
