/** Page tokens of the Describe operations. */
import { decodePageToken } from '../paging.js';
import { InvalidParameterException } from './generated/errors.js';
import { INVALID_NEXT_TOKEN } from './lookup.js';

/** The position a page token names, or AWS's InvalidParameterException. */
export function readToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const position = decodePageToken(token);
  if (position === undefined) throw new InvalidParameterException(INVALID_NEXT_TOKEN);
  return position;
}

export { filteredPage } from '../paging.js';
