/**
 * The fire ledger in the store: one record per entry holding the last instant claimed
 * for it. Claiming is a compare-and-set in a transaction, so two processes sharing a
 * store never both claim an instant, and the ledger stays one row per entry however
 * long teiki runs.
 */
import { FencedError } from '../cluster/port.js';
import { GLOBAL_REGION, type Scope, type Store } from '../../store/types.js';
import type { FireLedger } from './types.js';

const LEDGER = 'scheduler.ledger';
const PROGRESS = 'scheduler.progress';
/** The ledger is teiki's own bookkeeping, not an account's: one scope for all of it. */
const LEDGER_SCOPE: Scope = { accountId: 'teiki', region: GLOBAL_REGION };

interface LedgerRecord {
  lastClaimedMs: number;
}

/**
 * `fence`: the runner claims are made for. On a store several nodes share, a claim commits
 * only while that runner's lease holds; once it has lost it (its node stalled past the
 * lease and others took its entries over), every claim it tries is refused.
 */
export function createStoreLedger(store: Store, fence?: string): FireLedger {
  const options = fence === undefined ? undefined : { fence };
  return {
    claim: async (key, atMs, alongWith) => {
      try {
        return await store.transaction(async (tx) => {
          const ledger = tx.collection<LedgerRecord>(LEDGER);
          const current = await ledger.get(LEDGER_SCOPE, key);
          if (current && current.lastClaimedMs >= atMs) return false;
          await ledger.put(LEDGER_SCOPE, key, { lastClaimedMs: atMs });
          await alongWith?.(tx);
          return true;
        }, options);
      } catch (error) {
        if (error instanceof FencedError) return false;
        throw error;
      }
    },
    async lastClaimed(key) {
      return (await store.collection<LedgerRecord>(LEDGER).get(LEDGER_SCOPE, key))?.lastClaimedMs;
    },
    async loadProgress() {
      const record = await store.collection<{ atMs: number }>(PROGRESS).get(LEDGER_SCOPE, 'loop');
      return record?.atMs;
    },
    async saveProgress(atMs) {
      await store.collection<{ atMs: number }>(PROGRESS).put(LEDGER_SCOPE, 'loop', { atMs });
    },
  };
}
