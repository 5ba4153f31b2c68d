/**
 * Reads of one collection asked in one turn of the event loop, made as one `getMany`: the
 * firings of one instant each read their rule (or schedule) fresh, and 200 of them cost
 * one statement rather than 200. Nothing is cached: every read sees what was committed
 * when its group was read, after it was asked. Should the group's read fail, each read is
 * made on its own, so a failure is reported only where it belongs.
 */
import { groupCommit, manyElseEach } from '../engine/group-commit.js';
import type { Collection, RecordKey, Scope } from './types.js';

export function groupedGets<T>(
  collection: Collection<T>,
): (scope: Scope, id: string) => Promise<T | undefined> {
  const get = groupCommit((keys: readonly RecordKey[]) =>
    manyElseEach(
      keys,
      (all) => collection.getMany(all),
      (key) => collection.get(key.scope, key.id),
    ),
  );
  return (scope, id) => get({ scope, id });
}
