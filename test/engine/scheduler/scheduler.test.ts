/** The scheduler engine on a virtual clock, with the store-backed fire ledger. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVirtualClock } from '../../../src/engine/clock/index.js';
import { silentLogger } from '../../../src/engine/log.js';
import {
  MAX_FIRED_PER_MOVE,
  Scheduler,
  SKIPPED_COUNT_LIMIT,
  type EntryBehaviour,
  type ScheduleEntry,
  type SkippedInstants,
} from '../../../src/engine/scheduler/index.js';
import { createStoreLedger } from '../../../src/store/fire-ledger.js';
import { openStore } from '../../../src/store/open.js';
import type { Store } from '../../../src/store/types.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const MIN = 60_000;

/** An entry's key and instants; its behaviour comes from the scheduler's test harness. */
type Timing = Pick<ScheduleEntry, 'key' | 'nextAfter'>;

/** Every `periodMs` from the epoch, e.g. each minute on the minute. */
function every(key: string, periodMs: number, offsetMs = 0): Timing {
  return {
    key,
    nextAfter: (ms) => Math.floor((ms - offsetMs) / periodMs) * periodMs + periodMs + offsetMs,
  };
}

function once(key: string, atMs: number): Timing {
  return { key, nextAfter: (ms) => (ms < atMs ? atMs : undefined) };
}

interface Harness {
  store: Store;
  clock: ReturnType<typeof createVirtualClock>;
  scheduler: Scheduler;
  /** Puts an entry on the scheduler, recording what it is asked to do. */
  add(timing: Timing, activeSinceMs?: number): void;
  fired: string[];
  missed: string[];
  skipped: Array<SkippedInstants & { key: string }>;
}

const running: Scheduler[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

async function harness(store?: Store, startMs = T0): Promise<Harness> {
  const s = store ?? (await openStore({ kind: 'memory' }));
  const clock = createVirtualClock(startMs);
  const fired: string[] = [];
  const missed: string[] = [];
  const skipped: Harness['skipped'] = [];
  const iso = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  const scheduler = new Scheduler({
    clock,
    ledger: createStoreLedger(s),
    logger: silentLogger,
  });
  const behaviour = (key: string): EntryBehaviour => ({
    fire: async (at, claim) => {
      expect(clock.nowMs()).toBe(at);
      if (await claim()) fired.push(`${key}@${iso(at)}`);
    },
    missed: async (at, claim) => {
      const claimed = await claim();
      if (claimed) missed.push(`${key}@${iso(at)}`);
      return claimed;
    },
    skipped: async (summary, claim) => {
      expect(clock.nowMs()).toBe(summary.throughMs);
      if (await claim()) skipped.push({ key, ...summary });
    },
  });
  const add = (timing: Timing, activeSinceMs?: number) =>
    scheduler.upsert({ ...timing, ...behaviour(timing.key) }, activeSinceMs);
  running.push(scheduler);
  return { store: s, clock, scheduler, add, fired, missed, skipped };
}

describe('firing', () => {
  it('fires each entry at its instants, in instant order, as the clock moves', async () => {
    const h = await harness();
    h.add(every('a', 2 * MIN));
    h.add(every('b', 3 * MIN));
    h.add(once('c', T0 + 5 * MIN + 30_000));
    await h.scheduler.start();
    await h.clock.advance(6 * MIN);
    expect(h.fired).toEqual(
      ['a@00:02', 'a@00:04', 'b@00:03', 'c@00:05', 'a@00:06', 'b@00:06'].sort(
        (x, y) => x.slice(2).localeCompare(y.slice(2)) || x.localeCompare(y),
      ),
    );
  });

  it('fires nothing before an instant and nothing twice', async () => {
    const h = await harness();
    h.add(every('a', 10 * MIN));
    await h.scheduler.start();
    await h.clock.advance(10 * MIN - 1);
    expect(h.fired).toEqual([]);
    await h.clock.advance(1);
    await h.clock.advance(1);
    expect(h.fired).toEqual(['a@00:10']);
  });

  it('takes an entry added while running, and an earlier one wakes the loop', async () => {
    const h = await harness();
    h.add(every('slow', 60 * MIN));
    await h.scheduler.start();
    await h.clock.advance(MIN);
    h.add(once('soon', T0 + 2 * MIN));
    await h.clock.advance(2 * MIN);
    expect(h.fired).toEqual(['soon@00:02']);
  });

  it('stops firing an entry once removed, and fires its replacement instead', async () => {
    const h = await harness();
    h.add(every('a', MIN));
    await h.scheduler.start();
    await h.clock.advance(MIN);
    h.add(every('a', 5 * MIN));
    await h.clock.advance(4 * MIN);
    h.add(every('b', MIN));
    h.scheduler.remove('b');
    await h.clock.advance(MIN);
    expect(h.fired).toEqual(['a@00:01', 'a@00:05']);
    expect(h.scheduler.nextInstant('a')).toBe(T0 + 10 * MIN);
    expect(h.scheduler.nextInstant('b')).toBeUndefined();
  });
});

describe('the ledger', () => {
  it('lets only one of two schedulers sharing a store fire an instant', async () => {
    const store = await openStore({ kind: 'memory' });
    const one = await harness(store);
    const two = await harness(store);
    for (const h of [one, two]) {
      h.add(every('shared', MIN));
      await h.scheduler.start();
    }
    await Promise.all([one.clock.advance(3 * MIN), two.clock.advance(3 * MIN)]);
    expect([...one.fired, ...two.fired].sort()).toEqual([
      'shared@00:01',
      'shared@00:02',
      'shared@00:03',
    ]);
  });

  it('reports instants that fell while teiki was down as missed, and fires none late', async () => {
    const store = await openStore({ kind: 'memory' });
    const before = await harness(store);
    before.add(every('job', 10 * MIN), T0);
    await before.scheduler.start();
    await before.clock.advance(15 * MIN);
    await before.scheduler.stop();
    expect(before.fired).toEqual(['job@00:10']);

    // teiki comes back 40 minutes later.
    const after = await harness(store, T0 + 55 * MIN);
    after.add(every('job', 10 * MIN), T0);
    await after.scheduler.start();
    expect(after.missed).toEqual(['job@00:20', 'job@00:30', 'job@00:40', 'job@00:50']);
    await after.clock.advance(5 * MIN);
    expect(after.fired).toEqual(['job@01:00']);
  });

  it('does not report instants before an entry became active', async () => {
    const store = await openStore({ kind: 'memory' });
    const first = await harness(store);
    await first.scheduler.start();
    await first.scheduler.stop();
    const later = await harness(store, T0 + 60 * MIN);
    later.add(every('new', 10 * MIN), T0 + 35 * MIN);
    await later.scheduler.start();
    expect(later.missed).toEqual(['new@00:40', 'new@00:50', 'new@01:00']);
  });

  it("claims an entry's instants in order even when an earlier handler is slower", async () => {
    const store = await openStore({ kind: 'memory' });
    const clock = createVirtualClock(T0);
    const claimed: string[] = [];
    const scheduler = new Scheduler({
      clock,
      ledger: createStoreLedger(store),
      logger: silentLogger,
    });
    running.push(scheduler);
    scheduler.upsert({
      ...every('job', MIN),
      fire: async (at, claim) => {
        // The first instant's handler reads something slowly before it claims.
        if (at === T0 + MIN) await new Promise((resolve) => setTimeout(resolve, 30));
        if (await claim()) claimed.push(new Date(at).toISOString().slice(11, 16));
      },
      missed: (_at, claim) => claim(),
      skipped: async (_summary, claim) => void (await claim()),
    });
    await scheduler.start();
    await clock.advance(3 * MIN);
    await scheduler.stop();
    expect(claimed).toEqual(['00:01', '00:02', '00:03']);
  });

  it('saves progress past an instant only once its claim is durable', async () => {
    const store = await openStore({ kind: 'memory' });
    const ledger = createStoreLedger(store);
    let releaseClaim!: () => void;
    const held = new Promise<void>((resolve) => (releaseClaim = resolve));
    const saved: number[] = [];
    const fired: number[] = [];
    const clock = createVirtualClock(T0);
    const scheduler = new Scheduler({
      clock,
      ledger: {
        ...ledger,
        // A kill while this claim is in flight must leave 00:02 to be reported missed.
        claim: async (key, at, alongWith) => {
          if (at === T0 + 2 * MIN) await held;
          return ledger.claim(key, at, alongWith);
        },
        saveProgress: async (ms) => {
          await ledger.saveProgress(ms);
          saved.push(ms);
        },
      },
      logger: silentLogger,
    });
    running.push(scheduler);
    scheduler.upsert({
      ...every('job', MIN),
      fire: async (at, claim) => {
        fired.push(at);
        await claim();
      },
      missed: (_a, c) => c(),
      skipped: async (_s, c) => void (await c()),
    });
    await scheduler.start();
    await clock.advance(3 * MIN);
    // Everything that can happen while 00:02's claim is held: all three instants fired
    // and the progress past 00:01 saved. Then progress must not have passed 00:02.
    await vi.waitFor(() => {
      expect(fired).toEqual([T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN]);
      expect(saved).toContain(T0 + MIN);
    });
    expect(await ledger.loadProgress()).toBeLessThan(T0 + 2 * MIN);
    releaseClaim();
    await scheduler.stop();
    expect(await ledger.loadProgress()).toBe(T0 + 3 * MIN);
  });
});

describe('large clock moves', () => {
  const DAY = 24 * 60 * MIN;

  it('fires at most the cap per entry in one move and records the rest as one summary', async () => {
    const h = await harness();
    h.add(every('minutely', MIN));
    h.add(every('hourly', 60 * MIN));
    await h.scheduler.start();
    await h.clock.advance(10 * DAY);
    const minutely = h.fired.filter((f) => f.startsWith('minutely@'));
    // The instant armed before the move, then the cap's worth during it.
    expect(minutely).toHaveLength(MAX_FIRED_PER_MOVE + 1);
    expect(h.fired.filter((f) => f.startsWith('hourly@'))).toHaveLength(240);
    expect(h.skipped).toEqual([
      {
        key: 'minutely',
        fromMs: T0 + (MAX_FIRED_PER_MOVE + 2) * MIN,
        throughMs: T0 + 10 * DAY,
        count: 10 * 1440 - MAX_FIRED_PER_MOVE - 1,
        countIsLowerBound: false,
      },
    ]);
    // Nothing lost, nothing doubled: the next minute fires once, as usual.
    h.fired.length = 0;
    await h.clock.advance(MIN);
    expect(h.fired).toEqual(['minutely@00:01']);
    expect(h.skipped).toHaveLength(1);
  });

  it('counts each move on its own', async () => {
    const h = await harness();
    h.add(every('minutely', MIN));
    await h.scheduler.start();
    await h.clock.advance(DAY);
    await h.clock.advance(DAY);
    expect(h.fired).toHaveLength(2 * 1440);
    expect(h.skipped).toEqual([]);
  });

  it('moves to the clock’s horizon with bounded work, the summary’s count bounded too', async () => {
    const h = await harness();
    h.add(every('minutely', MIN));
    await h.scheduler.start();
    const horizon = Date.parse('9999-12-31T23:59:00Z');
    await h.clock.set(horizon);
    expect(h.fired).toHaveLength(MAX_FIRED_PER_MOVE + 1);
    expect(h.skipped).toHaveLength(1);
    expect(h.skipped[0]).toMatchObject({
      throughMs: horizon,
      count: SKIPPED_COUNT_LIMIT,
      countIsLowerBound: true,
    });
  });
});
