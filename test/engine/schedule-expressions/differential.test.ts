/**
 * teiki's next occurrences against croner's on the cron syntax both read the same way,
 * over random expressions and instants from a seeded generator (a failure names its seed
 * and case, so it reproduces).
 *
 * The translation to croner's six fields: seconds 0; weekday numbers shifted down one
 * (AWS 1 = SUN, croner 0 = SUN) and weekday steps written as explicit ranges; `?` becomes
 * `*`; day fields combined with AND (`legacyMode: false`), since AWS always leaves one of
 * them `?`; AWS `6L` is croner `5#L`, AWS `L` alone in day-of-week is Saturday; the year
 * is `*` (croner has no year field).
 *
 * Left out, because the two differ on purpose: ranges that run around the end of a field
 * (`50-10`, `FRI-MON`: Quartz and AWS wrap, croner refuses), `W`, `LW` and `L-n` (croner
 * has none), and instants whose next occurrence lies past 2199 (AWS's last year; croner
 * goes on). In time zones with daylight saving, windows that hold a spring-forward change
 * are set aside: croner runs a time in the gap an hour later (02:30 at 03:30), where AWS
 * skips it. Fall-back windows are compared: both run a repeated time once, the first time.
 */
import { Cron } from 'croner';
import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../src/engine/schedule-expressions/index.js';
import { prng } from '../../helpers/prng.js';
import { withKeptLocaleFormats } from './intl-helpers.js';

const LAST_MS = Date.UTC(2200, 0, 1);

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

interface Field {
  min: number;
  max: number;
  names?: readonly string[];
  /** croner's number for an AWS value. */
  shift: number;
}

const MINUTE: Field = { min: 0, max: 59, shift: 0 };
const HOUR: Field = { min: 0, max: 23, shift: 0 };
const DOM: Field = { min: 1, max: 31, shift: 0 };
const MONTH: Field = {
  min: 1,
  max: 12,
  shift: 0,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const DOW: Field = {
  min: 1,
  max: 7,
  shift: -1,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};

/** One list item in both syntaxes. */
function item(rng: Rng, f: Field): [aws: string, croner: string] {
  // croner gets numbers: it misreads some weekday-name ranges (SUN-SUN).
  const value = (v: number): [string, string] => {
    const name = f.names && rng() < 0.3 ? f.names[v - f.min] : undefined;
    return [name ?? String(v), String(v + f.shift)];
  };
  const a = int(rng, f.min, f.max);
  const b = int(rng, a, f.max);
  const step = int(rng, 1, Math.min(f.max - f.min, 15) || 1);
  const kind = rng();
  if (kind < 0.35) return value(a);
  if (kind < 0.55) {
    const [x, cx] = value(a);
    const [y, cy] = value(b);
    return [`${x}-${y}`, `${cx}-${cy}`];
  }
  // Steps in numbers: croner has no names with steps.
  if (kind < 0.7) return [`*/${step}`, `${f.min + f.shift}-${f.max + f.shift}/${step}`];
  if (kind < 0.85) return [`${a}/${step}`, `${a + f.shift}-${f.max + f.shift}/${step}`];
  return [`${a}-${b}/${step}`, `${a + f.shift}-${b + f.shift}/${step}`];
}

function field(rng: Rng, f: Field): [aws: string, croner: string] {
  if (rng() < 0.2) return ['*', '*'];
  const items = Array.from({ length: rng() < 0.7 ? 1 : int(rng, 2, 4) }, () => item(rng, f));
  return [items.map((i) => i[0]).join(','), items.map((i) => i[1]).join(',')];
}

function dayFields(
  rng: Rng,
): [awsDom: string, awsDow: string, cronerDom: string, cronerDow: string] {
  if (rng() < 0.5) {
    if (rng() < 0.08) return ['L', '?', 'L', '*'];
    const [dom, cdom] = field(rng, DOM);
    return [dom, '?', cdom, '*'];
  }
  const r = rng();
  const weekday = int(rng, 1, 7);
  const name = rng() < 0.3 ? DOW.names?.[weekday - 1] : undefined;
  if (r < 0.1) {
    const nth = int(rng, 1, 5);
    return ['?', `${name ?? weekday}#${nth}`, '*', `${weekday - 1}#${nth}`];
  }
  if (r < 0.2) return ['?', `${name ?? weekday}L`, '*', `${weekday - 1}#L`];
  if (r < 0.23) return ['?', 'L', '*', '6'];
  const [dow, cdow] = field(rng, DOW);
  return ['?', dow, '*', cdow];
}

interface Sample {
  aws: string;
  croner: string;
  /** croner's fields: seconds, minutes, hours, day-of-month, month, day-of-week. */
  fields: string[];
  afterMs: number;
}

function sample(rng: Rng, fromMs: number, toMs: number, near: readonly number[] = []): Sample {
  const [minute, cminute] = field(rng, MINUTE);
  const [hour, chour] = field(rng, HOUR);
  const [dom, dow, cdom, cdow] = dayFields(rng);
  const [month, cmonth] = field(rng, MONTH);
  let afterMs = fromMs + Math.floor(rng() * (toMs - fromMs));
  if (near.length && rng() < 0.5)
    afterMs = pick(rng, near) + Math.floor((rng() - 0.5) * 3 * 86_400_000);
  // Many instants sit exactly on a minute or an hour, where "strictly after" matters.
  const snap = rng();
  if (snap < 0.2) afterMs -= afterMs % 60_000;
  else if (snap < 0.3) afterMs -= afterMs % 3_600_000;
  const fields = ['0', cminute, chour, cdom, cmonth, cdow];
  return {
    aws: `cron(${minute} ${hour} ${dom} ${month} ${dow} *)`,
    croner: fields.join(' '),
    fields,
    afterMs,
  };
}

/** A numeric list field with its steps and ranges spelled out, duplicates removed. */
function spelledOut(text: string): string {
  if (text === '*' || /[#L]/.test(text)) return text;
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', step = '1'] = item.split('/');
    const [from = 0, to = from] = range.split('-').map(Number);
    for (let v = from; v <= to; v += Number(step)) values.add(v);
  }
  return [...values].sort((a, b) => a - b).join(',');
}

/**
 * cron-parser's answer, asked only where teiki and croner disagree, to tell a fault of
 * teiki's from one of croner's. Undefined when it has none.
 */
function referee(s: Sample, afterMs: number, timeZone = 'UTC'): number | undefined {
  const [sec, minute, hour, dom, month, dow] = s.fields.map(spelledOut) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const days = dom === '*' ? ['?', dow === '*' ? '*' : dow.replace('#L', 'L')] : [dom, '?'];
  try {
    const next = CronExpressionParser.parse(
      [sec, minute, hour, days[0], month, days[1]].join(' '),
      {
        currentDate: new Date(afterMs),
        tz: timeZone,
      },
    ).next();
    return next.getTime();
  } catch {
    return undefined;
  }
}

const iso = (t: number | undefined) => (t === undefined ? 'none' : new Date(t).toISOString());

interface Compared {
  mismatches: string[];
  compared: number;
  skipped: number;
  /** croner overflowed its stack: no answer. */
  overflows: string[];
  /** croner disagreed with both teiki and cron-parser. */
  cronerFaults: string[];
}

/**
 * Compares `steps` successive occurrences from each sample. `comparable` may set a sample
 * aside (daylight-saving windows); set-aside samples are counted, not compared.
 */
function compare(
  seed: number,
  count: number,
  steps: number,
  options: { timeZone?: string; fromMs: number; toMs: number; near?: readonly number[] },
  comparable: (afterMs: number, untilMs: number) => boolean = () => true,
): Compared {
  const rng = prng(seed);
  const mismatches: string[] = [];
  const overflows: string[] = [];
  const cronerFaults: string[] = [];
  let compared = 0;
  let skipped = 0;
  for (let i = 0; i < count; i++) {
    const s = sample(rng, options.fromMs, options.toMs, options.near);
    const ours = parseScheduleExpression(s.aws);
    const theirs = new Cron(
      s.croner,
      options.timeZone
        ? { timezone: options.timeZone, legacyMode: false }
        : { utcOffset: 0, legacyMode: false },
    );
    let t = s.afterMs;
    for (let step = 0; step < steps; step++) {
      const mine = ours.nextAfter(t, { timeZone: options.timeZone });
      let run: number | undefined;
      try {
        run = theirs.nextRun(new Date(t))?.getTime();
      } catch (e) {
        // croner recurses once per year it searches and overflows the stack on
        // expressions that match rarely or never: no answer to compare with.
        if (!(e instanceof RangeError)) throw e;
        overflows.push(`${s.aws} after ${iso(t)}`);
        break;
      }
      const expected = run === undefined || run >= LAST_MS ? undefined : run;
      if (!comparable(t, Math.max(mine ?? t, expected ?? t))) {
        skipped++;
        break;
      }
      compared++;
      if (mine !== expected && mine !== undefined && referee(s, t, options.timeZone) === mine) {
        cronerFaults.push(
          `${s.aws} after ${iso(t)}: teiki and cron-parser ${iso(mine)}, croner ${iso(expected)}`,
        );
        break;
      }
      if (mine !== expected) {
        mismatches.push(
          `seed ${seed} case ${i}: ${s.aws} (croner '${s.croner}') after ${iso(t)}: teiki ${iso(mine)}, croner ${iso(expected)}`,
        );
        break;
      }
      if (mine === undefined) break;
      t = mine;
    }
  }
  return { mismatches, compared, skipped, overflows, cronerFaults };
}

const YEAR_1970 = Date.UTC(1970, 0, 1);
const YEAR_2100 = Date.UTC(2100, 0, 1);

describe('differential against croner', () => {
  it('agrees in UTC on 100,000 random expressions, three occurrences each', () => {
    const { mismatches, compared, overflows, cronerFaults } = compare(0x7e1c1, 100_000, 3, {
      fromMs: YEAR_1970,
      toMs: YEAR_2100,
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(250_000);
    // croner's known faults (days after a short February, stack overflow) are rare.
    expect(cronerFaults.length + overflows.length).toBeLessThan(compared / 1000);
  });

  it.each(['Asia/Tokyo', 'Asia/Kolkata', 'Asia/Kathmandu'])(
    'agrees in %s (no daylight saving) on 600 random expressions',
    (timeZone) => {
      const { mismatches, compared } = withKeptLocaleFormats(() =>
        compare(0x5eed + timeZone.length, 600, 2, {
          timeZone,
          fromMs: Date.UTC(1990, 0, 1),
          toMs: Date.UTC(2060, 0, 1),
        }),
      );
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(900);
    },
  );

  it.each(['America/New_York', 'Europe/London', 'Australia/Lord_Howe'])(
    'agrees in %s outside spring-forward gaps on 1,000 random expressions',
    (timeZone) => {
      // sv-SE formats as "2024-11-03 01:30:00".
      const format = new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        dateStyle: 'short',
        timeStyle: 'medium',
      });
      const offset = (t: number) =>
        Date.parse(`${format.format(t).replace(' ', 'T')}Z`) - Math.floor(t / 1000) * 1000;
      const day = 86_400_000;
      // Half the instants fall within a day and a half of a fall-back change.
      const fallBacks: number[] = [];
      for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2060, 0, 1); t += 7 * day)
        if (offset(t) > offset(t + 7 * day))
          for (let d = t; d < t + 7 * day; d += day)
            if (offset(d) > offset(d + day)) fallBacks.push(d + day / 2);
      let overlapsCompared = 0;
      // A window shorter than 100 days holds at most one change of offset: compare it
      // unless that change moves the clocks forward.
      const comparable = (afterMs: number, untilMs: number) => {
        const before = offset(afterMs - day);
        const after = offset(untilMs + day);
        if (before > after) overlapsCompared++;
        return untilMs - afterMs < 100 * day && before >= after;
      };
      const { mismatches, compared, skipped } = withKeptLocaleFormats(() =>
        compare(
          0xd57 + timeZone.length,
          1_000,
          2,
          { timeZone, fromMs: Date.UTC(1990, 0, 1), toMs: Date.UTC(2060, 0, 1), near: fallBacks },
          comparable,
        ),
      );
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(1_000);
      expect(overlapsCompared).toBeGreaterThanOrEqual(300);
      expect(skipped).toBeLessThan(compared);
    },
  );
});
