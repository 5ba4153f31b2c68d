import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { GLOBAL_REGION, type Scope, type StoreSession } from '../../src/store/types.js';
import { implementations, useStore } from './store-fixtures.js';

/**
 * One contract, every implementation: whatever a service may rely on is asserted here
 * against each store the same way.
 */
const A: Scope = { accountId: '000000000000', region: 'us-east-1' };
const B: Scope = { accountId: '111111111111', region: 'us-east-1' };
const C: Scope = { accountId: '000000000000', region: 'eu-west-1' };
const G: Scope = { accountId: '000000000000', region: GLOBAL_REGION };

const ids = (entries: Array<{ id: string }>) => entries.map((e) => e.id);

describe.each(implementations)('store contract: $name', ({ name, harness }) => {
  const fixture = useStore(harness);

  it('says what it is', () => {
    expect(fixture.store.kind).toBe(name);
  });

  describe('single records', () => {
    it('gets what was put, and undefined for what was not', async () => {
      const things = fixture.store.collection<{ n: number }>('things');
      expect(await things.get(A, 'x')).toBeUndefined();
      await things.put(A, 'x', { n: 1 });
      expect(await things.get(A, 'x')).toEqual({ n: 1 });
    });

    it('put replaces', async () => {
      const things = fixture.store.collection<{ n: number }>('things');
      await things.put(A, 'x', { n: 1 });
      await things.put(A, 'x', { n: 2 });
      expect(await things.get(A, 'x')).toEqual({ n: 2 });
      expect(await things.count(A)).toBe(1);
    });

    it('insert claims once and never overwrites', async () => {
      const ledger = fixture.store.collection<string>('ledger');
      expect(await ledger.insert(A, 'rule#2024-01-01T02:20', 'first')).toBe(true);
      expect(await ledger.insert(A, 'rule#2024-01-01T02:20', 'second')).toBe(false);
      expect(await ledger.get(A, 'rule#2024-01-01T02:20')).toBe('first');
    });

    it('concurrent inserts of one id: exactly one wins', async () => {
      const ledger = fixture.store.collection<number>('ledger');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ledger.insert(A, 'claim', i)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await ledger.get(A, 'claim')).toBe(results.indexOf(true));
    });

    it('replace changes a present record only, and never brings a deleted one back', async () => {
      const things = fixture.store.collection<{ n: number }>('things');
      expect(await things.replace(A, 'x', { n: 1 })).toBe(false);
      expect(await things.get(A, 'x')).toBeUndefined();
      await things.put(A, 'x', { n: 1 });
      expect(await things.replace(A, 'x', { n: 2 })).toBe(true);
      expect(await things.get(A, 'x')).toEqual({ n: 2 });
      await things.delete(A, 'x');
      expect(await things.replace(A, 'x', { n: 3 })).toBe(false);
      expect(await things.count(A)).toBe(0);
      await fixture.store.transaction(async (tx) => {
        const inside = tx.collection<{ n: number }>('things');
        await inside.put(A, 'y', { n: 1 });
        expect(await inside.replace(A, 'y', { n: 2 })).toBe(true);
        expect(await inside.replace(A, 'z', { n: 2 })).toBe(false);
      });
      expect(await things.get(A, 'y')).toEqual({ n: 2 });
      expect(await things.get(A, 'z')).toBeUndefined();
    });

    it('delete says whether something was deleted', async () => {
      const things = fixture.store.collection<number>('things');
      await things.put(A, 'x', 1);
      expect(await things.delete(A, 'x')).toBe(true);
      expect(await things.delete(A, 'x')).toBe(false);
      expect(await things.get(A, 'x')).toBeUndefined();
      expect(await things.insert(A, 'x', 2)).toBe(true);
    });

    it('collections are separate', async () => {
      await fixture.store.collection<number>('a').put(A, 'x', 1);
      expect(await fixture.store.collection<number>('b').get(A, 'x')).toBeUndefined();
      expect(await fixture.store.collection<number>('b').count(A)).toBe(0);
    });

    it('rejects a value that is not JSON and stores nothing', async () => {
      const things = fixture.store.collection<Record<string, number>>('things');
      const notJson = undefined as unknown as Record<string, number>;
      await expect(things.put(A, 'x', notJson)).rejects.toThrow(TypeError);
      await expect(things.insert(A, 'x', notJson)).rejects.toThrow(TypeError);
      expect(await things.count(A)).toBe(0);
    });
  });

  describe('scopes', () => {
    it('isolates accounts and regions', async () => {
      const things = fixture.store.collection<string>('things');
      await things.put(A, 'x', 'a');
      await things.put(B, 'x', 'b');
      await things.put(C, 'x', 'c');
      await things.put(G, 'y', 'g');
      expect(await things.get(A, 'x')).toBe('a');
      expect(await things.get(B, 'x')).toBe('b');
      expect(await things.get(C, 'x')).toBe('c');
      expect(await things.get(G, 'x')).toBeUndefined();
      expect(ids(await things.list(A))).toEqual(['x']);
      expect(await things.count(G)).toBe(1);
      await things.delete(B, 'x');
      expect(await things.get(A, 'x')).toBe('a');
    });

    it('does not confuse scopes whose parts concatenate alike', async () => {
      const things = fixture.store.collection<string>('things');
      await things.put({ accountId: 'ab', region: 'c' }, 'x', '1');
      expect(await things.get({ accountId: 'a', region: 'bc' }, 'x')).toBeUndefined();
    });

    it('listAllScopes returns every scope, by id then account then region', async () => {
      const things = fixture.store.collection<string>('things');
      await things.put(C, 'b', 'C-b');
      await things.put(A, 'b', 'A-b');
      await things.put(B, 'a', 'B-a');
      await things.put(A, 'c', 'A-c');
      await fixture.store.collection<string>('other').put(A, 'a', 'not this');
      const all = await things.listAllScopes();
      expect(all.map((e) => [e.id, e.scope.accountId, e.scope.region, e.value])).toEqual([
        ['a', B.accountId, B.region, 'B-a'],
        ['b', C.accountId, C.region, 'C-b'],
        ['b', A.accountId, A.region, 'A-b'],
        ['c', A.accountId, A.region, 'A-c'],
      ]);
      expect(ids(await things.listAllScopes({ limit: 2 }))).toEqual(['a', 'b']);
      expect(ids(await things.listAllScopes({ after: 'a', prefix: 'b' }))).toEqual(['b', 'b']);
    });
  });

  describe('list', () => {
    const seed = [
      'task/001',
      'task/002',
      'task/010',
      'task/1',
      'taskdef/a',
      'tas',
      'a%b',
      'a_b',
      'aXb',
      'a',
      'é',
      'z',
      '\uffff',
      '\u{1F600}',
      '\u{10FFFF}',
      '\u{10FFFF}x',
      'p\u{10FFFF}z',
      '\ud7ffx',
      '\ue000',
    ];
    // Code-point order (what SQLite's BINARY collation gives over UTF-8).
    const sorted = [...seed].sort((x, y) => {
      const a = Array.from(x).map((c) => c.codePointAt(0)!);
      const b = Array.from(y).map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i] !== b[i]) return a[i]! - b[i]!;
      }
      return a.length - b.length;
    });

    beforeEach(async () => {
      const things = fixture.store.collection<string>('things');
      for (const id of seed) await things.put(A, id, `v:${id}`);
      await things.put(B, 'task/005', 'other scope');
    });

    it('orders by code point, astral characters last', async () => {
      const listed = await fixture.store.collection<string>('things').list(A);
      expect(ids(listed)).toEqual(sorted);
      expect(sorted.indexOf('\u{1F600}')).toBeGreaterThan(sorted.indexOf('\uffff'));
      expect(listed.every((e) => e.value === `v:${e.id}`)).toBe(true);
    });

    it.each([
      { prefix: 'task/', want: ['task/001', 'task/002', 'task/010', 'task/1'] },
      { prefix: 'task', want: ['task/001', 'task/002', 'task/010', 'task/1', 'taskdef/a'] },
      { prefix: 'a%', want: ['a%b'] },
      { prefix: 'a_', want: ['a_b'] },
      { prefix: 'a', want: ['a', 'a%b', 'aXb', 'a_b'] },
      { prefix: 'nothing', want: [] },
      { prefix: '\u{10FFFF}', want: ['\u{10FFFF}', '\u{10FFFF}x'] },
      { prefix: '\uffff', want: ['\uffff'] },
      { prefix: 'p', want: ['p\u{10FFFF}z'] },
      { prefix: '\ud7ff', want: ['\ud7ffx'] },
      { prefix: '', want: sorted },
    ])('prefix $prefix', async ({ prefix, want }) => {
      const things = fixture.store.collection<string>('things');
      expect(ids(await things.list(A, { prefix }))).toEqual(want);
      expect(await things.count(A, { prefix })).toBe(want.length);
    });

    it.each([
      { options: { after: 'task/002' }, want: sorted.slice(sorted.indexOf('task/002') + 1) },
      { options: { after: 'task/002', prefix: 'task/' }, want: ['task/010', 'task/1'] },
      {
        options: { after: 'task/0', prefix: 'task/' },
        want: ['task/001', 'task/002', 'task/010', 'task/1'],
      },
      {
        options: { after: 'b', prefix: 'task/' },
        want: ['task/001', 'task/002', 'task/010', 'task/1'],
      },
      { options: { after: 'task/1', prefix: 'task/' }, want: [] },
      { options: { after: 'zz', prefix: 'task/' }, want: [] },
      { options: { prefix: 'task/', limit: 2 }, want: ['task/001', 'task/002'] },
      { options: { prefix: 'task/', after: 'task/001', limit: 2 }, want: ['task/002', 'task/010'] },
      { options: { limit: 0 }, want: [] },
      { options: { limit: 3 }, want: sorted.slice(0, 3) },
    ])('options $options', async ({ options, want }) => {
      expect(ids(await fixture.store.collection<string>('things').list(A, options))).toEqual(want);
    });

    it('pages through everything with after + limit', async () => {
      const things = fixture.store.collection<string>('things');
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await things.list(A, { limit: 4, ...(after === undefined ? {} : { after }) });
        if (page.length === 0) break;
        seen.push(...ids(page));
        after = page.at(-1)!.id;
      }
      expect(seen).toEqual(sorted);
    });
  });

  describe('values', () => {
    it('round-trips JSON exactly', async () => {
      const value = {
        nested: { deep: { deeper: [1, 2, { three: [null, true, false] }] } },
        unicode: 'こんにちは 🚀 \u0000 \u2028 "quotes" \\ back',
        loneSurrogate: '\ud800',
        numbers: [0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER, -0.000001],
        empty: { obj: {}, arr: [], str: '' },
        large: 'x'.repeat(2_000_000),
      };
      const things = fixture.store.collection<typeof value>('things');
      await things.put(A, 'v', value);
      expect(await things.get(A, 'v')).toEqual(value);
      expect((await things.list(A))[0]!.value).toEqual(value);
      expect((await things.listAllScopes())[0]!.value).toEqual(value);
      for (const scalar of [null, true, 0, 'text', [1, 'two']]) {
        await fixture.store.collection('scalars').put(A, 's', scalar);
        expect(await fixture.store.collection('scalars').get(A, 's')).toEqual(scalar);
      }
    });

    it('copies on the way in and out', async () => {
      const things = fixture.store.collection<{ list: number[] }>('things');
      const value = { list: [1] };
      await things.put(A, 'x', value);
      value.list.push(2);
      const read = (await things.get(A, 'x'))!;
      expect(read).toEqual({ list: [1] });
      read.list.push(3);
      (await things.list(A))[0]!.value.list.push(4);
      expect(await things.get(A, 'x')).toEqual({ list: [1] });
    });

    it('drops undefined members as JSON does', async () => {
      const things = fixture.store.collection<Record<string, unknown>>('things');
      await things.put(A, 'x', { a: 1, b: undefined });
      expect(await things.get(A, 'x')).toStrictEqual({ a: 1 });
    });

    it('keeps ids with special characters apart', async () => {
      const things = fixture.store.collection<string>('things');
      const special = [
        ...['', ' ', '%', '_', "'", '"', '\\', '名前', '🚀', 'a\u0301', 'á'],
        ...['\u0000', 'a\u0000', 'a\u0000b', '\u0001', 'a\u0001\u0001', '\u0001\u0002'],
      ];
      for (const id of special) await things.put(A, id, id);
      for (const id of special) expect(await things.get(A, id)).toBe(id);
      expect(await things.count(A)).toBe(special.length);
      expect((await things.list(A, { prefix: 'a\u0000' })).map((e) => e.id)).toEqual([
        'a\u0000',
        'a\u0000b',
      ]);
    });
  });

  describe('transactions', () => {
    it('commits every write together', async () => {
      const result = await fixture.store.transaction(async (tx) => {
        await tx.collection<number>('a').put(A, 'x', 1);
        await tx.collection<number>('b').put(B, 'y', 2);
        expect(await tx.collection<number>('a').get(A, 'x')).toBe(1);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await fixture.store.collection<number>('a').get(A, 'x')).toBe(1);
      expect(await fixture.store.collection<number>('b').get(B, 'y')).toBe(2);
    });

    it('a throwing body leaves nothing behind', async () => {
      const things = fixture.store.collection<number>('things');
      await things.put(A, 'kept', 1);
      await things.put(A, 'gone', 1);
      const failure = new Error('boom');
      await expect(
        fixture.store.transaction(async (tx) => {
          const t = tx.collection<number>('things');
          await t.put(A, 'new', 1);
          await t.put(A, 'kept', 2);
          expect(await t.delete(A, 'gone')).toBe(true);
          expect(await t.insert(A, 'claim', 1)).toBe(true);
          expect(ids(await t.list(A))).toEqual(['claim', 'kept', 'new']);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await things.list(A)).toEqual([
        { id: 'gone', value: 1 },
        { id: 'kept', value: 1 },
      ]);
      expect(await things.insert(A, 'claim', 2)).toBe(true);
    });

    it('sees its own writes in get, list, count, insert and listAllScopes', async () => {
      const things = fixture.store.collection<number>('things');
      await things.put(A, 'a', 1);
      await things.put(A, 'b', 1);
      await fixture.store.transaction(async (tx) => {
        const t = tx.collection<number>('things');
        await t.delete(A, 'a');
        await t.put(A, 'c', 3);
        await t.put(C, 'd', 4);
        expect(await t.get(A, 'a')).toBeUndefined();
        expect(ids(await t.list(A))).toEqual(['b', 'c']);
        expect(await t.count(A)).toBe(2);
        expect(await t.insert(A, 'c', 9)).toBe(false);
        expect(await t.insert(A, 'a', 9)).toBe(true);
        expect(
          (await t.listAllScopes()).map((e) => `${e.scope.region}/${e.id}=${e.value}`),
        ).toEqual(['us-east-1/a=9', 'us-east-1/b=1', 'us-east-1/c=3', 'eu-west-1/d=4']);
      });
      expect(ids(await things.list(A))).toEqual(['a', 'b', 'c']);
      expect(await things.get(A, 'a')).toBe(9);
    });

    it('readers outside see only committed state while a transaction is open', async () => {
      const things = fixture.store.collection<number>('things');
      await things.put(A, 'x', 1);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      const tx = fixture.store.transaction(async (t) => {
        await t.collection<number>('things').put(A, 'x', 2);
        await t.collection<number>('things').put(A, 'y', 2);
        written();
        await gate;
      });
      await wrote;
      const during = [await things.get(A, 'x'), ids(await things.list(A))];
      release();
      await tx;
      expect(during).toEqual([1, ['x']]);
      expect(await things.get(A, 'x')).toBe(2);
    });

    it('serializes transactions: interleaving bodies never see partial state', async () => {
      const counter = fixture.store.collection<number>('counter');
      await counter.put(A, 'n', 0);
      const log: string[] = [];
      const bump = (label: string) =>
        fixture.store.transaction(async (tx) => {
          const c = tx.collection<number>('counter');
          log.push(`${label} start`);
          const n = (await c.get(A, 'n'))!;
          await new Promise((resolve) => setImmediate(resolve));
          await c.put(A, 'n', n + 1);
          await new Promise((resolve) => setImmediate(resolve));
          log.push(`${label} end`);
          return n;
        });
      const seen = await Promise.all([bump('1'), bump('2'), bump('3')]);
      expect(seen).toEqual([0, 1, 2]);
      expect(await counter.get(A, 'n')).toBe(3);
      expect(log).toEqual(['1 start', '1 end', '2 start', '2 end', '3 start', '3 end']);
    });

    it('a failed transaction does not block the next', async () => {
      await expect(
        fixture.store.transaction(() => Promise.reject(new Error('first fails'))),
      ).rejects.toThrow('first fails');
      await fixture.store.transaction(async (tx) => tx.collection<number>('t').put(A, 'x', 1));
      expect(await fixture.store.collection<number>('t').get(A, 'x')).toBe(1);
    });

    it('writes outside wait for the open transaction, and survive its rollback', async () => {
      const things = fixture.store.collection<string>('things');
      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const inBody = new Promise<void>((resolve) => (started = resolve));
      const tx = fixture.store.transaction(async (t) => {
        await t.collection<string>('things').put(A, 'inside', 'tx');
        started();
        await gate;
        order.push('tx ends');
        throw new Error('rolled back');
      });
      await inBody;
      const outsideWrite = things.put(A, 'outside', 'kept').then(() => order.push('outside put'));
      const outsideClaim = things.insert(A, 'inside', 'claimed').then((won) => {
        order.push(`outside insert ${won}`);
      });
      await new Promise((resolve) => setImmediate(resolve));
      const beforeRelease = [...order];
      release();
      await expect(tx).rejects.toThrow('rolled back');
      await Promise.all([outsideWrite, outsideClaim]);
      expect(beforeRelease).toEqual([]);
      expect(order).toEqual(['tx ends', 'outside put', 'outside insert true']);
      expect(await things.get(A, 'outside')).toBe('kept');
      expect(await things.get(A, 'inside')).toBe('claimed');
    });

    it('refuses store writes and nested transactions inside a body instead of hanging', async () => {
      await expect(
        fixture.store.transaction(() => fixture.store.collection<number>('t').put(A, 'x', 1)),
      ).rejects.toThrow(/tx session/);
      await expect(
        fixture.store.transaction(() => fixture.store.transaction(() => Promise.resolve())),
      ).rejects.toThrow(/tx session/);
      expect(await fixture.store.collection<number>('t').count(A)).toBe(0);
    });

    it('still refuses them after an await in the body, in every later transaction', async () => {
      // The body's context is tracked only while a transaction is open: each new one must
      // start tracking again, and through the body's awaits.
      for (let round = 0; round < 3; round++) {
        await fixture.store.transaction(async (tx) =>
          tx.collection<number>('t').put(A, 'x', round),
        );
        await fixture.store.collection<number>('t').put(A, 'between', round);
        await expect(
          fixture.store.transaction(async (tx) => {
            await tx.collection<number>('t').get(A, 'x');
            await new Promise((resolve) => setImmediate(resolve));
            await fixture.store.collection<number>('t').put(A, 'y', round);
          }),
        ).rejects.toThrow(/tx session/);
      }
      expect(await fixture.store.collection<number>('t').get(A, 'x')).toBe(2);
      expect(await fixture.store.collection<number>('t').get(A, 'y')).toBeUndefined();
    });

    it('a session used after its transaction ended is refused', async () => {
      let leaked: StoreSession | undefined;
      await fixture.store.transaction((tx) => {
        leaked = tx;
        return Promise.resolve();
      });
      await expect(leaked!.collection<number>('t').put(A, 'x', 1)).rejects.toThrow(/ended/);
      await expect(leaked!.collection<number>('t').get(A, 'x')).rejects.toThrow(/ended/);
    });
  });

  it('reset deletes every record of every collection and scope', async () => {
    await fixture.store.collection<number>('a').put(A, 'x', 1);
    await fixture.store.collection<number>('b').put(B, 'y', 2);
    await fixture.store.collection<number>('c').put(G, 'z', 3);
    await fixture.store.reset();
    expect(await fixture.store.collection<number>('a').listAllScopes()).toEqual([]);
    expect(await fixture.store.collection<number>('b').listAllScopes()).toEqual([]);
    expect(await fixture.store.collection<number>('c').get(G, 'z')).toBeUndefined();
    await fixture.store.collection<number>('a').put(A, 'x', 4);
    expect(await fixture.store.collection<number>('a').get(A, 'x')).toBe(4);
  });

  it('close waits for an open transaction, then refuses work', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = fixture.store.transaction(async (t) => {
      await gate;
      await t.collection<number>('t').put(A, 'x', 1);
    });
    const closed = fixture.store.close();
    release();
    await tx;
    await closed;
    await expect(fixture.store.collection<number>('t').get(A, 'x')).rejects.toThrow(/closed/);
    await expect(fixture.store.collection<number>('t').put(A, 'x', 1)).rejects.toThrow(/closed/);
    await expect(fixture.store.transaction(() => Promise.resolve())).rejects.toThrow(/closed/);
    await fixture.store.close();
  });
});

describe('openStore', () => {
  it('opens memory when asked, sqlite otherwise', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teiki-open-'));
    try {
      const memory = await openStore({ kind: 'memory' });
      expect(memory.kind).toBe('memory');
      await memory.close();
      const sqlite = await openStore({ kind: 'sqlite', dataDir: join(dir, 'nested', 'data') });
      expect(sqlite.kind).toBe('sqlite');
      await sqlite.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
