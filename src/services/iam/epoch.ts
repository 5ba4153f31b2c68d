/**
 * A counter per account that every IAM change moves: users, roles, policies, attachments,
 * boundaries, tags, keys. Whoever keeps something derived from IAM's records (the callers'
 * compiled policies) keeps it with the epoch it was read at, and reads again when the
 * epoch has moved.
 *
 * The process keeps the epoch it last read or moved: a change made here is seen by the
 * very next request; one made by another node sharing the store within EPOCH_TTL_MS, as
 * AWS's IAM, which is eventually consistent, lets a change take a moment to apply. Reading
 * the store for every request cost a quarter of the authorization's time.
 */
import { randomUUID } from 'node:crypto';
import type { Store, StoreSession } from '../../store/types.js';
import type { OperationTable, OperationShapes } from '../operation.js';
import { iamScope } from './records.js';

const EPOCHS = 'iam.epoch';
const ID = 'policies';
/** How long another node's IAM change may go unseen here. */
export const EPOCH_TTL_MS = 1000;

/** A fresh token at every change, never a count: a reset store starting over cannot repeat one. */
interface EpochRecord {
  token: string;
}

/** Per store (tests run several teikis in one process), per account: the epoch and when it was read. */
const known = new WeakMap<StoreSession, Map<string, { token: string; readAtMs: number }>>();

// A cache's age, not schedule logic: the wall's monotonic clock (a virtual clock may stand still).
const monotonicMs = () => performance.now();

function remember(store: StoreSession, accountId: string, token: string): void {
  let accounts = known.get(store);
  if (!accounts) {
    accounts = new Map<string, { token: string; readAtMs: number }>();
    known.set(store, accounts);
  }
  accounts.set(accountId, { token, readAtMs: monotonicMs() });
}

/** The epoch this process read or moved within EPOCH_TTL_MS, without waiting; else undefined. */
export function rememberedIamEpoch(store: StoreSession, accountId: string): string | undefined {
  const kept = known.get(store)?.get(accountId);
  return kept && monotonicMs() - kept.readAtMs < EPOCH_TTL_MS ? kept.token : undefined;
}

export async function iamEpoch(store: StoreSession, accountId: string): Promise<string> {
  const remembered = rememberedIamEpoch(store, accountId);
  if (remembered !== undefined) return remembered;
  const record = await store.collection<EpochRecord>(EPOCHS).get(iamScope(accountId), ID);
  const token = record?.token ?? '';
  remember(store, accountId, token);
  return token;
}

/** After the store was wiped: every epoch is read again, so nothing kept from before is used. */
export function forgetIamEpochs(store: StoreSession): void {
  known.delete(store);
}

export async function bumpIamEpoch(store: Store, accountId: string): Promise<void> {
  const token = randomUUID();
  await store.collection<EpochRecord>(EPOCHS).put(iamScope(accountId), ID, { token });
  remember(store, accountId, token);
}

/** Reads (Get…, List…) change nothing; every other IAM operation moves the epoch once it has succeeded. */
export function withEpoch<Ops extends OperationShapes>(
  store: Store,
  table: OperationTable<Ops>,
): OperationTable<Ops> {
  const wrapped: OperationTable<Ops> = {};
  for (const name of Object.keys(table) as Array<keyof Ops & string>) {
    const operation = table[name];
    if (!operation) continue;
    wrapped[name] = /^(Get|List)/.test(name)
      ? operation
      : async (input, ctx) => {
          const output = await operation(input, ctx);
          await bumpIamEpoch(store, ctx.accountId);
          return output;
        };
  }
  return wrapped;
}
