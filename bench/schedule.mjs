/**
 * Schedule expressions: next-occurrence computations per second, teiki's engine beside
 * croner and cron-parser, in process, on expressions all three read the same way. Each
 * library walks forward from one occurrence to the next (teiki `nextAfter(previous)`,
 * croner `nextRun(previous)`, cron-parser `next()`), starting again at 2026 when it passes
 * 2100. A second table parses the expression and asks for its first occurrence.
 *
 * teiki keeps the next-value tables of the fields it has parsed and shares them between
 * expressions (most rules repeat `*`, `?` and small numbers), which the parse row shows.
 *
 * In UTC, croner gets `utcOffset: 0` (its fast path; `timezone: 'UTC'` goes through Intl
 * on every call) and cron-parser `tz: 'UTC'`. The zone rows give each library the IANA
 * zone.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Cron } from 'croner';
import { CronExpressionParser } from 'cron-parser';
import { ROOT, fmt } from './peers.mjs';

const START_MS = Date.UTC(2026, 0, 1);
const RESTART_MS = Date.UTC(2100, 0, 1);

/** [label, AWS expression, croner and cron-parser pattern (seconds first, 0 = Sunday)] */
const SHARED = [
  ['daily at 02:20 (the seed)', 'cron(20 2 * * ? *)', '0 20 2 * * *'],
  ['every 15 minutes', 'cron(0/15 * * * ? *)', '0 0/15 * * * *'],
  ['weekdays at 18:00', 'cron(0 18 ? * MON-FRI *)', '0 0 18 * * 1-5'],
  ['lists and ranges', 'cron(5,35 8-17 1-7,15-21 * ? *)', '0 5,35 8-17 1-7,15-21 * *'],
  ['first of the month', 'cron(0 8 1 * ? *)', '0 0 8 1 * *'],
  ['last day of the month', 'cron(0 0 L * ? *)', '0 0 0 L * *'],
  ['third Friday', 'cron(15 10 ? * 6#3 *)', '0 15 10 * * 5#3'],
  ['29 February', 'cron(0 0 29 2 ? *)', '0 0 0 29 2 *'],
];
const ZONED = SHARED.slice(0, 3);
const ZONES = ['Asia/Tokyo', 'America/New_York'];

/** Calls `step` for `seconds` (after a warm-up) and returns calls per second. */
function rate(step, seconds) {
  const warmUntil = performance.now() + 100;
  while (performance.now() < warmUntil) for (let i = 0; i < 100; i++) step();
  let calls = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 200; i++) step();
    calls += 200;
  }
  return calls / ((performance.now() - started) / 1000);
}

/** One step function per library: each call computes one next occurrence. */
function walkers(parse, awsText, pattern, timeZone) {
  const ours = parse(awsText);
  let t = START_MS;
  const teiki = () => {
    const n = ours.nextAfter(t, { timeZone });
    t = n === undefined || n >= RESTART_MS ? START_MS : n;
  };
  const croner = new Cron(
    pattern,
    timeZone ? { timezone: timeZone, legacyMode: false } : { utcOffset: 0, legacyMode: false },
  );
  let c = new Date(START_MS);
  const cronerStep = () => {
    const n = croner.nextRun(c);
    c = n === null || n.getTime() >= RESTART_MS ? new Date(START_MS) : n;
  };
  const parser = CronExpressionParser.parse(pattern, {
    currentDate: new Date(START_MS),
    tz: timeZone ?? 'UTC',
  });
  const parserStep = () => {
    if (parser.next().getTime() >= RESTART_MS) parser.reset(new Date(START_MS));
  };
  return { teiki, croner: cronerStep, 'cron-parser': parserStep };
}

function coldSteps(parse, awsText, pattern) {
  const from = new Date(START_MS);
  return {
    teiki: () => parse(awsText).nextAfter(START_MS),
    croner: () => new Cron(pattern, { utcOffset: 0, legacyMode: false }).nextRun(from),
    'cron-parser': () =>
      CronExpressionParser.parse(pattern, { currentDate: from, tz: 'UTC' }).next(),
  };
}

function row(label, rates) {
  const best = Math.max(rates.croner, rates['cron-parser']);
  return `| ${label} | ${fmt(rates.teiki)} | ${fmt(rates.croner)} | ${fmt(rates['cron-parser'])} | ${(rates.teiki / best).toFixed(1)}× |`;
}

function measure(steps, seconds) {
  return Object.fromEntries(
    Object.entries(steps).map(([name, step]) => [name, rate(step, seconds)]),
  );
}

export async function runSchedule({ seconds, log }) {
  const { parseScheduleExpression } = await import(
    pathToFileURL(join(ROOT, 'dist/engine/schedule-expressions/index.js')).href
  );
  // Each cell runs a tenth of the group's time: the figures settle well before that.
  const cell = Math.max(0.2, seconds / 10);
  const header = [
    '| expression | teiki /s | croner /s | cron-parser /s | teiki ÷ faster peer |',
    '|---|---:|---:|---:|---:|',
  ];
  const utc = [];
  for (const [label, aws, pattern] of SHARED) {
    log(`schedule: ${label}`);
    utc.push(
      row(`${label}: \`${aws}\``, measure(walkers(parseScheduleExpression, aws, pattern), cell)),
    );
  }
  const zoned = [];
  for (const timeZone of ZONES)
    for (const [label, aws, pattern] of ZONED) {
      log(`schedule: ${label} in ${timeZone}`);
      zoned.push(
        row(
          `${label} in ${timeZone}`,
          measure(walkers(parseScheduleExpression, aws, pattern, timeZone), cell),
        ),
      );
    }
  const cold = [];
  for (const [label, aws, pattern] of SHARED.slice(0, 4)) {
    log(`schedule: parse ${label}`);
    cold.push(row(`${label}`, measure(coldSteps(parseScheduleExpression, aws, pattern), cell)));
  }
  return [
    '## Schedule expressions: next occurrences per second',
    '',
    `In process, one library at a time, ${cell} s per cell after a warm-up. Each library walks from one occurrence to the next from 2026 (teiki \`nextAfter\`, croner \`nextRun\`, cron-parser \`next()\`), starting over when it passes 2100. croner runs in UTC with \`utcOffset: 0\`, its fast path. teiki shares parsed field tables between expressions, so the parse row measures it with its tables warm, as a running server has them.`,
    '',
    '### UTC (EventBridge rules)',
    '',
    ...header,
    ...utc,
    '',
    '### IANA time zones (EventBridge Scheduler)',
    '',
    ...header,
    ...zoned,
    '',
    '### Parse, then the first occurrence',
    '',
    ...header,
    ...cold,
    '',
  ];
}
