/**
 * The fire ledger's claims on PostgreSQL: a whole group of instants in one round trip,
 * without the store's exclusive transaction lock.
 *
 * Each claim is an upsert of its entry's ledger row that changes the row only when the
 * stored instant is older (INSERT … ON CONFLICT DO UPDATE … WHERE). Under READ COMMITTED
 * a second upsert of the same row waits for the first to commit and then re-evaluates its
 * condition against the committed row, so of two nodes claiming one instant exactly one
 * gets the row back from RETURNING. The staged writes of the claims that held are
 * inserted by the same statement (a data-modifying CTE), so they commit with them.
 *
 * The group is one call of `teiki_claim_instants` (migration 5), its own transaction. It
 * takes the store's transaction lock shared first, as a write outside a transaction does:
 * it never lands inside another node's transaction, and it is ordered with the sweep that
 * ends expired leases (which takes the lock exclusively). Its claiming statement then
 * reads the fence with a snapshot of its own, taken after the lock is held (a VOLATILE
 * function's statements each take one): a claim commits only while its runner's lease
 * holds.
 */
import type pg from 'pg';
import { FencedError, type TransactionOptions } from '../cluster.js';
import { LEDGER, LEDGER_SCOPE, ledgerValue } from '../ledger-records.js';
import { encodeValue } from '../codec.js';
import type { InstantClaim } from '../types.js';
import { query } from './connection.js';
import { jsonRows } from './json-param.js';
import type { PostgresDialect } from './dialect.js';

/** A group of claims and their staged writes: see migration 5 for the arguments. */
const CLAIM =
  'SELECT claimed_key, fence_rows FROM teiki_claim_instants(' +
  '$1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)';

export function postgresClaims(pool: pg.Pool, d: PostgresDialect) {
  return async (
    claims: readonly InstantClaim[],
    options?: TransactionOptions,
  ): Promise<boolean[]> => {
    if (claims.length === 0) return [];
    const keys = claims.map((c) => d.storedText(c.key));
    const writes: string[][] = [];
    claims.forEach((claim, i) => {
      for (const w of claim.writes) {
        writes.push([
          keys[i] as string,
          w.collection,
          w.scope.accountId,
          w.scope.region,
          d.storedText(w.id),
          encodeValue(w.value),
        ]);
      }
    });
    const fence = options?.fence ?? null;
    const { rows } = await query(pool, CLAIM, [
      ...d.transactionLockKey,
      fence,
      LEDGER,
      LEDGER_SCOPE.accountId,
      LEDGER_SCOPE.region,
      jsonRows(keys.map((key, i) => [key, ledgerValue(claims[i]!.atMs)])),
      jsonRows(writes),
    ]);
    if (fence !== null && Number(rows[0]?.[1] ?? 0) === 0) throw new FencedError(fence);
    const claimed = new Set(rows.map((r) => r[0]).filter((id) => id !== null));
    return keys.map((key) => claimed.has(key));
  };
}
