/** What a node does with the instants a previous owner left: planTakeover's rule. */
import { describe, expect, it } from 'vitest';
import {
  planTakeover,
  TAKEOVER_FIRE_WINDOW_MS,
  type ScheduleEntry,
} from '../../../src/engine/scheduler/index.js';

const MIN = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const everyMinute: Pick<ScheduleEntry, 'nextAfter'> = {
  nextAfter: (ms) => Math.floor(ms / MIN) * MIN + MIN,
};
const onceAt = (at: number): Pick<ScheduleEntry, 'nextAfter'> => ({
  nextAfter: (ms) => (ms < at ? at : undefined),
});
const limits = { maxFired: 3, maxMissed: 2, countLimit: 100 };

describe('planTakeover', () => {
  it.each([
    {
      name: 'nothing left when the last claim is the latest instant',
      entry: everyMinute,
      afterMs: T0 + 5 * MIN,
      nowMs: T0 + 5 * MIN + 30_000,
      virtual: false,
      plan: { fire: [], missed: [], passed: 0 },
    },
    {
      name: 'real clock: an instant a few seconds late fires',
      entry: everyMinute,
      afterMs: T0 + 4 * MIN,
      nowMs: T0 + 5 * MIN + 4_000,
      virtual: false,
      plan: { fire: [T0 + 5 * MIN], missed: [], passed: 0 },
    },
    {
      name: 'real clock: the window is inclusive',
      entry: onceAt(T0),
      afterMs: T0 - 1,
      nowMs: T0 + TAKEOVER_FIRE_WINDOW_MS,
      virtual: false,
      plan: { fire: [T0], missed: [], passed: 0 },
    },
    {
      name: 'real clock: older instants are missed, the rest past the limit only counted',
      entry: everyMinute,
      afterMs: T0,
      nowMs: T0 + 5 * MIN + 10_000,
      virtual: false,
      plan: { fire: [T0 + 5 * MIN], missed: [T0 + MIN, T0 + 2 * MIN], passed: 2 },
    },
    {
      name: 'virtual clock: fires up to the cap, however late',
      entry: everyMinute,
      afterMs: T0,
      nowMs: T0 + 4 * MIN,
      virtual: true,
      plan: { fire: [T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN], missed: [T0 + 4 * MIN], passed: 0 },
    },
    {
      name: 'a one-time schedule already claimed: nothing',
      entry: onceAt(T0),
      afterMs: T0,
      nowMs: T0 + MIN,
      virtual: true,
      plan: { fire: [], missed: [], passed: 0 },
    },
    {
      name: 'an instant after now waits for the heap',
      entry: onceAt(T0 + MIN),
      afterMs: T0 - 1,
      nowMs: T0,
      virtual: false,
      plan: { fire: [], missed: [], passed: 0 },
    },
  ])('$name', ({ entry, afterMs, nowMs, virtual, plan }) => {
    expect(planTakeover({ entry, afterMs, nowMs, virtual, ...limits })).toEqual(plan);
  });

  it('stops counting at the count limit', () => {
    const plan = planTakeover({
      entry: everyMinute,
      afterMs: T0,
      nowMs: T0 + 1000 * MIN,
      virtual: false,
      ...limits,
    });
    expect(plan.missed.length + plan.fire.length + plan.passed).toBe(limits.countLimit);
  });
});
