/**
 * Schedulers of several nodes sharing one ledger: each fires only the entries it owns,
 * and a node taking entries over fires what their previous owner left, late, once.
 */
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src/engine/clock/index.js';
import { silentLogger } from '../../../src/engine/log.js';
import { Scheduler, type ScheduleEntry } from '../../../src/engine/scheduler/index.js';
import { createStoreLedger } from '../../../src/store/fire-ledger.js';
import { openStore } from '../../../src/store/open.js';
import type { Store } from '../../../src/store/types.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const MIN = 60_000;

/** Each minute on the minute; what it does when fired is recorded in `fired`. */
const every = (key: string, fired: string[]): ScheduleEntry => ({
  key,
  nextAfter: (ms) => Math.floor(ms / MIN) * MIN + MIN,
  fire: async (at, claim) => {
    if (await claim()) fired.push(`${key}@${new Date(at).toISOString().slice(11, 16)}`);
  },
  missed: (_at, claim) => claim(),
  skipped: async (_summary, claim) => void (await claim()),
});

function node(store: Store, owned: Set<string>) {
  const clock = createVirtualClock(T0);
  const fired: string[] = [];
  const scheduler = new Scheduler({
    clock,
    ledger: createStoreLedger(store),
    logger: silentLogger,
    ownership: { owns: (key) => owned.has(key) },
  });
  for (const key of ['a', 'b', 'c', 'd']) scheduler.upsert(every(key, fired), T0);
  return { clock, fired, scheduler, owned };
}

const minutes = (key: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${key}@00:0${from + i}`);

describe('schedulers of several nodes', () => {
  it.each([
    {
      name: 'one node takes all over',
      one: ['a', 'c'],
      two: ['b', 'd'],
      after: ['a', 'b', 'c', 'd'],
    },
    { name: 'entries move both ways', one: ['a', 'b', 'c'], two: ['d'], after: ['a', 'd'] },
  ])('$name: every instant fired once, each by its owner', async ({ one, two, after }) => {
    const store = await openStore({ kind: 'memory' });
    const n1 = node(store, new Set(one));
    const n2 = node(store, new Set(two));
    await n1.scheduler.start();
    await n2.scheduler.start();
    await Promise.all([n1.clock.advance(3 * MIN), n2.clock.advance(3 * MIN)]);
    expect(n1.fired.every((f) => one.includes(f[0] as string))).toBe(true);
    expect(n2.fired.every((f) => two.includes(f[0] as string))).toBe(true);

    // Node 1 stops firing (it died); node 2's clock moves on before it learns of it.
    await n1.scheduler.stop();
    await n2.clock.advance(2 * MIN);
    const before = new Set(n2.owned);
    n2.owned.clear();
    for (const key of after) n2.owned.add(key);
    await n2.scheduler.takeOver((key) => before.has(key));
    await n2.clock.advance(MIN);

    const all = [...n1.fired, ...n2.fired].sort();
    const expected = [
      ...['a', 'b', 'c', 'd'].flatMap((key) =>
        // An entry nobody owns after the change stops at the change.
        after.includes(key) ? minutes(key, 1, 6) : minutes(key, 1, two.includes(key) ? 5 : 3),
      ),
    ].sort();
    expect(all).toEqual(expected);
    await n2.scheduler.stop();
  });
});
