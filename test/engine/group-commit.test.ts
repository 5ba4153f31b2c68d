import { describe, expect, it } from 'vitest';
import {
  fulfilledAll,
  groupCommit,
  manyElseEach,
  settleEach,
} from '../../src/engine/group-commit.js';

/** Records the groups a commit was given, answering each item doubled. */
function recording() {
  const groups: number[][] = [];
  const commit = (group: readonly number[]) => {
    groups.push([...group]);
    return Promise.resolve(fulfilledAll(group.map((n) => n * 2)));
  };
  return { groups, commit };
}

describe('groupCommit', () => {
  it('commits the items asked in one turn as one group, answering each its own', async () => {
    const { groups, commit } = recording();
    const ask = groupCommit(commit);
    expect(await Promise.all([1, 2, 3].map(ask))).toEqual([2, 4, 6]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('items asked while a group commits form the next group', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ask = groupCommit(async (group: readonly number[]) => {
      groups.push([...group]);
      if (groups.length === 1) await held;
      return fulfilledAll([...group]);
    });
    const first = ask(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [ask(2), ask(3)];
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(groups).toEqual([[1], [2, 3]]);
  });

  it.each([
    {
      name: 'by key',
      options: { keyOf: (n: number) => String(n % 2) },
      want: [[1, 2], [3, 4], [5]],
    },
    { name: 'by size', options: { maxGroup: 2 }, want: [[1, 2], [3, 4], [5]] },
    { name: 'by nothing', options: {}, want: [[1, 2, 3, 4, 5]] },
  ])('splits groups $name', async ({ options, want }) => {
    const { groups, commit } = recording();
    const ask = groupCommit(commit, options);
    await Promise.all([1, 2, 3, 4, 5].map(ask));
    expect(groups).toEqual(want);
  });

  it('a thrown commit fails its group; an item rejected alone fails alone', async () => {
    const ask = groupCommit((group: readonly number[]) => {
      if (group.includes(0)) return Promise.reject(new Error('whole group'));
      return settleEach(group, (n) =>
        n < 0 ? Promise.reject(new Error(`item ${n}`)) : Promise.resolve(n),
      );
    });
    const results = await Promise.allSettled([ask(1), ask(-1), ask(2)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('item -1') },
      { status: 'fulfilled', value: 2 },
    ]);
    const failed = await Promise.allSettled([ask(0), ask(3)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    // The next group is unaffected.
    expect(await ask(4)).toBe(4);
  });
});

describe('manyElseEach', () => {
  it('answers every item from the batch when it succeeds, and asks none one by one', async () => {
    const one: number[] = [];
    const settled = await manyElseEach(
      [1, 2, 3],
      (all) => Promise.resolve(all.map((n) => n * 10)),
      (n) => (one.push(n), Promise.resolve(n)),
    );
    expect(settled).toEqual(fulfilledAll([10, 20, 30]));
    expect(one).toEqual([]);
  });

  it('makes each item on its own when the batch throws, each failure its own item', async () => {
    const settled = await manyElseEach(
      [1, -2, 3],
      () => Promise.reject(new Error('batch')),
      (n) => (n < 0 ? Promise.reject(new Error(`item ${n}`)) : Promise.resolve(n * 10)),
    );
    expect(settled).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('item -2') },
      { status: 'fulfilled', value: 30 },
    ]);
  });
});
