/** Page tokens of the Describe operations. */
import { decodePageToken } from '../paging.js';
import { InvalidParameterException } from './generated/errors.js';
import { INVALID_NEXT_TOKEN } from './lookup.js';

/** The position a page token names, or AWS's InvalidParameterException. */
export function readToken(token: string | undefined): string | undefined {
  const position = pagePosition(token);
  if (position === null) throw new InvalidParameterException(INVALID_NEXT_TOKEN);
  return position;
}

/** The position a page token names, undefined for none given, null for one teiki never issued. */
export function pagePosition(token: string | undefined): string | undefined | null {
  if (token === undefined) return undefined;
  return decodePageToken(token) ?? null;
}

export { filteredPage } from '../paging.js';
