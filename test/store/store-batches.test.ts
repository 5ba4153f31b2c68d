import { describe, expect, it } from 'vitest';
import { groupedGets } from '../../src/store/grouped-reads.js';
import { createMemoryStore } from '../../src/store/memory/index.js';
import type { Scope, Store } from '../../src/store/types.js';
import { implementations, useStore } from './store-fixtures.js';

/**
 * The batch reads and writes of records (getMany, insertMany, replaceMany), against every
 * store: what many firings of one instant write together must behave as the single calls
 * would, one atomic write per batch.
 */
const A: Scope = { accountId: '000000000000', region: 'us-east-1' };
const B: Scope = { accountId: '111111111111', region: 'us-east-1' };

describe.each(implementations)('store contract, batches: $name', ({ harness }) => {
  const fixture = useStore(harness);
  const collection = <T extends object | number>(name: string) => fixture.store.collection<T>(name);
  const transaction: Store['transaction'] = (body) => fixture.store.transaction(body);

  it('getMany answers in the order asked, across scopes, undefined where absent', async () => {
    const things = collection<{ n: number }>('things');
    await things.put(A, 'x', { n: 1 });
    await things.put(B, 'x', { n: 2 });
    await things.put(A, 'y ✓ 𝄞', { n: 3 });
    await collection<{ n: number }>('other').put(A, 'z', { n: 9 });
    expect(
      await things.getMany([
        { scope: B, id: 'x' },
        { scope: A, id: 'z' },
        { scope: A, id: 'y ✓ 𝄞' },
        { scope: A, id: 'x' },
        { scope: A, id: 'x' },
      ]),
    ).toEqual([{ n: 2 }, undefined, { n: 3 }, { n: 1 }, { n: 1 }]);
    expect(await things.getMany([])).toEqual([]);
  });

  it('insertMany inserts the absent records only and says which', async () => {
    const things = collection<{ n: number }>('things');
    await things.put(A, 'taken', { n: 0 });
    const inserted = await things.insertMany([
      { scope: A, id: 'new', value: { n: 1 } },
      { scope: A, id: 'taken', value: { n: 2 } },
      { scope: B, id: 'taken', value: { n: 3 } },
    ]);
    expect(inserted).toEqual([true, false, true]);
    expect(await things.get(A, 'new')).toEqual({ n: 1 });
    expect(await things.get(A, 'taken')).toEqual({ n: 0 });
    expect(await things.get(B, 'taken')).toEqual({ n: 3 });
    expect(await things.insertMany([])).toEqual([]);
  });

  it('replaceMany replaces the present records only and never brings one back', async () => {
    const things = collection<{ n: number }>('things');
    await things.put(A, 'x', { n: 1 });
    await things.put(B, 'y', { n: 1 });
    await things.put(A, 'gone', { n: 1 });
    await things.delete(A, 'gone');
    const replaced = await things.replaceMany([
      { scope: A, id: 'x', value: { n: 2 } },
      { scope: A, id: 'gone', value: { n: 2 } },
      { scope: B, id: 'y', value: { n: 3 } },
      { scope: B, id: 'x', value: { n: 4 } },
    ]);
    expect(replaced).toEqual([true, false, true, false]);
    expect(await things.get(A, 'x')).toEqual({ n: 2 });
    expect(await things.get(B, 'y')).toEqual({ n: 3 });
    expect(await things.get(A, 'gone')).toBeUndefined();
    expect(await things.get(B, 'x')).toBeUndefined();
  });

  it('a batch that names one record twice, or holds a non-JSON value, writes nothing', async () => {
    const things = collection<{ n: number }>('things');
    await expect(
      things.insertMany([
        { scope: A, id: 'x', value: { n: 1 } },
        { scope: A, id: 'x', value: { n: 2 } },
      ]),
    ).rejects.toThrow(/twice/);
    const notJson = undefined as unknown as { n: number };
    await expect(
      things.insertMany([
        { scope: A, id: 'y', value: { n: 1 } },
        { scope: A, id: 'z', value: notJson },
      ]),
    ).rejects.toThrow(TypeError);
    expect(await things.count(A)).toBe(0);
  });

  it('batches inside a transaction commit with it, or vanish with its rollback', async () => {
    const things = collection<{ n: number }>('things');
    await things.put(A, 'x', { n: 1 });
    await transaction(async (tx) => {
      const inside = tx.collection<{ n: number }>('things');
      expect(await inside.insertMany([{ scope: A, id: 'y', value: { n: 2 } }])).toEqual([true]);
      expect(await inside.replaceMany([{ scope: A, id: 'x', value: { n: 3 } }])).toEqual([true]);
      expect(await inside.getMany([{ scope: A, id: 'y' }])).toEqual([{ n: 2 }]);
    });
    expect(
      await things.getMany([
        { scope: A, id: 'x' },
        { scope: A, id: 'y' },
      ]),
    ).toEqual([{ n: 3 }, { n: 2 }]);
    await expect(
      transaction(async (tx) => {
        const inside = tx.collection<{ n: number }>('things');
        await inside.insertMany([{ scope: A, id: 'z', value: { n: 4 } }]);
        await inside.replaceMany([{ scope: A, id: 'x', value: { n: 5 } }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await things.get(A, 'z')).toBeUndefined();
    expect(await things.get(A, 'x')).toEqual({ n: 3 });
  });

  it('concurrent insertMany batches over the same ids: each record inserted once', async () => {
    const things = collection<number>('things');
    const ids = Array.from({ length: 30 }, (_, i) => `id-${i}`);
    const batches = await Promise.all(
      [0, 1, 2, 3].map((b) =>
        things.insertMany(
          (b % 2 === 0 ? ids : [...ids].reverse()).map((id) => ({ scope: A, id, value: b })),
        ),
      ),
    );
    const wins = ids.map(
      (_, i) => batches.filter((inserted, b) => inserted[b % 2 === 0 ? i : 29 - i]).length,
    );
    expect(wins).toEqual(ids.map(() => 1));
    expect(await things.count(A)).toBe(30);
  });
});

describe('groupedGets', () => {
  it('reads what each asked, those of one turn in one getMany, and fresh each time', async () => {
    const things = createMemoryStore().collection<{ n: number }>('things');
    await things.put(A, 'x', { n: 1 });
    await things.put(B, 'y', { n: 2 });
    const batches: number[] = [];
    const counted = {
      ...things,
      getMany: (keys: Parameters<typeof things.getMany>[0]) => {
        batches.push(keys.length);
        return things.getMany(keys);
      },
    };
    const get = groupedGets(counted);
    expect(await Promise.all([get(A, 'x'), get(B, 'y'), get(A, 'nope')])).toEqual([
      { n: 1 },
      { n: 2 },
      undefined,
    ]);
    await things.put(A, 'x', { n: 3 });
    expect(await get(A, 'x')).toEqual({ n: 3 });
    expect(batches).toEqual([3, 1]);
  });

  it('a failed group read is made again one by one', async () => {
    const things = createMemoryStore().collection<{ n: number }>('things');
    await things.put(A, 'x', { n: 1 });
    const failing = {
      ...things,
      getMany: () => Promise.reject(new Error('batch failed')),
      get: (scope: Scope, id: string) =>
        id === 'bad' ? Promise.reject(new Error('bad read')) : things.get(scope, id),
    };
    const get = groupedGets(failing);
    const results = await Promise.allSettled([get(A, 'x'), get(A, 'bad')]);
    expect(results).toEqual([
      { status: 'fulfilled', value: { n: 1 } },
      { status: 'rejected', reason: new Error('bad read') },
    ]);
  });
});
