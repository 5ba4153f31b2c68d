/**
 * A counter per account that every IAM change moves: users, roles, policies, attachments,
 * boundaries, tags, keys. Whoever keeps something derived from IAM's records (the callers'
 * compiled policies) keeps it with the epoch it was read at, and reads again when the
 * epoch has moved, so a change is seen by the very next request, on every node that
 * shares the store.
 */
import type { Store, StoreSession } from '../../store/types.js';
import type { OperationTable, OperationShapes } from '../operation.js';
import { iamScope } from './records.js';

const EPOCHS = 'iam.epoch';
const ID = 'policies';

interface EpochRecord {
  n: number;
}

export async function iamEpoch(session: StoreSession, accountId: string): Promise<number> {
  return (await session.collection<EpochRecord>(EPOCHS).get(iamScope(accountId), ID))?.n ?? 0;
}

export async function bumpIamEpoch(store: Store, accountId: string): Promise<void> {
  await store.transaction(async (tx) => {
    const epochs = tx.collection<EpochRecord>(EPOCHS);
    const n = (await epochs.get(iamScope(accountId), ID))?.n ?? 0;
    await epochs.put(iamScope(accountId), ID, { n: n + 1 });
  });
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
