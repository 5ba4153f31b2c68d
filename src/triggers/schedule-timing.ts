/**
 * When an EventBridge Scheduler schedule fires: its expression in its time zone, within
 * StartDate and EndDate, and with a FLEXIBLE window, at a moment inside the window after
 * each nominal instant. The moment is a hash of the schedule and the instant, so it is
 * spread like AWS's random pick yet the same after a restart (the ledger then recognises
 * an instant already fired).
 */
import { createHash } from 'node:crypto';
import type { ScheduleExpression } from '../engine/schedule-expressions/types.js';
import type { ScheduleRecord } from '../services/scheduler/records.js';

export interface ScheduleTiming {
  /** The first firing moment strictly after `afterMs`. */
  nextFiringAfter(afterMs: number): number | undefined;
  /** The nominal instant a firing moment belongs to. */
  nominalOf(firingMs: number): number | undefined;
}

export function scheduleTiming(
  key: string,
  schedule: ScheduleRecord,
  expression: ScheduleExpression,
): ScheduleTiming {
  const timeZone = schedule.scheduleExpressionTimezone ?? 'UTC';
  const anchorMs = schedule.startDate ?? schedule.creationDate;
  const windowMs =
    schedule.flexibleTimeWindow.Mode === 'FLEXIBLE'
      ? (schedule.flexibleTimeWindow.MaximumWindowInMinutes ?? 0) * 60_000
      : 0;
  const nominalAfter = (ms: number): number | undefined => {
    const from = schedule.startDate !== undefined ? Math.max(ms, schedule.startDate - 1) : ms;
    const next = expression.nextAfter(from, { timeZone, anchorMs });
    if (next === undefined) return undefined;
    return schedule.endDate !== undefined && next > schedule.endDate ? undefined : next;
  };
  const offset = (nominal: number) =>
    windowMs === 0
      ? 0
      : createHash('sha256').update(`${key}@${nominal}`).digest().readUInt32BE(0) % windowMs;

  /** Each nominal instant whose window can still hold a firing after `afterMs`. */
  function* candidates(afterMs: number): Generator<number> {
    for (let n = nominalAfter(afterMs - windowMs); n !== undefined; n = nominalAfter(n)) {
      yield n;
      if (n > afterMs) return;
    }
  }

  return {
    nextFiringAfter(afterMs) {
      let best: number | undefined;
      for (const nominal of candidates(afterMs)) {
        const firing = nominal + offset(nominal);
        if (firing > afterMs && (best === undefined || firing < best)) best = firing;
      }
      return best;
    },
    nominalOf(firingMs) {
      for (const nominal of candidates(firingMs - 1)) {
        if (nominal + offset(nominal) === firingMs) return nominal;
      }
      return undefined;
    },
  };
}
