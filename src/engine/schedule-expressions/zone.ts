/**
 * IANA time zones through Intl (the runtime's tz database, no dependency): the offset in
 * force at an instant, and the instant a wall-clock time names. A wall-clock time in a
 * spring-forward gap names no instant; one in a fall-back overlap names two, and the
 * first is the one that counts, which is how EventBridge Scheduler runs a repeated time
 * once.
 */
import { ScheduleExpressionError } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Wide enough to straddle any offset (UTC−12 … UTC+14) on either side. */
const SPAN_MS = 15 * HOUR_MS;
const CACHE_LIMIT = 100_000;

export interface Zone {
  readonly name: string;
  readonly utc: boolean;
  /** Local time minus UTC, in ms, at `utcMs`. */
  offsetMs(utcMs: number): number;
  /** The first instant whose local time is `localMs`; undefined when it does not exist. */
  instantOf(localMs: number): number | undefined;
}

const UTC_ZONE: Zone = {
  name: 'UTC',
  utc: true,
  offsetMs: () => 0,
  instantOf: (localMs) => localMs,
};

/** UTC under its names in the tz database: no Intl needed. */
const zones = new Map<string, Zone>(
  [
    'UTC',
    'Etc/UTC',
    'Etc/UCT',
    'UCT',
    'Etc/Universal',
    'Universal',
    'Etc/Zulu',
    'Zulu',
    'GMT',
    'Etc/GMT',
    'Etc/GMT+0',
    'Etc/GMT-0',
    'Etc/GMT0',
    'GMT0',
    'Etc/Greenwich',
    'Greenwich',
  ].map((name) => [name, UTC_ZONE]),
);

/** Whether the runtime knows `name` as a time zone. */
export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function zoneFor(name: string | undefined): Zone {
  const key = name ?? 'UTC';
  let zone = zones.get(key);
  if (!zone) {
    if (!isValidTimeZone(key))
      throw new ScheduleExpressionError(`'${key}' is not a known time zone`);
    zone = new IntlZone(key);
    zones.set(key, zone);
  }
  return zone;
}

/** A UTC day's offsets: `before` until `change` (ms), `after` from then on. */
interface DayOffsets {
  before: number;
  after: number;
  change: number;
}

class IntlZone implements Zone {
  readonly utc = false;
  private readonly format: Intl.DateTimeFormat;
  /** Offset at the first instant of a UTC day (days since the epoch). */
  private readonly dayStarts = new Map<number, number>();
  /**
   * Per UTC day, its offsets. A day whose start and the next day's start agree is taken
   * as steady (no zone changes its offset twice in a day); otherwise the change is found
   * to the second, once. Far fewer Intl calls than one per lookup.
   */
  private readonly days = new Map<number, DayOffsets>();

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offsetMs(utcMs: number): number {
    const day = Math.floor(utcMs / DAY_MS);
    const offsets = this.days.get(day) ?? this.loadDay(day);
    return utcMs < offsets.change ? offsets.before : offsets.after;
  }

  instantOf(localMs: number): number | undefined {
    const before = this.offsetMs(localMs - SPAN_MS);
    const after = this.offsetMs(localMs + SPAN_MS);
    if (before === after) {
      const instant = localMs - before;
      if (this.offsetMs(instant) === before) return instant;
    }
    // Offsets that could be in force; the largest gives the earliest instant.
    const candidates = [
      before,
      after,
      this.offsetMs(localMs - before),
      this.offsetMs(localMs - after),
    ].sort((a, b) => b - a);
    for (const offset of candidates) {
      const instant = localMs - offset;
      if (this.offsetMs(instant) === offset) return instant;
    }
    return undefined;
  }

  private loadDay(day: number): DayOffsets {
    const before = this.dayStart(day);
    const after = this.dayStart(day + 1);
    let change = Number.POSITIVE_INFINITY;
    if (before !== after) {
      // The first second with the new offset; changes fall on whole seconds.
      let lo = day * DAY_MS;
      let hi = lo + DAY_MS;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (this.exactOffset(mid) === before) lo = mid;
        else hi = mid;
      }
      change = hi;
    }
    if (this.days.size >= CACHE_LIMIT) this.days.clear();
    const offsets = { before, after, change };
    this.days.set(day, offsets);
    return offsets;
  }

  private dayStart(day: number): number {
    let offset = this.dayStarts.get(day);
    if (offset === undefined) {
      offset = this.exactOffset(day * DAY_MS);
      if (this.dayStarts.size >= CACHE_LIMIT) this.dayStarts.clear();
      this.dayStarts.set(day, offset);
    }
    return offset;
  }

  private exactOffset(utcMs: number): number {
    const seconds = Math.floor(utcMs / 1000) * 1000;
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(seconds))
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const local = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return local - seconds;
  }
}
