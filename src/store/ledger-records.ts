/**
 * The fire ledger's records (see fire-ledger.ts), and its claims made as one transaction,
 * for the stores whose transactions cost no round trips. Apart from the ledger adapter so
 * the stores load without the engine.
 */
import type { TransactionOptions } from './cluster.js';
import { encodeValue } from './codec.js';
import {
  GLOBAL_REGION,
  type InstantClaim,
  type Scope,
  type StagedWrite,
  type Store,
  type StoreSession,
} from './types.js';

export const LEDGER = 'scheduler.ledger';
export const PROGRESS = 'scheduler.progress';
/** The ledger is teiki's own bookkeeping, not an account's: one scope for all of it. */
export const LEDGER_SCOPE: Scope = { accountId: 'teiki', region: GLOBAL_REGION };

export interface LedgerRecord {
  lastClaimedMs: number;
}

/** A ledger record's stored form (for stores that build it in SQL). */
export function ledgerValue(atMs: number): string {
  return encodeValue({ lastClaimedMs: atMs } satisfies LedgerRecord);
}

/**
 * `claimInstants` as one store transaction, for stores whose transactions cost no round
 * trips (memory, SQLite): the compare-and-set and the staged writes of each claim, in order.
 */
export function claimInTransaction(
  transaction: Store['transaction'],
  claims: readonly InstantClaim[],
  options?: TransactionOptions,
): Promise<boolean[]> {
  return transaction(async (tx) => {
    const ledger = tx.collection<LedgerRecord>(LEDGER);
    const held: boolean[] = [];
    for (const claim of claims) {
      const current = await ledger.get(LEDGER_SCOPE, claim.key);
      if (current && current.lastClaimedMs >= claim.atMs) {
        held.push(false);
        continue;
      }
      await ledger.put(LEDGER_SCOPE, claim.key, { lastClaimedMs: claim.atMs });
      await putAll(tx, claim.writes);
      held.push(true);
    }
    return held;
  }, options);
}

async function putAll(session: StoreSession, writes: readonly StagedWrite[]): Promise<void> {
  for (const w of writes) await session.collection(w.collection).put(w.scope, w.id, w.value);
}
