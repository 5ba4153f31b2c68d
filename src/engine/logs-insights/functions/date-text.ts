/**
 * `formatDate` (alias `strftime`): a strftime format; `parseDate`: a Java DateTimeFormatter
 * pattern. Both take an optional IANA time zone (UTC by default). The common directives
 * and pattern letters are supported; anything else in a pattern makes the result null.
 */
import { MONTH_FULL_NAMES, WEEKDAY_FULL_NAMES } from '../../schedule-expressions/civil.js';
import { type Zone, zoneFor } from '../../schedule-expressions/zone.js';
import { type UserRegex, compileUserRegex } from '../regex.js';
import { toMillis, toText } from '../values.js';
import { type ScalarFunction, simple } from './types.js';

const DAYS = WEEKDAY_FULL_NAMES;
const MONTHS = MONTH_FULL_NAMES;

interface Civil {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number;
}

function zone(name: string): Zone | undefined {
  try {
    return zoneFor(name);
  } catch {
    return undefined;
  }
}

/** The wall-clock fields of `ms` in zone `name`, or undefined for an unknown zone. */
function civil(ms: number, name: string): Civil | undefined {
  const z = zone(name);
  if (!z) return undefined;
  const offset = z.offsetMs(ms);
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    ms: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
    offsetMinutes: Math.round(offset / 60_000),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}${colon ? ':' : ''}${pad(m % 60)}`;
}

function dayOfYear(c: Civil): number {
  return (Date.UTC(c.year, c.month - 1, c.day) - Date.UTC(c.year, 0, 1)) / 86_400_000 + 1;
}

const STRFTIME: Record<string, (c: Civil, ms: number, zone: string) => string> = {
  Y: (c) => String(c.year),
  y: (c) => pad(c.year % 100),
  m: (c) => pad(c.month),
  d: (c) => pad(c.day),
  e: (c) => String(c.day).padStart(2, ' '),
  H: (c) => pad(c.hour),
  I: (c) => pad(c.hour % 12 === 0 ? 12 : c.hour % 12),
  p: (c) => (c.hour < 12 ? 'AM' : 'PM'),
  M: (c) => pad(c.minute),
  S: (c) => pad(c.second),
  L: (c) => pad(c.ms, 3),
  f: (c) => pad(c.ms * 1000, 6),
  j: (c) => pad(dayOfYear(c), 3),
  a: (c) => DAYS[c.weekday]!.slice(0, 3),
  A: (c) => DAYS[c.weekday]!,
  b: (c) => MONTHS[c.month - 1]!.slice(0, 3),
  h: (c) => MONTHS[c.month - 1]!.slice(0, 3),
  B: (c) => MONTHS[c.month - 1]!,
  u: (c) => String(c.weekday === 0 ? 7 : c.weekday),
  w: (c) => String(c.weekday),
  z: (c) => offsetText(c.offsetMinutes, false),
  Z: (_c, _ms, zone) => zone,
  s: (_c, ms) => String(Math.floor(ms / 1000)),
  F: (c) => `${c.year}-${pad(c.month)}-${pad(c.day)}`,
  T: (c) => `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`,
  '%': () => '%',
};

export function formatStrftime(ms: number, format: string, zoneName = 'UTC'): string | null {
  const c = civil(ms, zoneName);
  if (!c) return null;
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format.charAt(i);
    if (ch !== '%' || i + 1 >= format.length) {
      out += ch;
      continue;
    }
    const directive = STRFTIME[format.charAt(++i)];
    if (!directive) return null;
    out += directive(c, ms, zoneName);
  }
  return out;
}

type Field = 'year' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'fraction';

interface Piece {
  source: string;
  field?: Field | 'ampm' | 'offset' | 'monthName' | 'ignore';
}

/** A DateTimeFormatter pattern as a regex, one capture per field. */
function compilePattern(pattern: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  for (let i = 0; i < pattern.length;) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close < 0) return undefined;
      const literal = close === i + 1 ? "'" : pattern.slice(i + 1, close);
      pieces.push({ source: escape(literal) });
      i = close + 1;
      continue;
    }
    let n = 1;
    while (pattern.charAt(i + n) === ch) n++;
    i += n;
    if (!/[A-Za-z]/.test(ch)) {
      pieces.push({ source: escape(ch.repeat(n)) });
      continue;
    }
    const piece = letter(ch, n);
    if (!piece) return undefined;
    pieces.push(piece);
  }
  return pieces;
}

function letter(ch: string, n: number): Piece | undefined {
  const digits = (field: Field, min: number, max = min) => ({
    source: `(\\d{${min},${Math.max(min, max)}})`,
    field,
  });
  switch (ch) {
    case 'y':
    case 'u':
      return n === 2 ? digits('year', 2) : digits('year', 4, 9);
    case 'M':
      if (n >= 3) return { source: '([A-Za-z]+)', field: 'monthName' };
      return digits('month', n === 1 ? 1 : 2, 2);
    case 'd':
      return digits('day', n === 1 ? 1 : 2, 2);
    case 'H':
      return digits('hour', n === 1 ? 1 : 2, 2);
    case 'h':
      return digits('hour12', n === 1 ? 1 : 2, 2);
    case 'm':
      return digits('minute', n === 1 ? 1 : 2, 2);
    case 's':
      return digits('second', n === 1 ? 1 : 2, 2);
    case 'S':
      return digits('fraction', n);
    case 'a':
      return { source: '([AaPp][Mm])', field: 'ampm' };
    case 'E':
      return { source: '([A-Za-z]+)', field: 'ignore' };
    case 'X':
    case 'x':
    case 'Z':
      return { source: '(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})', field: 'offset' };
    default:
      return undefined;
  }
}

function escape(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

const patterns = new Map<string, { pieces: Piece[]; re: UserRegex } | null>();

/** A query uses a pattern or two: compile each once (on re2js, as every query regex). */
function compiledPattern(pattern: string): { pieces: Piece[]; re: UserRegex } | null {
  let entry = patterns.get(pattern);
  if (entry === undefined) {
    const pieces = compilePattern(pattern);
    entry = pieces
      ? { pieces, re: compileUserRegex(`^${pieces.map((p) => p.source).join('')}$`) }
      : null;
    if (patterns.size >= 100) patterns.clear();
    patterns.set(pattern, entry);
  }
  return entry;
}

export function parseJavaDate(text: string, pattern: string, zoneName = 'UTC'): number | null {
  const compiled = compiledPattern(pattern);
  if (!compiled) return null;
  const { pieces, re } = compiled;
  const m = re.exec(text.trim());
  if (!m) return null;
  const v = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  let pm: boolean | undefined;
  let offset: number | undefined;
  let group = 1;
  for (const p of pieces) {
    if (!p.field) continue;
    const s = m[group++]!;
    switch (p.field) {
      case 'year':
        v.year = s.length === 2 ? 2000 + Number(s) : Number(s);
        break;
      case 'monthName': {
        const i = MONTHS.findIndex((name) => name.toLowerCase().startsWith(s.toLowerCase()));
        if (i < 0 || s.length < 3) return null;
        v.month = i + 1;
        break;
      }
      case 'hour12':
        v.hour = Number(s) % 12;
        break;
      case 'fraction':
        v.ms = Math.floor(Number(`0.${s}`) * 1000);
        break;
      case 'ampm':
        pm = s.toLowerCase() === 'pm';
        break;
      case 'offset':
        offset = s === 'Z' ? 0 : offsetMinutes(s);
        break;
      case 'ignore':
        break;
      default:
        v[p.field] = Number(s);
    }
  }
  if (pm) v.hour += 12;
  const local = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second, v.ms);
  if (offset !== undefined) return local - offset * 60_000;
  // A wall-clock time in the zone: none in a spring-forward gap, the first of a fall-back.
  return zone(zoneName)?.instantOf(local) ?? null;
}

function offsetMinutes(s: string): number {
  const sign = s.startsWith('-') ? -1 : 1;
  const digits = s.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

export const DATE_TEXT_FUNCTIONS: Record<string, ScalarFunction> = {
  formatdate: simple(2, 3, ([t, f, z]) => {
    const ms = toMillis(t ?? null);
    const format = toText(f ?? null);
    const zone = z === undefined ? 'UTC' : toText(z);
    return ms === null || format === null || zone === null
      ? null
      : formatStrftime(ms, format, zone);
  }),
  parsedate: simple(2, 3, ([t, f, z]) => {
    const text = toText(t ?? null);
    const pattern = toText(f ?? null);
    const zone = z === undefined ? 'UTC' : toText(z);
    if (text === null || pattern === null || zone === null) return null;
    return parseJavaDate(text, pattern, zone);
  }),
};
DATE_TEXT_FUNCTIONS.strftime = DATE_TEXT_FUNCTIONS.formatdate!;
