/**
 * The scheduler's fire ledger in the store: one record per entry holding the last instant
 * claimed for it. Claiming is a compare-and-set, so two processes sharing a store never
 * both claim an instant, and the ledger stays one row per entry however long teiki runs.
 *
 * Claims are committed in groups (group commit): a claim asked while none is being
 * committed goes out on the next turn of the event loop with every other claim asked by
 * then; claims asked while a group is being committed form the next group. Firing 200
 * entries due at one instant is then a handful of store calls rather than 200
 * transactions, and a lone claim waits for nothing but its own commit (see
 * engine/group-commit.ts).
 */
import { FencedError } from '../engine/cluster/port.js';
import { fulfilledAll, groupCommit } from '../engine/group-commit.js';
import type { ClaimWork, FireLedger } from '../engine/scheduler/types.js';
import { LEDGER, LEDGER_SCOPE, PROGRESS, type LedgerRecord } from './ledger-records.js';
import type { InstantClaim, StagedWrite, Store } from './types.js';

/** Claims in one group at most: bounds one statement (and its arrays) however much is due. */
const MAX_GROUP = 1_000;

/**
 * `fence`: the runner claims are made for. On a store several nodes share, a claim commits
 * only while that runner's lease holds; once it has lost it (its node stalled past the
 * lease and others took its entries over), every claim it tries is refused.
 */
export function createStoreLedger(store: Store, fence?: string): FireLedger {
  const options = fence === undefined ? undefined : { fence };
  const enqueue = groupCommit<InstantClaim, boolean>(
    async (group) => {
      try {
        const held = await store.claimInstants(group, options);
        return fulfilledAll(group.map((_, i) => held[i] === true));
      } catch (error) {
        // A refused fence refuses every claim of the group; any other failure fails them.
        if (error instanceof FencedError) return fulfilledAll(group.map(() => false));
        throw error;
      }
    },
    // One claim per entry in a group: the scheduler asks an entry's next instant only once
    // the previous is decided, but a group must never hold two rows' worth of one.
    { keyOf: (claim) => claim.key, maxGroup: MAX_GROUP },
  );

  return {
    claim: async (key, atMs, alongWith?: ClaimWork) => {
      const writes: StagedWrite[] = [];
      await alongWith?.({
        put: (collection, scope, id, value) => writes.push({ collection, scope, id, value }),
      });
      return enqueue({ key, atMs, writes });
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
