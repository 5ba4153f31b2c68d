/**
 * Paging of the List operations: `Limit` (1–100, the model checks the range) defaults to
 * 100, as AWS pages ListRules; a `NextToken` is the key of the last item handed out.
 */
import { decodePageToken, encodePageToken } from '../paging.js';
import { validationError } from './errors.js';

export const DEFAULT_PAGE = 100;

/**
 * The key a page starts after. A token teiki did not issue, or one issued for another
 * listing (`scope` is the key prefix the listing's keys share), is refused rather than
 * silently restarting the listing.
 */
export function pageStart(token: string | undefined, scope = ''): string | undefined {
  if (token === undefined) return undefined;
  const after = decodePageToken(token);
  if (after === undefined || !after.startsWith(scope)) throw validationError('Invalid NextToken');
  return after;
}

/**
 * One page of `items` (in listing order) after the item whose key is `after`. When that
 * item is gone since the last page, the page starts at the first key sorting after it,
 * which is exact for listings sorted by key.
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  after: string | undefined,
  limit: number | undefined,
): { items: T[]; nextToken?: string } {
  const size = limit ?? DEFAULT_PAGE;
  let rest: readonly T[] = items;
  if (after !== undefined) {
    const at = items.findIndex((item) => keyOf(item) === after);
    rest = at >= 0 ? items.slice(at + 1) : items.filter((item) => keyOf(item) > after);
  }
  const page = rest.slice(0, size);
  const last = page[page.length - 1];
  return rest.length > size && last !== undefined
    ? { items: page, nextToken: encodePageToken(keyOf(last)) }
    : { items: page };
}
