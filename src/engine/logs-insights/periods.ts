/**
 * Time periods (`5m`, `1h`, `30s`, `1mo`) for bin, datefloor and dateceil. Units and
 * abbreviations are the documented ones; multi-letter forms also take a plural `s`.
 * "CloudWatch Logs caps your request according to the time unit": `ms` at 1000, `s` and
 * `m` at 60, `h` at 24, so `bin(300s)` is a 60-second bin.
 */
export type PeriodUnit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'mo' | 'q' | 'y';

export interface Period {
  unit: PeriodUnit;
  amount: number;
}

const UNITS: Record<string, PeriodUnit> = {
  millisecond: 'ms',
  ms: 'ms',
  msec: 'ms',
  second: 's',
  s: 's',
  sec: 's',
  minute: 'm',
  m: 'm',
  min: 'm',
  hour: 'h',
  h: 'h',
  hr: 'h',
  day: 'd',
  d: 'd',
  week: 'w',
  w: 'w',
  month: 'mo',
  mo: 'mo',
  mon: 'mo',
  quarter: 'q',
  q: 'q',
  qtr: 'q',
  year: 'y',
  y: 'y',
  yr: 'y',
};

const CAPS: Partial<Record<PeriodUnit, number>> = { ms: 1000, s: 60, m: 60, h: 24 };

const FIXED_MS: Partial<Record<PeriodUnit, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** The unit an abbreviation names, or undefined. */
export function periodUnit(text: string): PeriodUnit | undefined {
  const exact = UNITS[text];
  if (exact) return exact;
  if (text.length > 2 && text.endsWith('s')) {
    const singular = text.slice(0, -1);
    if (singular.length > 1) return UNITS[singular];
  }
  return undefined;
}

export function makePeriod(amount: number, unitText: string): Period | undefined {
  const unit = periodUnit(unitText);
  if (!unit || !Number.isInteger(amount) || amount <= 0) return undefined;
  const cap = CAPS[unit];
  return { unit, amount: cap !== undefined ? Math.min(amount, cap) : amount };
}

/** 1970-01-05 was a Monday: weeks start on Mondays, UTC. */
const MONDAY_OFFSET = 4 * 86_400_000;

/** The start of the period holding `ms` (UTC). */
export function floorTo(ms: number, p: Period): number {
  const fixed = FIXED_MS[p.unit];
  if (fixed !== undefined) {
    const size = fixed * p.amount;
    const offset = p.unit === 'w' ? MONDAY_OFFSET : 0;
    return Math.floor((ms - offset) / size) * size + offset;
  }
  const d = new Date(ms);
  const months = p.unit === 'mo' ? p.amount : p.unit === 'q' ? 3 * p.amount : 12 * p.amount;
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const start = Math.floor(index / months) * months;
  return Date.UTC(Math.floor(start / 12), start % 12, 1);
}

/** The end of the period holding `ms`, or `ms` itself when it starts a period. */
export function ceilTo(ms: number, p: Period): number {
  const floor = floorTo(ms, p);
  if (floor === ms) return ms;
  return addPeriod(floor, p);
}

function addPeriod(ms: number, p: Period): number {
  const fixed = FIXED_MS[p.unit];
  if (fixed !== undefined) return ms + fixed * p.amount;
  const d = new Date(ms);
  const months = p.unit === 'mo' ? p.amount : p.unit === 'q' ? 3 * p.amount : 12 * p.amount;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}
