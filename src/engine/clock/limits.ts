/**
 * What teiki's clock can read: from the Unix epoch to the last millisecond of year 9999.
 * JavaScript dates reach further (±275,760 years), but ISO-8601 and AWS's timestamps have
 * four-digit years, and a clock past them answers nothing any client can parse. Every way
 * of setting the clock (`--clock-start`, `POST /_teiki/clock`) is checked against these
 * limits, so a reading is always an instant `toISOString` can write.
 */

export const MIN_INSTANT_MS = Date.UTC(1970, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const MIN_INSTANT_ISO = new Date(MIN_INSTANT_MS).toISOString();
export const MAX_INSTANT_ISO = new Date(MAX_INSTANT_MS).toISOString();

/** "from 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z", for messages. */
export const CLOCK_RANGE = `from ${MIN_INSTANT_ISO} to ${MAX_INSTANT_ISO}`;

export function isRepresentableInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

/**
 * `YYYY-MM-DD`, or a date and time with `Z` or an offset (`2026-11-28T02:20:00Z`,
 * `…T02:20+09:00`, fractions of a second allowed). A time without a zone would be read in
 * the server's local zone, so it is refused rather than guessed. Extended years
 * (`+275760-…`) are read so that the range check can name the limit.
 */
const ISO_8601 =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2})))?$/;

/**
 * The instant an ISO-8601 text names, or undefined when it is not one (including dates
 * JavaScript would roll over, such as February 30th). Not range-checked.
 */
export function parseIsoInstant(text: string): number | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59)) return undefined;
  if (second !== undefined && Number(second) > 59) return undefined;
  if (offsetHours !== undefined && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) {
    return undefined;
  }
  const ms = Date.parse(hour === undefined ? `${year}-${month}-${day}T00:00:00Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
