/**
 * A plain-English reading of a schedule expression for the console: "every day at 02:20
 * UTC", "every 5 minutes", "at 18:00 UTC on Monday through Friday". Common shapes are
 * read; anything else is shown as written.
 */
import { parseAt } from './at.js';
import { MONTH_FULL_NAMES, WEEKDAY_FULL_NAMES } from './civil.js';
import { MONTH_NAMES, WEEKDAY_NAMES } from './cron-fields.js';
import { parseScheduleExpression } from './expressions.js';
import { parseRate } from './rate.js';

const WEEKDAYS = WEEKDAY_FULL_NAMES;
const MONTHS = MONTH_FULL_NAMES;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

export function describeSchedule(expression: string, timeZone = 'UTC'): string {
  try {
    parseScheduleExpression(expression, { allowAt: true });
  } catch {
    return expression;
  }
  const inner = expression.slice(expression.indexOf('(') + 1, -1);
  if (expression.startsWith('rate(')) {
    const { value, unit } = parseRate(inner);
    return value === 1 ? `every ${unit}` : `every ${value} ${unit}s`;
  }
  if (expression.startsWith('at(')) {
    parseAt(inner);
    return `once, at ${inner.replace('T', ' ')} ${timeZone}`;
  }
  return describeCron(inner.toUpperCase().split(/ +/), timeZone) ?? expression;
}

interface Span {
  from: number;
  to: number;
}

/** A field of plain values and ranges (no `*`, steps or specials), else undefined. */
function spans(text: string, names: readonly string[] = []): Span[] | undefined {
  const out: Span[] = [];
  for (const item of text.split(',')) {
    const m = /^([0-9]+|[A-Z]{3})(?:-([0-9]+|[A-Z]{3}))?$/.exec(item);
    if (!m) return undefined;
    const value = (t: string) => (/^[0-9]+$/.test(t) ? Number(t) : names.indexOf(t) + 1);
    const from = value(m[1] ?? '');
    out.push({ from, to: m[2] === undefined ? from : value(m[2]) });
  }
  return out;
}

function single(text: string): number | undefined {
  return /^[0-9]+$/.test(text) ? Number(text) : undefined;
}

/** A step over the whole field, `0/N` or the wildcard with `/N`: every N. */
function every(text: string, start: number): number | undefined {
  const m = /^(\*|[0-9]+)\/([0-9]+)$/.exec(text);
  return m && (m[1] === '*' || Number(m[1]) === start) ? Number(m[2]) : undefined;
}

function listWords(words: string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function spanWords(list: Span[], word: (n: number) => string): string {
  return listWords(
    list.map((s) => (s.from === s.to ? word(s.from) : `${word(s.from)} through ${word(s.to)}`)),
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const plural = (n: number, unit: string) => (n === 1 ? `every ${unit}` : `every ${n} ${unit}s`);

function describeTime(minutes: string, hours: string, zone: string): string | undefined {
  const minute = single(minutes);
  const hourList = spans(hours);
  if (minute !== undefined && hourList?.every((s) => s.from === s.to))
    return `at ${listWords(hourList.map((s) => `${pad(s.from)}:${pad(minute)}`))} ${zone}`;
  if (minute !== undefined && hours === '*') return `at minute ${minute} of every hour`;
  const hourStep = every(hours, 0);
  if (minute !== undefined && hourStep !== undefined)
    return `${plural(hourStep, 'hour')} at minute ${minute}`;
  const minuteStep = minutes === '*' ? 1 : every(minutes, 0);
  if (minuteStep === undefined) return undefined;
  if (hours === '*') return plural(minuteStep, 'minute');
  if (hourList?.length === 1 && hourList[0]) {
    const { from, to } = hourList[0];
    return `${plural(minuteStep, 'minute')} from ${pad(from)}:00 to ${pad(to)}:59 ${zone}`;
  }
  return undefined;
}

function describeDays(dom: string, dow: string): string | undefined {
  if ((dom === '*' && dow === '?') || (dom === '?' && dow === '*')) return 'every day';
  if (dom === '?') {
    const last = /^([0-9]|[A-Z]{3})L$/.exec(dow);
    const nth = /^([0-9]|[A-Z]{3})#([1-5])$/.exec(dow);
    const weekday = (t: string) =>
      WEEKDAYS[(/^[0-9]$/.test(t) ? Number(t) : WEEKDAY_NAMES.indexOf(t as 'SUN') + 1) - 1] ?? t;
    if (dow === 'L') return 'on Saturday';
    if (last) return `on the last ${weekday(last[1] ?? '')} of the month`;
    if (nth) return `on the ${ORDINALS[Number(nth[2]) - 1]} ${weekday(nth[1] ?? '')} of the month`;
    const list = spans(dow, WEEKDAY_NAMES);
    return list && `on ${spanWords(list, (n) => WEEKDAYS[n - 1] ?? String(n))}`;
  }
  if (dom === 'L') return 'on the last day of the month';
  if (dom === 'LW') return 'on the last weekday of the month';
  const lastLess = /^L-([0-9]+)$/.exec(dom);
  if (lastLess) return `${lastLess[1]} days before the last day of the month`;
  const nearest = /^([0-9]+)W$/.exec(dom);
  if (nearest) return `on the weekday nearest day ${Number(nearest[1])} of the month`;
  const list = spans(dom);
  if (!list) return undefined;
  const many = list.length > 1 || list[0]?.from !== list[0]?.to;
  return `on day${many ? 's' : ''} ${spanWords(list, String)} of the month`;
}

function describeMonths(month: string): string | undefined {
  if (month === '*') return '';
  const list = spans(month, MONTH_NAMES);
  return list && ` in ${spanWords(list, (n) => MONTHS[n - 1] ?? String(n))}`;
}

function describeYears(year: string): string | undefined {
  if (year === '*') return '';
  const list = spans(year);
  return list && ` in ${spanWords(list, String)}`;
}

function describeCron(fields: string[], zone: string): string | undefined {
  const [minutes = '', hours = '', dom = '', month = '', dow = '', year = ''] = fields;
  const time = describeTime(minutes, hours, zone);
  const days = describeDays(dom, dow);
  const months = describeMonths(month);
  const years = describeYears(year);
  if (time === undefined || days === undefined || months === undefined || years === undefined)
    return undefined;
  const when =
    days === 'every day'
      ? /^at [0-9]{2}:/.test(time)
        ? `every day ${time}`
        : time
      : `${time} ${days}`;
  return `${when}${months}${years}`;
}
