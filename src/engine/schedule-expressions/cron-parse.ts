/**
 * The six fields of an AWS cron expression, `cron(Minutes Hours Day-of-month Month
 * Day-of-week Year)`, read as EventBridge reads them. AWS's cron is Quartz's without the
 * seconds field: weekday 1 is Sunday, exactly one of the day fields is `?`, `L`, `W` and
 * `#` have Quartz's meanings and, as in Quartz, stand alone in their field. Names and
 * the special letters are case-insensitive.
 */
import {
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  HOURS,
  MINUTES,
  MONTH,
  YEAR,
  fieldError,
  fieldTable,
  fieldValue,
  parseFieldList,
} from './cron-fields.js';
import { ScheduleExpressionError } from './types.js';

/** Which days of a month match: one of the day field's forms. Weekdays are 0 = SUN. */
export type DayRule =
  /** Listed days of the month; bit d set for day d. */
  | { kind: 'days'; mask: number }
  /** `L` (offset 0) or `L-n`: the last day of the month, less n days. */
  | { kind: 'last-day'; offset: number }
  /** `LW`: the last Monday-to-Friday day of the month. */
  | { kind: 'last-weekday' }
  /** `nW`: the Monday-to-Friday day nearest day n, never leaving the month. */
  | { kind: 'nearest-weekday'; day: number }
  /** Listed days of the week; bit w set for weekday w. */
  | { kind: 'weekdays'; mask: number }
  /** `nL`: the last such weekday of the month. */
  | { kind: 'last-of-weekday'; weekday: number }
  /** `d#n`: the n-th such weekday of the month. */
  | { kind: 'nth-weekday'; weekday: number; nth: number };

export const FIRST_YEAR = YEAR.min;
export const LAST_YEAR = YEAR.max;

export interface CronSpec {
  /**
   * `nextX[i]`: the smallest allowed index ≥ i, or -1, where an index is the value less
   * the field's smallest value (minute, hour, month − 1, year − FIRST_YEAR).
   */
  readonly nextMinute: Int16Array;
  readonly nextHour: Int16Array;
  readonly nextMonth: Int16Array;
  readonly nextYear: Int16Array;
  readonly day: DayRule;
}

export function parseCronFields(inner: string): CronSpec {
  if (inner !== inner.trim())
    throw new ScheduleExpressionError('cron(...) must not start or end with a space');
  const fields = inner === '' ? [] : inner.split(/ +/);
  if (fields.length !== 6)
    throw new ScheduleExpressionError(
      `cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), found ${fields.length}`,
    );
  const [minutes, hours, dom, month, dow, year] = fields.map((f) => f.toUpperCase()) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const nextMinute = fieldTable(MINUTES, minutes);
  const nextHour = fieldTable(HOURS, hours);
  const nextMonth = fieldTable(MONTH, month);
  const nextYear = fieldTable(YEAR, year);
  if (dom === '?' && dow === '?')
    throw new ScheduleExpressionError(
      "cron day-of-month and day-of-week cannot both be '?': give one of them a value",
    );
  if (dom !== '?' && dow !== '?')
    throw new ScheduleExpressionError(
      `cron day-of-month (${fields[2]}) and day-of-week (${fields[4]}) cannot both be specified: one of them must be '?'`,
    );
  const day = dom === '?' ? parseDayOfWeek(dow) : parseDayOfMonth(dom);
  return { nextMinute, nextHour, nextMonth, nextYear, day };
}

function parseDayOfMonth(text: string): DayRule {
  if (text === 'L') return { kind: 'last-day', offset: 0 };
  if (text === 'LW') return { kind: 'last-weekday' };
  const lastLess = /^L-([0-9]+)$/.exec(text);
  if (lastLess) {
    const offset = Number(lastLess[1]);
    if (offset < 1 || offset > 30)
      throw fieldError(DAY_OF_MONTH, `the offset in '${text}' must be from 1 to 30`);
    return { kind: 'last-day', offset };
  }
  const nearest = /^([0-9]+)W$/.exec(text);
  if (nearest) {
    const day = Number(nearest[1]);
    if (day < 1 || day > 31)
      throw fieldError(DAY_OF_MONTH, `the day in '${text}' must be from 1 to 31`);
    return { kind: 'nearest-weekday', day };
  }
  return { kind: 'days', mask: toMask(parseFieldList(DAY_OF_MONTH, text), 1) };
}

function parseDayOfWeek(text: string): DayRule {
  // `L` alone is the last day of the week, Saturday.
  if (text === 'L') return { kind: 'weekdays', mask: 1 << 6 };
  const last = /^([0-9]+|SUN|MON|TUE|WED|THU|FRI|SAT)L$/.exec(text);
  if (last) return { kind: 'last-of-weekday', weekday: weekdayOf(last[1] ?? '') };
  const nth = /^([0-9]+|[A-Z]+)#([0-9]*)$/.exec(text);
  if (nth) {
    const weekday = weekdayOf(nth[1] ?? '');
    const n = nth[2] === '' ? 0 : Number(nth[2]);
    if (n < 1 || n > 5)
      throw fieldError(DAY_OF_WEEK, `the occurrence in '${text}' must be from 1 to 5`);
    return { kind: 'nth-weekday', weekday, nth: n };
  }
  return { kind: 'weekdays', mask: toMask(parseFieldList(DAY_OF_WEEK, text), 0) };
}

function weekdayOf(token: string): number {
  return fieldValue(DAY_OF_WEEK, token) - 1;
}

/** Flags as a bit mask: bit (index + shift) for each allowed index. */
function toMask(allowed: Uint8Array, shift: number): number {
  let mask = 0;
  for (let i = 0; i < allowed.length; i++) if (allowed[i]) mask |= 1 << (i + shift);
  return mask;
}
