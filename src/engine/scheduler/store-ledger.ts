/**
 * The fire ledger in the store: one record per entry holding the last instant claimed
 * for it. Claiming is a compare-and-set in a transaction, so two processes sharing a
 * store never both claim an instant, and the ledger stays one row per entry however
 * long teiki runs.
 */
import { GLOBAL_REGION, type Scope, type Store } from '../../store/types.js';
import type { FireLedger } from './types.js';

const LEDGER = 'scheduler.ledger';
const PROGRESS = 'scheduler.progress';
/** The ledger is teiki's own bookkeeping, not an account's: one scope for all of it. */
const LEDGER_SCOPE: Scope = { accountId: 'teiki', region: GLOBAL_REGION };

interface LedgerRecord {
  lastClaimedMs: number;
}

export function createStoreLedger(store: Store): FireLedger {
  return {
    claim: (key, atMs, alongWith) =>
      store.transaction(async (tx) => {
        const ledger = tx.collection<LedgerRecord>(LEDGER);
        const current = await ledger.get(LEDGER_SCOPE, key);
        if (current && current.lastClaimedMs >= atMs) return false;
        await ledger.put(LEDGER_SCOPE, key, { lastClaimedMs: atMs });
        await alongWith?.(tx);
        return true;
      }),
    async loadProgress() {
      const record = await store.collection<{ atMs: number }>(PROGRESS).get(LEDGER_SCOPE, 'loop');
      return record?.atMs;
    },
    async saveProgress(atMs) {
      await store.collection<{ atMs: number }>(PROGRESS).put(LEDGER_SCOPE, 'loop', { atMs });
    },
  };
}
