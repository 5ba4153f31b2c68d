/**
 * The scheduler engine at scale: 10,000, 100,000 and 1,000,000 scheduled rules (cron
 * expressions, one firing an hour each, spread over the hour), each claimed in the
 * store-backed fire ledger (memory store) before it fires. Measured: heap memory for the
 * entries, firings per second while a virtual clock moves an hour, and on the real clock
 * the lateness of 100,000 firings spread over 20 seconds (target: p99 under 20 ms).
 * moto does not fire rules at all, so there is no peer figure here.
 */
import { createRealClock, createVirtualClock } from '../dist/engine/clock/index.js';
import { silentLogger } from '../dist/engine/log.js';
import { parseScheduleExpression } from '../dist/engine/schedule-expressions/index.js';
import { Scheduler } from '../dist/engine/scheduler/index.js';
import { createStoreLedger } from '../dist/store/fire-ledger.js';
import { openStore } from '../dist/store/open.js';
import { fmt } from './peers.mjs';

const SIZES = [10_000, 100_000, 1_000_000];
const LATENESS_RULES = 100_000;
const LATENESS_SPREAD_MS = 20_000;
const TARGET_P99_MS = 20;
const HOUR = 3_600_000;

const gc = () => globalThis.gc?.();
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;

/** An entry whose fire, missed and skipped are `behaviour`'s, on its class's prototype. */
function entryOf(behaviour, key, nextAfter) {
  return new (entryClassOf(behaviour))(key, nextAfter);
}

const entryClasses = new WeakMap();

/** One class per behaviour, as a program's own entry class would hold its methods. */
function entryClassOf(behaviour) {
  let Entry = entryClasses.get(behaviour);
  if (!Entry) {
    Entry = class {
      constructor(key, nextAfter) {
        this.key = key;
        this.nextAfter = nextAfter;
      }
    };
    Object.assign(Entry.prototype, behaviour);
    entryClasses.set(behaviour, Entry);
  }
  return Entry;
}

/**
 * `size` entries of 60 shared cron expressions (one firing an hour each, spread over the
 * hour), evaluated in `zones` in turn, while a virtual clock moves one hour.
 */
async function virtualHour(size, zones = ['UTC']) {
  gc();
  const before = heapMb();
  const store = await openStore({ kind: 'memory' });
  const start = Date.parse('2026-01-01T00:00:00Z');
  const clock = createVirtualClock(start);
  let fired = 0;
  const scheduler = new Scheduler({
    clock,
    ledger: createStoreLedger(store),
    logger: silentLogger,
  });
  // What every entry does with its instants, shared through the entries' prototype as a
  // class's methods would be (the triggers' entries carry theirs, bound to their rule).
  const behaviour = {
    fire: async (_at, claim) => void ((await claim()) && fired++),
    missed: async (_at, claim) => claim(),
    skipped: async (_summary, claim) => void (await claim()),
  };
  // 60 distinct expressions, as real rule sets share a few schedules.
  const expressions = Array.from({ length: 60 }, (_, m) =>
    parseScheduleExpression(`cron(${m} * * * ? *)`),
  );
  for (let i = 0; i < size; i++) {
    const expression = expressions[i % 60];
    const timeZone = zones[i % zones.length];
    scheduler.upsert(
      entryOf(behaviour, `entry|${i}`, (ms) => expression.nextAfter(ms, { timeZone })),
      start,
    );
  }
  gc();
  const entriesMb = heapMb() - before;
  await scheduler.start();
  const began = performance.now();
  await clock.advance(HOUR);
  const seconds = (performance.now() - began) / 1000;
  await scheduler.stop();
  await store.close();
  return { size, zones: zones.length, entriesMb, fired, perSecond: fired / seconds };
}

async function realLateness() {
  const store = await openStore({ kind: 'memory' });
  const clock = createRealClock();
  const late = [];
  const scheduler = new Scheduler({
    clock,
    ledger: createStoreLedger(store),
    logger: silentLogger,
    lateness: (ms) => late.push(ms),
  });
  const behaviour = {
    fire: async (_at, claim) => void (await claim()),
    missed: async (_at, claim) => claim(),
    skipped: async (_summary, claim) => void (await claim()),
  };
  const begin = clock.nowMs() + 2000;
  for (let i = 0; i < LATENESS_RULES; i++) {
    const at = begin + Math.floor((i / LATENESS_RULES) * LATENESS_SPREAD_MS);
    scheduler.upsert(entryOf(behaviour, `rule|${i}`, (ms) => (ms < at ? at : undefined)));
  }
  await scheduler.start();
  while (late.length < LATENESS_RULES) await new Promise((r) => setTimeout(r, 100));
  await scheduler.stop();
  await store.close();
  late.sort((a, b) => a - b);
  const q = (p) => late[Math.min(late.length - 1, Math.floor(late.length * p))];
  return { p50: q(0.5), p99: q(0.99), max: late[late.length - 1] };
}

/** Scheduler schedules: 100,000 `cron(m h * * ? *)` in one zone, or spread over many. */
const ZONES = [
  'Asia/Tokyo',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Europe/Berlin',
  'America/Los_Angeles',
  'Africa/Cairo',
  'Pacific/Auckland',
];

export async function runScheduler({ log }) {
  const rows = [];
  for (const size of SIZES) {
    log(`scheduler: ${fmt(size)} rules on a virtual clock`);
    rows.push(await virtualHour(size));
  }
  log(`scheduler: lateness of ${fmt(LATENESS_RULES)} firings on the real clock`);
  const lateness = await realLateness();
  log(`scheduler: ${fmt(LATENESS_RULES)} schedules in one zone and in ${ZONES.length} zones`);
  const zoned = [
    await virtualHour(LATENESS_RULES, ['Asia/Tokyo']),
    await virtualHour(LATENESS_RULES, ZONES),
  ];
  return [
    '## Scheduler: scheduled rules at scale',
    '',
    'Engine level (the scheduler with its store-backed fire ledger, memory store): cron rules firing once an hour each, spread over the hour; a virtual clock moves one hour. Heap is measured after the entries are added (run with `--expose-gc` for exact figures). moto does not fire rules, so it has no figure here.',
    '',
    '| rules | heap for the entries | firings in the hour | firings/s |',
    '|---:|---:|---:|---:|',
    ...rows.map(
      (r) => `| ${fmt(r.size)} | ${fmt(r.entriesMb)} MB | ${fmt(r.fired)} | ${fmt(r.perSecond)} |`,
    ),
    '',
    `Lateness on the real clock: ${fmt(LATENESS_RULES)} one-time entries due over ${LATENESS_SPREAD_MS / 1000} s; each firing's start minus its instant.`,
    '',
    '| p50 | p99 | max | target (p99) |',
    '|---:|---:|---:|---|',
    `| ${lateness.p50.toFixed(1)} ms | ${lateness.p99.toFixed(1)} ms | ${lateness.max.toFixed(1)} ms | under ${TARGET_P99_MS} ms: ${lateness.p99 < TARGET_P99_MS ? 'met' : '**missed**'} |`,
    '',
    `EventBridge Scheduler schedules in the same harness: ${fmt(LATENESS_RULES)} \`cron(m * * * ? *)\` schedules evaluated in time zones, a virtual hour.`,
    '',
    '| time zones | heap for the entries | firings in the hour | firings/s |',
    '|---:|---:|---:|---:|',
    ...zoned.map(
      (z) => `| ${z.zones} | ${fmt(z.entriesMb)} MB | ${fmt(z.fired)} | ${fmt(z.perSecond)} |`,
    ),
    '',
  ];
}
