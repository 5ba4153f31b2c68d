/**
 * `rate(N unit)`: AWS takes a positive whole number and the unit in lower case, singular
 * for 1 and plural above (`rate(1 hour)`, `rate(2 hours)`), one space between, no other
 * spaces. A day is 24 hours, daylight saving or not.
 */
import { ScheduleExpressionError } from './types.js';

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
export type RateUnit = keyof typeof UNIT_MS;

/** Java's int bound: AWS reads the value as one. */
const MAX_VALUE = 2_147_483_647;

export interface RateSpec {
  readonly value: number;
  readonly unit: RateUnit;
  readonly periodMs: number;
}

export function parseRate(inner: string): RateSpec {
  const m = /^([0-9]+) (minute|hour|day)(s?)$/.exec(inner);
  if (!m)
    throw new ScheduleExpressionError(
      `rate(${inner}) must be rate(value unit): a positive whole number, one space, and minute(s), hour(s) or day(s)`,
    );
  const [, digits = '', unit = 'minute', plural] = m as unknown as [
    string,
    string,
    RateUnit,
    string,
  ];
  const value = Number(digits);
  if (value < 1) throw new ScheduleExpressionError(`rate(${inner}): the value must be at least 1`);
  if (value > MAX_VALUE)
    throw new ScheduleExpressionError(`rate(${inner}): the value must be at most ${MAX_VALUE}`);
  if (value === 1 && plural)
    throw new ScheduleExpressionError(`rate(${inner}): a value of 1 takes the singular '${unit}'`);
  if (value > 1 && !plural)
    throw new ScheduleExpressionError(
      `rate(${inner}): a value above 1 takes the plural '${unit}s'`,
    );
  return { value, unit, periodMs: value * UNIT_MS[unit] };
}

/** anchor + k × period for the smallest k ≥ 1 that is after `afterMs`. */
export function nextRate(spec: RateSpec, afterMs: number, anchorMs: number): number {
  const k = Math.max(1, Math.floor((afterMs - anchorMs) / spec.periodMs) + 1);
  return anchorMs + k * spec.periodMs;
}
