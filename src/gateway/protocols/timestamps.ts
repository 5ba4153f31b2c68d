/**
 * The three timestamp formats of the AWS protocols, both ways. Parsers return undefined
 * for text that is not a timestamp, so each codec raises its own protocol's error.
 */
import type { TimestampFormat } from '../schema/types.js';

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

export function parseIso8601(text: string): Date | undefined {
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  // Milliseconds are kept; finer digits are cut, not rounded into the next second.
  const millis = fraction ? Number(fraction.slice(1, 4).padEnd(3, '0')) : 0;
  const local = new Date(
    Date.UTC(
      2000,
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      millis,
    ),
  );
  // Date.UTC takes year 99 for 1999, so the year is set apart; a date that rolls over
  // (2026-02-30 into March, 24:00 into the next day) is not one AWS accepts.
  local.setUTCFullYear(Number(year));
  if (
    Number.isNaN(local.getTime()) ||
    local.getUTCFullYear() !== Number(year) ||
    local.getUTCMonth() !== Number(month) - 1 ||
    local.getUTCDate() !== Number(day) ||
    local.getUTCHours() !== Number(hour) ||
    local.getUTCMinutes() !== Number(minute) ||
    local.getUTCSeconds() !== Number(second)
  ) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

export function parseEpochSeconds(text: string): Date | undefined {
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return undefined;
  return fromEpochSeconds(Number(text));
}

export function fromEpochSeconds(seconds: number): Date | undefined {
  if (!Number.isFinite(seconds)) return undefined;
  const date = new Date(Math.round(seconds * 1000));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** RFC 7231 IMF-fixdate (`Sat, 28 Nov 2026 10:05:09 GMT`), also the obsolete RFC 850 and asctime forms. */
export function parseHttpDate(text: string): Date | undefined {
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? undefined : new Date(millis);
}

/** Text in the named format; a number on the wire is also accepted where any format is. */
export function parseTimestamp(text: string, format: TimestampFormat): Date | undefined {
  switch (format) {
    case 'iso8601':
      return parseIso8601(text);
    case 'unixTimestamp':
      return parseEpochSeconds(text);
    case 'rfc822':
      return parseHttpDate(text);
  }
}

/** `2026-11-28T10:05:09Z`, with milliseconds only when there are some (IAM/STS style). */
export function formatIso8601(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** `2026-11-28T10:05:09.000Z`, always with milliseconds (EC2 style). */
export function formatIso8601Millis(date: Date): string {
  return date.toISOString();
}

export function formatHttpDate(date: Date): string {
  return date.toUTCString();
}

export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/**
 * A service may hand back a Date, epoch milliseconds or an ISO string; the codecs accept
 * all three so a service is not forced through one representation.
 */
export function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
  if (typeof value === 'string') {
    const millis = Date.parse(value);
    return Number.isNaN(millis) ? undefined : new Date(millis);
  }
  return undefined;
}
