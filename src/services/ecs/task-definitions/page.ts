/** Page size and page token checks shared by the two task definition listings. */
import { decodePageToken } from '../../paging.js';
import { InvalidParameterException } from '../generated/errors.js';

export const MAX_PAGE = 100;

export function pageSizeOf(maxResults: number | undefined): number {
  const size = maxResults ?? MAX_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE)
    throw new InvalidParameterException('maxResults must be between 1 and 100.');
  return size;
}

/** The key the page starts after, or undefined for the first page. */
export function afterKeyOf(
  nextToken: string | undefined,
  valid: (key: string) => boolean,
): string | undefined {
  if (nextToken === undefined) return undefined;
  const key = decodePageToken(nextToken);
  if (key === undefined || !valid(key)) throw new InvalidParameterException('Invalid nextToken.');
  return key;
}

/** Code-unit order, the order the store keeps ids in. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
