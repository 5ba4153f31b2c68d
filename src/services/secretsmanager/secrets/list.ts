/**
 * ListSecrets: the secrets of a scope, through Filters, sorted (by creation date unless
 * SortBy says otherwise; newest first unless SortOrder is asc, which is not confirmed),
 * 100 at most per page. Secrets scheduled for deletion only with IncludePlannedDeletion.
 * Pages are positions in the sorted list, as a page token.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { decodePageToken, encodePageToken } from '../../paging.js';
import type { SecretsDeps } from '../deps.js';
import { InvalidNextTokenException } from '../errors.js';
import type { ListSecretsRequest, ListSecretsResponse, SortByType } from '../generated/types.js';
import { type SecretRecord } from '../records.js';
import { matchesFilters } from './filters.js';
import { isExpired, removeSecret, secrets } from './lookup.js';
import { listEntry } from './output.js';
import { scopeOf } from '../../context.js';

const DEFAULT_PAGE = 100;

/** Every secret of the scope, removing those whose deletion date has passed. */
export async function allSecrets(
  session: StoreSession,
  scope: Scope,
  nowMs: number,
): Promise<SecretRecord[]> {
  const kept: SecretRecord[] = [];
  for (const { value } of await secrets(session).list(scope)) {
    if (isExpired(value, nowMs)) await removeSecret(session, scope, value.name);
    else kept.push(value);
  }
  return kept;
}

function sortKey(record: SecretRecord, by: SortByType): number | string {
  if (by === 'name') return record.name;
  if (by === 'last-accessed-date') return record.lastAccessedDate ?? 0;
  if (by === 'last-changed-date') return record.lastChangedDate;
  return record.createdDate;
}

/** A page position from a token, or AWS's InvalidNextTokenException (wording not confirmed). */
export function readOffset(token: string | undefined): number {
  if (token === undefined) return 0;
  const decoded = decodePageToken(token);
  const offset = decoded === undefined ? NaN : Number(decoded);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new InvalidNextTokenException('The NextToken value is invalid.');
  }
  return offset;
}

export function pageOf<T>(
  items: readonly T[],
  offset: number,
  size: number,
): { items: T[]; nextToken?: string } {
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length
    ? { items: page, nextToken: encodePageToken(String(next)) }
    : { items: page };
}

export async function listSecrets(
  deps: SecretsDeps,
  input: ListSecretsRequest,
  ctx: RequestContext,
): Promise<ListSecretsResponse> {
  const scope = scopeOf(ctx);
  const offset = readOffset(input.NextToken);
  const records = await deps.store.transaction((tx) => allSecrets(tx, scope, deps.clock.nowMs()));
  const by = input.SortBy ?? 'created-date';
  const direction = input.SortOrder === 'asc' ? 1 : -1;
  const listed = records
    .filter((r) => input.IncludePlannedDeletion === true || r.deletedDate === undefined)
    .filter((r) => matchesFilters(r, input.Filters ?? []))
    .sort((a, b) => {
      const ka = sortKey(a, by);
      const kb = sortKey(b, by);
      return (ka < kb ? -1 : ka > kb ? 1 : a.name < b.name ? -1 : 1) * direction;
    });
  const page = pageOf(listed, offset, input.MaxResults ?? DEFAULT_PAGE);
  return {
    SecretList: page.items.map(listEntry),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
