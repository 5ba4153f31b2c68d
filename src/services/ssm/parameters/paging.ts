/** Page tokens of the SSM list operations. */
import { decodePageToken } from '../../paging.js';
import { InvalidNextToken } from '../errors.js';

/** The position a token names, or AWS's InvalidNextToken (wording not confirmed). */
export function readToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const position = decodePageToken(token);
  if (position === undefined) throw new InvalidNextToken('The specified token is not valid.');
  return position;
}
