/**
 * Paging of ListSchedules and ListScheduleGroups: `MaxResults` (1–100, checked by the
 * model) defaults to 100; a `NextToken` is the key of the last item handed out, wrapped
 * opaque as every teiki token is.
 */
import { decodePageToken, encodePageToken } from '../paging.js';
import { invalidNextToken } from './errors.js';

export const DEFAULT_PAGE = 100;

/**
 * The key a page starts after. A token teiki did not issue, or one issued for another
 * listing (`prefix` is what the listing's keys share), is refused rather than silently
 * restarting the listing.
 */
export function pageStart(token: string | undefined, prefix = ''): string | undefined {
  if (token === undefined) return undefined;
  const after = decodePageToken(token);
  if (after === undefined || !after.startsWith(prefix)) throw invalidNextToken();
  return after;
}

export function nextToken(lastKey: string | undefined, more: boolean): string | undefined {
  return more && lastKey !== undefined ? encodePageToken(lastKey) : undefined;
}
