/**
 * What a node does with the instants an entry's previous owner left (it died, or the live
 * set changed): every instant after the last one claimed, up to now, either fires late or
 * is recorded as missed. Pure, so the rule is tested by a table.
 */
import type { ScheduleEntry } from './types.js';

/**
 * On a real clock, a taken-over instant at most this late still fires (Quartz's misfire
 * threshold, 60 s); an older one is recorded as missed, as instants missed while teiki was
 * down are. On a virtual clock every taken-over instant fires, up to `maxFired`.
 */
export const TAKEOVER_FIRE_WINDOW_MS = 60_000;

export interface TakeoverPlan {
  /** Instants to fire now, late, in order. */
  fire: number[];
  /** Instants to record as missed, in order. */
  missed: number[];
  /** Instants past every limit: neither fired nor recorded one by one, only counted. */
  passed: number;
}

export function planTakeover(options: {
  entry: Pick<ScheduleEntry, 'nextAfter'>;
  /** The last instant claimed (or the instant before the entry became active). */
  afterMs: number;
  nowMs: number;
  virtual: boolean;
  maxFired: number;
  maxMissed: number;
  /** Counting stops here, however long the gap. */
  countLimit: number;
}): TakeoverPlan {
  const plan: TakeoverPlan = { fire: [], missed: [], passed: 0 };
  const { entry, nowMs } = options;
  const all: number[] = [];
  for (let at = entry.nextAfter(options.afterMs); at !== undefined && at <= nowMs;) {
    if (all.length >= options.countLimit) break;
    all.push(at);
    at = entry.nextAfter(at);
  }
  for (const at of all) {
    const fires = options.virtual
      ? plan.fire.length < options.maxFired
      : nowMs - at <= TAKEOVER_FIRE_WINDOW_MS;
    if (fires) plan.fire.push(at);
    else if (plan.missed.length < options.maxMissed) plan.missed.push(at);
    else plan.passed += 1;
  }
  return plan;
}
