/**
 * `at(yyyy-mm-ddThh:mm:ss)`, EventBridge Scheduler's one-time schedule: a wall-clock time
 * in the schedule's time zone, exactly in that form.
 */
import { daysFromCivil, daysInMonth } from './civil.js';
import { ScheduleExpressionError } from './types.js';

export interface AtSpec {
  /** The wall-clock time as ms since 1970-01-01T00:00 of the local calendar. */
  readonly localMs: number;
  readonly text: string;
}

export function parseAt(inner: string): AtSpec {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})$/.exec(inner);
  if (!m)
    throw new ScheduleExpressionError(
      `at(${inner}) must be at(yyyy-mm-ddThh:mm:ss), for example at(2026-11-28T02:20:00)`,
    );
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12)
    throw new ScheduleExpressionError(`at(${inner}): month ${m[2]} does not exist`);
  if (day < 1 || day > daysInMonth(year, month))
    throw new ScheduleExpressionError(`at(${inner}): ${m[1]}-${m[2]} has no day ${m[3]}`);
  if (hour > 23 || minute > 59 || second > 59)
    throw new ScheduleExpressionError(`at(${inner}): ${m[4]}:${m[5]}:${m[6]} is not a time of day`);
  const localMs =
    ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
  return { localMs, text: inner };
}
