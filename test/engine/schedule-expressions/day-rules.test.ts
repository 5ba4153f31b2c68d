/**
 * Every day form of the day-of-month and day-of-week fields, checked day by day against a
 * plain reading of its definition (JavaScript Dates, nothing shared with the engine) over
 * decades that include leap years, 2000 and 2100.
 */
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../src/engine/schedule-expressions/index.js';

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
const isWorkday = (y: number, m: number, d: number) => {
  const w = weekday(y, m, d);
  return w >= 1 && w <= 5;
};

type Matches = (y: number, m: number, d: number) => boolean;
type Case = [label: string, dayOfMonth: string, dayOfWeek: string, matches: Matches];

const nearestWorkday =
  (n: number): Matches =>
  (y, m, d) => {
    const last = lastDay(y, m);
    if (n > last || !isWorkday(y, m, d)) return false;
    // The Monday-to-Friday day of the month closest to day n.
    for (let e = 1; e <= last; e++)
      if (isWorkday(y, m, e) && Math.abs(e - n) < Math.abs(d - n)) return false;
    return true;
  };

const cases: Case[] = [
  ['L', 'L', '?', (y, m, d) => d === lastDay(y, m)],
  ...[1, 2, 3, 15, 27, 28, 29, 30].map((n): Case => [
    `L-${n}`,
    `L-${n}`,
    '?',
    (y, m, d) => d === lastDay(y, m) - n,
  ]),
  [
    'LW',
    'LW',
    '?',
    (y, m, d) => {
      if (!isWorkday(y, m, d)) return false;
      for (let e = d + 1; e <= lastDay(y, m); e++) if (isWorkday(y, m, e)) return false;
      return true;
    },
  ],
  ...Array.from({ length: 31 }, (_, i): Case => [
    `${i + 1}W`,
    `${i + 1}W`,
    '?',
    nearestWorkday(i + 1),
  ]),
  ['L (Saturday)', '?', 'L', (y, m, d) => weekday(y, m, d) === 6],
  ...Array.from({ length: 7 }, (_, w): Case => [
    `${w + 1}L`,
    '?',
    `${w + 1}L`,
    (y, m, d) => weekday(y, m, d) === w && d + 7 > lastDay(y, m),
  ]),
  ['FRIL', '?', 'FRIL', (y, m, d) => weekday(y, m, d) === 5 && d + 7 > lastDay(y, m)],
  ...Array.from({ length: 35 }, (_, i): Case => {
    const w = i % 7;
    const n = Math.floor(i / 7) + 1;
    return [
      `${w + 1}#${n}`,
      '?',
      `${w + 1}#${n}`,
      (y, m, d) => weekday(y, m, d) === w && Math.ceil(d / 7) === n,
    ];
  }),
  ['SAT#5', '?', 'SAT#5', (y, m, d) => weekday(y, m, d) === 6 && d > 28],
  ['every day (DoM *)', '*', '?', () => true],
  ['every day (DoW *)', '?', '*', () => true],
  ['1,15', '1,15', '?', (_y, _m, d) => d === 1 || d === 15],
  ['1-7', '1-7', '?', (_y, _m, d) => d <= 7],
  ['10-20/3', '10-20/3', '?', (_y, _m, d) => [10, 13, 16, 19].includes(d)],
  ['*/7', '*/7', '?', (_y, _m, d) => [1, 8, 15, 22, 29].includes(d)],
  ['28-3', '28-3', '?', (_y, _m, d) => d >= 28 || d <= 3],
  ['31', '31', '?', (_y, _m, d) => d === 31],
  ['MON-FRI', '?', 'MON-FRI', (y, m, d) => isWorkday(y, m, d)],
  ['2/2', '?', '2/2', (y, m, d) => [1, 3, 5].includes(weekday(y, m, d))],
  ['FRI-MON', '?', 'FRI-MON', (y, m, d) => [5, 6, 0, 1].includes(weekday(y, m, d))],
  ['SAT,SUN', '?', 'SAT,SUN', (y, m, d) => [6, 0].includes(weekday(y, m, d))],
  ['3', '?', '3', (y, m, d) => weekday(y, m, d) === 2],
];

/** Matching days between two years, inclusive, as YYYY-MM-DD. */
function expectedDays(fromYear: number, toYear: number, matches: Matches): string[] {
  const out: string[] = [];
  for (let y = fromYear; y <= toYear; y++)
    for (let m = 1; m <= 12; m++)
      for (let d = 1; d <= lastDay(y, m); d++)
        if (matches(y, m, d)) out.push(new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10));
  return out;
}

/**
 * The engine's firings between two years, inclusive, as ISO instants. Compared whole with
 * the expected days at noon, one expect per range: an expect per firing cost more than
 * the engine and the definitions together.
 */
function firings(expression: string, fromYear: number, toYear: number): string[] {
  const parsed = parseScheduleExpression(expression);
  const end = Date.UTC(toYear + 1, 0, 1);
  const out: string[] = [];
  let t = Date.UTC(fromYear, 0, 1) - 1;
  for (;;) {
    const n = parsed.nextAfter(t);
    if (n === undefined || n >= end) return out;
    // Never the same instant or an earlier one (it would be found again and again).
    if (n <= t)
      throw new Error(
        `${expression}: ${new Date(n).toISOString()} is not after ${new Date(t).toISOString()}`,
      );
    t = n;
    out.push(new Date(t).toISOString());
  }
}

describe('day forms against their definitions', () => {
  it.each(cases)('%s', (_label, dom, dow, matches) => {
    const expression = `cron(0 12 ${dom} * ${dow} *)`;
    for (const [from, to] of [
      [1999, 2032],
      [2098, 2101],
      [2196, 2199],
    ] as const)
      expect(firings(expression, from, to)).toEqual(
        expectedDays(from, to, matches).map((day) => `${day}T12:00:00.000Z`),
      );
  });
});
