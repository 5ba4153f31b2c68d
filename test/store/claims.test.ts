/**
 * The fire ledger's claims (`Store.claimInstants`), one contract for every store: an
 * instant is claimed once, later instants after it, and the writes staged with a claim
 * commit exactly when it holds. On PostgreSQL, several stores on one schema stand for
 * several nodes claiming the same instants at once.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimWork } from '../../src/engine/scheduler/index.js';
import { createStoreLedger } from '../../src/store/fire-ledger.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import type { InstantClaim, Scope } from '../../src/store/types.js';
import { createTestSchema } from '../helpers/postgres.js';
import { implementations, useStore } from './store-fixtures.js';

const A: Scope = { accountId: '000000000000', region: 'us-east-1' };
const T = Date.parse('2026-01-01T00:00:00Z');

const claim = (key: string, atMs: number, ...ids: string[]): InstantClaim => ({
  key,
  atMs,
  writes: ids.map((id) => ({ collection: 'invocations', scope: A, id, value: { key, atMs } })),
});

describe.each(implementations)('fire ledger claims: $name', ({ harness }) => {
  const fixture = useStore(harness);

  const invocations = async () =>
    (await fixture.store.collection('invocations').list(A)).map((e) => e.id).sort();

  it.each([
    { name: 'a first instant', first: [], then: [claim('r', T, 'i1')], held: [true], ids: ['i1'] },
    {
      name: 'the same instant again',
      first: [claim('r', T, 'i1')],
      then: [claim('r', T, 'i2')],
      held: [false],
      ids: ['i1'],
    },
    {
      name: 'an older instant',
      first: [claim('r', T + 60_000, 'i1')],
      then: [claim('r', T, 'i2')],
      held: [false],
      ids: ['i1'],
    },
    {
      name: 'a later instant',
      first: [claim('r', T, 'i1')],
      then: [claim('r', T + 60_000, 'i2', 'i3')],
      held: [true],
      ids: ['i1', 'i2', 'i3'],
    },
    {
      name: 'a group that mixes held and refused claims',
      first: [claim('a', T, 'a1'), claim('b', T + 60_000, 'b1')],
      then: [claim('a', T + 60_000, 'a2'), claim('b', T, 'b2'), claim('c', T)],
      held: [true, false, true],
      ids: ['a1', 'a2', 'b1'],
    },
  ])('claims $name, with its staged writes only when it holds', async (c) => {
    await fixture.store.claimInstants(c.first);
    expect(await fixture.store.claimInstants(c.then)).toEqual(c.held);
    expect(await invocations()).toEqual(c.ids);
  });

  it('writes the ledger record the ledger reads back', async () => {
    const ledger = createStoreLedger(fixture.store);
    expect(await ledger.lastClaimed('r')).toBeUndefined();
    await fixture.store.claimInstants([claim('r', T + 120_000)]);
    expect(await ledger.lastClaimed('r')).toBe(T + 120_000);
  });

  it('the ledger commits claims asked together, each decided on its own', async () => {
    const ledger = createStoreLedger(fixture.store);
    const stage =
      (id: string): ClaimWork =>
      (writes) =>
        writes.put('invocations', A, id, {});
    await ledger.claim('b', T + 60_000);
    const held = await Promise.all([
      ledger.claim('a', T, stage('a1')),
      ledger.claim('b', T, stage('b1')),
      ledger.claim('c', T, stage('c1')),
    ]);
    expect(held).toEqual([true, false, true]);
    expect(await invocations()).toEqual(['a1', 'c1']);
  });
});

describe('fire ledger claims asked at once, more than one group holds', () => {
  it('are each decided, with their writes', async () => {
    const h = implementations[0]!.harness();
    const store = await h.open();
    try {
      const ledger = createStoreLedger(store);
      const keys = Array.from({ length: 2_500 }, (_, i) => `rule-${i}`);
      const held = await Promise.all(
        keys.map((key) => ledger.claim(key, T, (writes) => writes.put('invocations', A, key, {}))),
      );
      expect(held.every(Boolean)).toBe(true);
      expect(await store.collection('invocations').count(A)).toBe(keys.length);
      expect(await ledger.claim('rule-0', T)).toBe(false);
    } finally {
      await store.close();
      await h.cleanup();
    }
  });
});

describe('fire ledger claims from several stores on one PostgreSQL schema', () => {
  it('every instant is claimed by exactly one of them', async () => {
    const schema = await createTestSchema();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url: schema.url })));
    try {
      const keys = Array.from({ length: 50 }, (_, i) => `rule-${i}`);
      for (const minute of [0, 1, 2]) {
        const at = T + minute * 60_000;
        const results = await Promise.all(
          stores.map((s, n) =>
            s.claimInstants(keys.map((key) => claim(key, at, `${key}@${minute}#${n}`))),
          ),
        );
        for (let k = 0; k < keys.length; k++) {
          expect(results.filter((held) => held[k]).length).toBe(1);
        }
      }
      const written = await stores[0]!.collection('invocations').list(A);
      expect(written.length).toBe(keys.length * 3);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await schema.drop();
    }
  });
});
