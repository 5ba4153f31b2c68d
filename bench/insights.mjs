/**
 * The Logs Insights engine alone (no HTTP, no store): queries over 1,000,000 synthetic
 * events handed over in batches of 10,000, as the store yields them, through the async
 * driver that slices the work. Besides the time, it reports the longest slice: how long
 * the engine held the event loop at once (the service needs it well under 100 ms).
 * moto cannot be run this way; the service's StartQuery bench will put the two side by side.
 *
 *   node bench/insights.mjs          (after `npm run build`), or `npm run bench -- insights`
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmt, median, ROOT } from './peers.mjs';

const TARGET_SECONDS = 1;
const BATCH = 10_000;
/** One event in this many is an ERROR. */
const ERROR_EVERY = 1_000;

const QUERIES = [
  {
    label: 'filter + stats by bin',
    query: 'filter @message like /ERROR/ | stats count(*) by bin(5m)',
    target: true,
  },
  {
    label: 'newest 20',
    query: 'fields @timestamp, @message | sort @timestamp desc | limit 20',
    target: true,
  },
  {
    label: 'regex with a class',
    query: 'filter @message like /\\[ERR(OR|0R)\\]/ | stats count(*) by bin(5m)',
  },
  {
    label: 'parse glob + stats',
    query: 'parse @message "in * ms" as ms | stats avg(ms), pct(ms, 95) by bin(1h)',
  },
  { label: 'JSON discovery + stats', query: 'stats count(*) by level, bin(1h)', json: true },
];

function records(n, json) {
  const base = Date.UTC(2026, 10, 28, 0, 0, 0);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const level = i % ERROR_EVERY === 0 ? 'ERROR' : 'INFO';
    const message = json
      ? `{"level":"${level}","item":${i},"ms":${i % 97},"msg":"sample:logger processed item"}`
      : `2026-11-28 02:20:${String(i % 60).padStart(2, '0')} [${level}] sample:logger processed item ${i} in ${i % 97} ms`;
    // 100 ms apart: a million events span about 28 hours.
    out[i] = {
      timestamp: base + i * 100,
      ingestionTime: base + i * 100 + 40,
      message,
      logStream: `stream-${i % 10}`,
      log: '000000000000:/bench',
      ptr: `p${i}`,
    };
  }
  return out;
}

function* batches(all) {
  for (let i = 0; i < all.length; i += BATCH) yield all.slice(i, i + BATCH);
}

async function once(engine, query, events) {
  const window = {
    startTime: events[0].timestamp,
    endTime: events.at(-1).timestamp + 1,
    now: events.at(-1).timestamp,
  };
  let longest = 0;
  let longestCpu = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const started = last;
  const startedCpu = process.cpuUsage();
  const run = engine.compileQuery(query).start(window);
  await engine.consume(run, batches(events), {
    onProgress: () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      // CPU time too: on a shared machine the wall-clock gap includes time spent descheduled.
      const cpu = process.cpuUsage(lastCpu);
      longestCpu = Math.max(longestCpu, (cpu.user + cpu.system) / 1000);
      lastCpu = process.cpuUsage();
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(startedCpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  longest = Math.max(longest, performance.now() - last);
  return {
    seconds,
    cpuSeconds,
    longest,
    longestCpu,
    rows: run.results().length,
    stats: run.statistics(),
  };
}

export async function runInsights({ filterEvents, log }) {
  const engine = await import(pathToFileURL(join(ROOT, 'dist/engine/logs-insights/index.js')).href);
  const n = filterEvents;
  // One set of events in memory at a time: a bigger heap would only lengthen GC pauses.
  let events;
  let eventsAreJson;
  const rows = [];
  for (const q of QUERIES) {
    if (eventsAreJson !== Boolean(q.json)) {
      events = undefined;
      events = records(n, Boolean(q.json));
      eventsAreJson = Boolean(q.json);
    }
    await once(engine, q.query, events.slice(0, 50_000)); // warm-up
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await once(engine, q.query, events));
    const mid = median(runs.map((r) => r.seconds));
    const r = runs.find((x) => x.seconds === mid);
    const wall = Math.max(...runs.map((x) => x.longest));
    const cpu = Math.max(...runs.map((x) => x.longestCpu));
    log(
      `insights ${q.label}: ${mid.toFixed(3)} s, longest slice ${wall.toFixed(1)} ms (${cpu.toFixed(1)} ms CPU)`,
    );
    rows.push(
      `| \`${q.query.replace(/\|/g, '\\|')}\` | ${mid.toFixed(2)} s | ${r.cpuSeconds.toFixed(2)} s | ${wall.toFixed(0)} ms (${cpu.toFixed(0)} ms CPU) | ${fmt(r.stats.recordsMatched)} | ${r.rows} | ${q.target ? (mid < TARGET_SECONDS ? 'met' : '**missed**') : '—'} |`,
    );
  }
  return [
    '## CloudWatch Logs Insights engine',
    '',
    `The query engine alone (\`bench/insights.mjs\`): ${fmt(n)} synthetic events (100 ms apart, one in ${fmt(ERROR_EVERY)} an ERROR), fed in batches of ${fmt(BATCH)} through the async driver; median of 3 runs after a warm-up. "Longest slice" is the longest the engine held the event loop between yields, in wall-clock time and in this process's CPU time (the machine is shared: the wall-clock figure includes time the process waited for a core). Target: the first two queries under ${TARGET_SECONDS} s. No peer: moto has no engine to run without HTTP; the service's StartQuery bench puts the two side by side.`,
    '',
    '| query | time | CPU time | longest slice | records matched | rows | target |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const lines = await runInsights({
    filterEvents: Number(process.env.BENCH_FILTER_EVENTS ?? 1_000_000),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}
