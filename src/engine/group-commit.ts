/**
 * Group commit: work asked one item at a time, done a group at a time. An item asked while
 * no group is being done goes out on the next turn of the event loop with every item asked
 * by then; items asked while a group is being done form the next group. Everything due at
 * one instant (200 firings) is then a handful of store statements rather than one each,
 * and a lone item waits for nothing but its own group.
 */

export interface GroupCommitOptions<I> {
  /** Items of one key never share a group: a later one waits for the next group. */
  keyOf?: (item: I) => string;
  /** Items in one group at most (bounds one statement and its arrays). */
  maxGroup?: number;
}

/**
 * What `commit` answers for each item of a group, in order. When it throws, every item of
 * the group fails with that error: a commit that can tell one item's failure from the
 * others' (or retry them one by one) answers `rejected` for that item alone.
 */
export type GroupCommit<I, O> = (group: readonly I[]) => Promise<PromiseSettledResult<O>[]>;

const DEFAULT_MAX_GROUP = 1_000;

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/** Returns the function that asks for one item; it settles once its group is done. */
export function groupCommit<I, O>(
  commit: GroupCommit<I, O>,
  options: GroupCommitOptions<I> = {},
): (item: I) => Promise<O> {
  const maxGroup = options.maxGroup ?? DEFAULT_MAX_GROUP;
  let waiting: Array<Waiting<I, O>> = [];
  let committing = false;
  let scheduled = false;

  const nextGroup = (): Array<Waiting<I, O>> => {
    if (!options.keyOf && waiting.length <= maxGroup) {
      const group = waiting;
      waiting = [];
      return group;
    }
    const keys = new Set<string>();
    const group: Array<Waiting<I, O>> = [];
    const later: Array<Waiting<I, O>> = [];
    for (const w of waiting) {
      const key = options.keyOf?.(w.item);
      if (group.length >= maxGroup || (key !== undefined && keys.has(key))) later.push(w);
      else {
        if (key !== undefined) keys.add(key);
        group.push(w);
      }
    }
    waiting = later;
    return group;
  };

  const commitGroup = async (group: Array<Waiting<I, O>>) => {
    let settled: PromiseSettledResult<O>[];
    try {
      settled = await commit(group.map((w) => w.item));
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    group.forEach((w, i) => {
      const result = settled[i];
      if (result?.status === 'fulfilled') w.resolve(result.value);
      else w.reject(result ? result.reason : new Error('A group commit answered too few items.'));
    });
  };

  const commitGroups = async () => {
    scheduled = false;
    committing = true;
    try {
      while (waiting.length > 0) await commitGroup(nextGroup());
    } finally {
      committing = false;
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (committing || scheduled) return;
      scheduled = true;
      // The next turn: everything due at this instant has asked by then (or is reading).
      setImmediate(() => void commitGroups());
    });
}

/**
 * The items done together by `many`; should that throw, each on its own by `one`, so a
 * failure is reported only for the item it belongs to. For a batch that is one statement
 * (all or nothing): nothing is done twice.
 */
export async function manyElseEach<I, O>(
  items: readonly I[],
  many: (items: readonly I[]) => Promise<readonly O[]>,
  one: (item: I) => Promise<O>,
): Promise<PromiseSettledResult<O>[]> {
  try {
    return fulfilledAll(await many(items));
  } catch {
    return settleEach(items, one);
  }
}

/** Each item's own outcome, for a commit that does its items one by one. */
export function settleEach<I, O>(
  items: readonly I[],
  one: (item: I) => Promise<O>,
): Promise<PromiseSettledResult<O>[]> {
  return Promise.allSettled(items.map(one));
}

/** Every item fulfilled with the value at its position. */
export function fulfilledAll<O>(values: readonly O[]): PromiseSettledResult<O>[] {
  return values.map((value) => ({ status: 'fulfilled', value }));
}
