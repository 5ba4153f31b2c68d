/**
 * The fire ledger's claims on PostgreSQL: a whole group of instants in one statement,
 * without the store's exclusive transaction lock.
 *
 * Each claim is an upsert of its entry's ledger row that changes the row only when the
 * stored instant is older (INSERT … ON CONFLICT DO UPDATE … WHERE). Under READ COMMITTED
 * a second upsert of the same row waits for the first to commit and then re-evaluates its
 * condition against the committed row, so of two nodes claiming one instant exactly one
 * gets the row back from RETURNING. The staged writes of the claims that held are
 * inserted by the same statement (a data-modifying CTE), so they commit with them.
 *
 * The transaction takes the store's transaction lock shared first, as a write outside a
 * transaction does: it never lands inside another node's transaction, and it is ordered
 * with the sweep that ends expired leases (which takes the lock exclusively). The fence
 * is then read by the claiming statement, whose snapshot is taken after the lock is held:
 * a claim commits only while its runner's lease holds.
 */
import type pg from 'pg';
import { FencedError, type TransactionOptions } from '../cluster.js';
import { LEDGER, LEDGER_SCOPE, ledgerValue } from '../ledger-records.js';
import { encodeValue } from '../codec.js';
import type { InstantClaim } from '../types.js';
import { FENCE_CHECK } from './cluster.js';
import { inTransaction, query } from './connection.js';
import type { PostgresDialect } from './dialect.js';

const COLUMNS = 'collection, account_id, region, id, value';
const KEY = 'collection, account_id, region, id';

/** $1 fence (null: none), $2 keys, $3 values → the keys claimed. $4–$9: the staged writes. */
function claimStatement(): string {
  const ledger = `'${LEDGER}', '${LEDGER_SCOPE.accountId}', '${LEDGER_SCOPE.region}'`;
  return (
    `WITH fence AS (${FENCE_CHECK}), ` +
    'claimed AS (' +
    `INSERT INTO records (${COLUMNS}) ` +
    `SELECT ${ledger}, c.key, c.value FROM unnest($2::text[], $3::text[]) AS c(key, value) ` +
    'WHERE $1::text IS NULL OR EXISTS (SELECT 1 FROM fence) ' +
    `ON CONFLICT (${KEY}) DO UPDATE SET value = excluded.value ` +
    "WHERE (records.value::json->>'lastClaimedMs')::numeric < (excluded.value::json->>'lastClaimedMs')::numeric " +
    'RETURNING id), ' +
    'staged AS (' +
    `INSERT INTO records (${COLUMNS}) ` +
    'SELECT w.collection, w.account_id, w.region, w.id, w.value ' +
    'FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) ' +
    'AS w(claim, collection, account_id, region, id, value) ' +
    'WHERE w.claim IN (SELECT id FROM claimed) ' +
    `ON CONFLICT (${KEY}) DO UPDATE SET value = excluded.value) ` +
    'SELECT id, (SELECT count(*) FROM fence) FROM claimed ' +
    // One row even when nothing was claimed, to tell a refused fence from old instants.
    'UNION ALL SELECT NULL, (SELECT count(*) FROM fence)'
  );
}

const CLAIM = claimStatement();

export function postgresClaims(pool: pg.Pool, d: PostgresDialect) {
  return async (
    claims: readonly InstantClaim[],
    options?: TransactionOptions,
  ): Promise<boolean[]> => {
    if (claims.length === 0) return [];
    const keys = claims.map((c) => d.storedText(c.key));
    const writes: string[][] = [[], [], [], [], [], []];
    claims.forEach((claim, i) => {
      for (const w of claim.writes) {
        const row = [
          keys[i] as string,
          w.collection,
          w.scope.accountId,
          w.scope.region,
          d.storedText(w.id),
          encodeValue(w.value),
        ];
        row.forEach((value, column) => writes[column]?.push(value));
      }
    });
    const fence = options?.fence ?? null;
    const { rows } = await inTransaction(pool, d.beginShared, (client) =>
      query(client, CLAIM, [fence, keys, claims.map((c) => ledgerValue(c.atMs)), ...writes]),
    );
    if (fence !== null && Number(rows[0]?.[1] ?? 0) === 0) throw new FencedError(fence);
    const claimed = new Set(rows.map((r) => r[0]).filter((id) => id !== null));
    return keys.map((key) => claimed.has(key));
  };
}
