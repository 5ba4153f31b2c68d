/**
 * The next wall-clock minute a cron expression matches, searched field by field (year,
 * month, day, hour, minute), each step jumping straight to the next allowed value. Work is
 * bounded by the months up to 2199, so an expression that can never match (the 31st of
 * February) ends in microseconds.
 */
import {
  MINUTES_PER_DAY,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  weekdayOfDays,
} from './civil.js';
import { type CronSpec, type DayRule, FIRST_YEAR, LAST_YEAR } from './cron-parse.js';

/** Bits 1..31 as days of a month, bit d for day d. */
function monthMask(days: number): number {
  return days >= 31 ? 0xfffffffe | 0 : ((1 << (days + 1)) - 2) | 0;
}

/** The days of (year, month) the rule matches, bit d for day d. */
export function dayMask(rule: DayRule, year: number, month: number): number {
  const last = daysInMonth(year, month);
  const firstDays = daysFromCivil(year, month, 1);
  switch (rule.kind) {
    case 'days':
      return rule.mask & monthMask(last);
    case 'last-day': {
      const day = last - rule.offset;
      return day >= 1 ? 1 << day : 0;
    }
    case 'last-weekday': {
      const wd = weekdayOfDays(firstDays + last - 1);
      return 1 << (wd === 6 ? last - 1 : wd === 0 ? last - 2 : last);
    }
    case 'nearest-weekday': {
      // A month without that day has no match (31W skips April), as Quartz.
      if (rule.day > last) return 0;
      const wd = weekdayOfDays(firstDays + rule.day - 1);
      let day = rule.day;
      if (wd === 6) day = day === 1 ? 3 : day - 1;
      else if (wd === 0) day = day === last ? day - 2 : day + 1;
      return 1 << day;
    }
    case 'weekdays': {
      const wd1 = weekdayOfDays(firstDays);
      let mask = 0;
      for (let w = 0; w < 7; w++) {
        if (!((rule.mask >> w) & 1)) continue;
        for (let d = 1 + ((w - wd1 + 7) % 7); d <= last; d += 7) mask |= 1 << d;
      }
      return mask;
    }
    case 'last-of-weekday': {
      const wdLast = weekdayOfDays(firstDays + last - 1);
      return 1 << (last - ((wdLast - rule.weekday + 7) % 7));
    }
    case 'nth-weekday': {
      const wd1 = weekdayOfDays(firstDays);
      const day = 1 + ((rule.weekday - wd1 + 7) % 7) + 7 * (rule.nth - 1);
      return day <= last ? 1 << day : 0;
    }
  }
}

/** Days of `mask` from `day` on (bits below `day` cleared). */
function fromDay(mask: number, day: number): number {
  return day > 31 ? 0 : mask & ~((2 ** day - 1) | 0);
}

function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

/**
 * A matcher over wall-clock minutes, counted from 1970-01-01T00:00 of the local calendar.
 * It keeps the last month's day mask, since successive searches mostly stay in a month.
 */
export class CronMatcher {
  private cachedMonth = -1;
  private cachedMask = 0;

  constructor(private readonly spec: CronSpec) {}

  /** The first matching local minute ≥ `fromMinute`, or undefined after 2199. */
  next(fromMinute: number): number | undefined {
    const { nextMinute, nextHour, nextMonth, nextYear } = this.spec;
    const days = Math.floor(fromMinute / MINUTES_PER_DAY);
    const rest = fromMinute - days * MINUTES_PER_DAY;
    let { year, month, day } = civilFromDays(days);
    let hour = Math.floor(rest / 60);
    let minute = rest % 60;
    if (year < FIRST_YEAR) {
      year = FIRST_YEAR;
      month = day = 1;
      hour = minute = 0;
    }
    for (;;) {
      if (year > LAST_YEAR) return undefined;
      const y = nextYear[year - FIRST_YEAR] ?? -1;
      if (y < 0) return undefined;
      if (y + FIRST_YEAR !== year) {
        year = y + FIRST_YEAR;
        month = day = 1;
        hour = minute = 0;
      }
      const m = (nextMonth[month - 1] ?? -2) + 1;
      if (m < 1) {
        year++;
        month = day = 1;
        hour = minute = 0;
        continue;
      }
      if (m !== month) {
        month = m;
        day = 1;
        hour = minute = 0;
      }
      const days = fromDay(this.daysOf(year, month), day);
      if (days === 0) {
        month++;
        day = 1;
        hour = minute = 0;
        continue;
      }
      const d = lowestBit(days);
      if (d !== day) {
        day = d;
        hour = minute = 0;
      }
      const h = nextHour[hour] ?? -1;
      if (h < 0) {
        day++;
        hour = minute = 0;
        continue;
      }
      if (h !== hour) {
        hour = h;
        minute = 0;
      }
      const mi = nextMinute[minute] ?? -1;
      if (mi < 0) {
        hour++;
        minute = 0;
        continue;
      }
      return daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + mi;
    }
  }

  private daysOf(year: number, month: number): number {
    const key = year * 16 + month;
    if (key !== this.cachedMonth) {
      this.cachedMask = dayMask(this.spec.day, year, month);
      this.cachedMonth = key;
    }
    return this.cachedMask;
  }
}
