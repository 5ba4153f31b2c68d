/**
 * MaxResults/NextToken over an already filtered, id-ordered result: the page starts after
 * the id the token names, so records created or deleted between pages neither repeat nor
 * shift the rest. The model bounds MaxResults (the gateway checks those bounds).
 */
import { decodePageToken, encodePageToken } from '../paging.js';
import { invalidPaginationToken } from './errors.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function pageOf<T>(
  items: T[],
  idOf: (item: T) => string,
  input: { MaxResults?: number; NextToken?: string },
): Page<T> {
  let start = 0;
  if (input.NextToken !== undefined && input.NextToken !== '') {
    const after = decodePageToken(input.NextToken);
    if (after === undefined) throw invalidPaginationToken();
    start = items.findIndex((item) => idOf(item) > after);
    if (start === -1) start = items.length;
  }
  if (input.MaxResults === undefined) return { items: items.slice(start) };
  const end = start + input.MaxResults;
  const page = items.slice(start, end);
  const last = page[page.length - 1];
  return end < items.length && last !== undefined
    ? { items: page, nextToken: encodePageToken(idOf(last)) }
    : { items: page };
}

export function byId<T>(idOf: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = idOf(a);
    const y = idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
