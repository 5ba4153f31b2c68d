/**
 * CloudWatch Logs workloads:
 *   store path   events/s appended straight into teiki's SQLite log store (no HTTP), batches of 1,000
 *   ingestion    PutLogEvents events/s through HTTP, batches of 1,000, 32 concurrent streams
 *                (with BENCH_BASELINE=DIR, also a built checkout of an earlier teiki, e.g.
 *                the commit before the search index, for a before/after in the same run)
 *   filter       FilterLogEvents with a term pattern over a group of 1,000,000 events,
 *                every page until the last, through HTTP
 *   insights     StartQuery + GetQueryResults (polled every 10 ms) over the same group
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  authorization,
  cpuMs,
  fmt,
  jsonCall,
  loadAverage,
  post,
  ROOT,
  startPeer,
} from './peers.mjs';

const TARGETS = {
  storeEventsPerSecond: 200_000,
  filterSeconds: 0.1,
  filterRatio: 10,
  ingestRatio: 20,
  insightsSeconds: 1,
  /** PutLogEvents with the search index at most this much below the baseline. */
  indexCost: 0.15,
};
const INSIGHTS = [
  { query: 'filter @message like /ERROR/ | stats count(*) by bin(5m)', target: true },
  { query: 'fields @timestamp, @message | sort @timestamp desc | limit 20', target: false },
];
const BATCH = 1_000;
const CONCURRENCY = 32;
const LOGS = 'Logs_20140328';
/** One event in this many carries the word the filter looks for. */
const NEEDLE_EVERY = 1_000;

function message(i) {
  const level = i % NEEDLE_EVERY === 0 ? 'ERROR' : 'INFO';
  return `2026-11-28 02:20:${String(i % 60).padStart(2, '0')} [${level}] sample:logger processed item ${i} in ${i % 97} ms`;
}

function batchOf(start, count, baseTime) {
  return Array.from({ length: count }, (_, k) => ({
    timestamp: baseTime + start + k,
    message: message(start + k),
  }));
}

async function storePath(seconds) {
  const { openStore } = await import(pathToFileURL(join(ROOT, 'dist/store/open.js')).href);
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-logstore-'));
  const store = await openStore({ kind: 'sqlite', dataDir: dir });
  const scope = { accountId: '000000000000', region: 'us-east-1' };
  const baseTime = Date.now() - 3_600_000;
  let appended = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    await store.logEvents.append(
      scope,
      '/bench',
      'stream',
      batchOf(appended, BATCH, baseTime),
      Date.now(),
    );
    appended += BATCH;
  }
  const elapsed = (performance.now() - started) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return appended / elapsed;
}

export async function createGroupAndStreams(agent, port, group, streams) {
  await jsonCall(agent, port, 'logs', `${LOGS}.CreateLogGroup`, { logGroupName: group });
  for (const stream of streams)
    await jsonCall(agent, port, 'logs', `${LOGS}.CreateLogStream`, {
      logGroupName: group,
      logStreamName: stream,
    });
}

export async function httpIngestion(peer, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const streams = Array.from({ length: CONCURRENCY }, (_, i) => `s${i}`);
  await createGroupAndStreams(agent, peer.port, '/bench/ingest', streams);
  // Timestamps keep increasing, as a real producer's do; the messages are encoded once so
  // the load generator spends its CPU on sending rather than on building JSON.
  const baseTime = Date.now() - 3_600_000;
  const encoded = Array.from({ length: BATCH }, (_, k) => JSON.stringify(message(k)));
  const bodyOf = (stream, first) =>
    `{"logGroupName":"/bench/ingest","logStreamName":"${stream}","logEvents":[` +
    encoded.map((m, k) => `{"timestamp":${baseTime + first + k},"message":${m}}`).join(',') +
    ']}';
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `${LOGS}.PutLogEvents`,
    authorization: authorization('logs'),
  };
  let events = 0;
  let failed = 0;
  const started = performance.now();
  const cpuBefore = cpuMs(peer.pid);
  const deadline = started + seconds * 1000;
  await Promise.all(
    streams.map(async (stream) => {
      for (let first = 0; performance.now() < deadline; first += BATCH) {
        const res = await post(agent, peer.port, { headers, body: bodyOf(stream, first) });
        if (res.status === 200 && !res.text.includes('rejectedLogEventsInfo')) events += BATCH;
        else failed += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuMs(peer.pid) - cpuBefore;
  agent.destroy();
  if (failed > 0)
    throw new Error(`${peer.name}: ${failed} PutLogEvents batches were refused or partly rejected`);
  return { rate: events / elapsed, cpuUsPerEvent: (cpu * 1000) / events };
}

async function filterGroup(peer, total, log) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const streams = Array.from({ length: 10 }, (_, i) => `s${i}`);
  await createGroupAndStreams(agent, peer.port, '/bench/filter', streams);
  const perStream = Math.ceil(total / streams.length);
  const baseTime = Date.now() - 3_600_000;
  const perBatch = 8_000; // ~100 bytes an event keeps a batch under 1 MiB
  const loadStarted = performance.now();
  await Promise.all(
    streams.map(async (stream, s) => {
      for (let next = 0; next < perStream; next += perBatch) {
        const count = Math.min(perBatch, perStream - next);
        await jsonCall(agent, peer.port, 'logs', `${LOGS}.PutLogEvents`, {
          logGroupName: '/bench/filter',
          logStreamName: stream,
          logEvents: batchOf(s * perStream + next, count, baseTime),
        });
      }
    }),
  );
  log(
    `logs: ${peer.name} loaded ${fmt(perStream * streams.length)} events in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
  );

  const started = performance.now();
  const cpuBefore = cpuMs(peer.pid);
  let matched = 0;
  let pages = 0;
  let nextToken;
  do {
    const page = await jsonCall(agent, peer.port, 'logs', `${LOGS}.FilterLogEvents`, {
      logGroupName: '/bench/filter',
      filterPattern: 'ERROR',
      ...(nextToken ? { nextToken } : {}),
    });
    matched += page.events?.length ?? 0;
    pages += 1;
    nextToken = page.nextToken;
  } while (nextToken);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMs(peer.pid) - cpuBefore;
  const window = {
    startTime: Math.floor(baseTime / 1000) - 1,
    endTime: Math.ceil((baseTime + perStream * streams.length) / 1000) + 1,
  };
  const insights = [];
  for (const { query } of INSIGHTS) insights.push(await insightsQuery(agent, peer, query, window));
  agent.destroy();
  return {
    seconds,
    cpuSeconds: cpu / 1000,
    matched,
    pages,
    expected: Math.ceil((perStream * streams.length) / NEEDLE_EVERY),
    insights,
  };
}

/** StartQuery, then GetQueryResults every 10 ms until the query has ended. */
async function insightsQuery(agent, peer, queryString, window) {
  const started = performance.now();
  const cpuBefore = cpuMs(peer.pid);
  let status = 'Failed';
  let rows = 0;
  let error;
  try {
    const { queryId } = await jsonCall(agent, peer.port, 'logs', `${LOGS}.StartQuery`, {
      logGroupName: '/bench/filter',
      queryString,
      ...window,
    });
    for (;;) {
      const out = await jsonCall(agent, peer.port, 'logs', `${LOGS}.GetQueryResults`, { queryId });
      status = out.status;
      rows = out.results?.length ?? 0;
      if (status !== 'Running' && status !== 'Scheduled') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } catch (e) {
    error = String(e.message ?? e).slice(0, 120);
  }
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpuMs(peer.pid) - cpuBefore) / 1000,
    status,
    rows,
    error,
  };
}

export async function runLogs({ seconds, filterEvents, log }) {
  const loadBefore = loadAverage();
  log('logs: store path');
  const storeRate = await storePath(seconds);
  const http = {};
  const names = ['teiki', ...(process.env.BENCH_BASELINE ? ['teiki (baseline)'] : []), 'moto'];
  for (const name of names) {
    log(`logs: ${name}`);
    const peer = await startPeer(name);
    try {
      http[name] = {
        ingest: await httpIngestion(peer, seconds),
        ...(name === 'teiki (baseline)'
          ? {}
          : { filter: await filterGroup(peer, filterEvents, log) }),
      };
    } finally {
      await peer.stop();
    }
  }
  const loadAfter = loadAverage();
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  const t = http.teiki;
  const m = http.moto;
  const b = http['teiki (baseline)'];
  const filterRatio = m.filter.seconds / t.filter.seconds;
  const ingestRatio = t.ingest.rate / m.ingest.rate;
  const cpu = (x) => `${x.toFixed(2)} s CPU`;
  const lines = [
    '## CloudWatch Logs',
    '',
    `One-minute load average ${loadBefore} before the group and ${loadAfter} after it (the machine is shared: wall-clock times include waiting for a core; the CPU times beside them are the server process's own).`,
    '',
    `Store path: events appended straight into teiki's SQLite log store (with its search index), batches of ${fmt(BATCH)}, for ${seconds} s. Target ≥ ${fmt(TARGETS.storeEventsPerSecond)} events/s.`,
    '',
    `| teiki store path | ${fmt(storeRate)} events/s | target ${verdict(storeRate >= TARGETS.storeEventsPerSecond)} |`,
    '|---|---:|---|',
    '',
    `PutLogEvents through HTTP, batches of ${fmt(BATCH)} from ${CONCURRENCY} concurrent streams for ${seconds} s; CPU is the server's per event. Target: at least ${TARGETS.ingestRatio}× moto.`,
    '',
    '| peer | events/s | server CPU per event | ratio to moto |',
    '|---|---:|---:|---:|',
    ...names.map(
      (n) =>
        `| ${n} | ${fmt(http[n].ingest.rate)} | ${http[n].ingest.cpuUsPerEvent.toFixed(2)} µs | ${(http[n].ingest.rate / m.ingest.rate).toFixed(1)}× |`,
    ),
    '',
    `Ingestion ratio ${ingestRatio.toFixed(1)}×: target ${verdict(ingestRatio >= TARGETS.ingestRatio)}.`,
    ...(b
      ? [
          '',
          `The search index's cost: teiki with it against the baseline build without it (${process.env.BENCH_BASELINE_LABEL ?? process.env.BENCH_BASELINE}), same run: throughput ${(((t.ingest.rate - b.ingest.rate) / b.ingest.rate) * 100).toFixed(1)}%, server CPU per event ${(((t.ingest.cpuUsPerEvent - b.ingest.cpuUsPerEvent) / b.ingest.cpuUsPerEvent) * 100).toFixed(1)}%. Target: at most ${TARGETS.indexCost * 100}% below: ${verdict(t.ingest.rate >= b.ingest.rate * (1 - TARGETS.indexCost))} (throughput), ${verdict(t.ingest.cpuUsPerEvent <= b.ingest.cpuUsPerEvent * (1 + TARGETS.indexCost))} (CPU).`,
        ]
      : []),
    '',
    `FilterLogEvents with the pattern \`ERROR\` (one event in ${fmt(NEEDLE_EVERY)}) over a group of ${fmt(filterEvents)} events in 10 streams, every page. Targets: under ${TARGETS.filterSeconds * 1000} ms, at least ${TARGETS.filterRatio}× moto.`,
    '',
    '| peer | time | server CPU | matched | pages |',
    '|---|---:|---:|---:|---:|',
    ...['teiki', 'moto'].map(
      (n) =>
        `| ${n} | ${(http[n].filter.seconds * 1000).toFixed(0)} ms | ${cpu(http[n].filter.cpuSeconds)} | ${http[n].filter.matched}/${http[n].filter.expected} | ${http[n].filter.pages} |`,
    ),
    '',
    `Ratio ${filterRatio.toFixed(1)}×. Under ${TARGETS.filterSeconds * 1000} ms: ${verdict(t.filter.seconds < TARGETS.filterSeconds && t.filter.matched === t.filter.expected)}; ${TARGETS.filterRatio}×: ${verdict(filterRatio >= TARGETS.filterRatio)}.`,
    '',
    `Logs Insights through HTTP over the same group: StartQuery, then GetQueryResults every 10 ms until the query ends (the polling adds up to 10 ms). Target for the first query: teiki under ${TARGETS.insightsSeconds} s.`,
    '',
    '| query | peer | time | server CPU | status | rows |',
    '|---|---|---:|---:|---|---:|',
    ...INSIGHTS.flatMap(({ query }, i) =>
      ['teiki', 'moto'].map((n) => {
        const r = http[n].filter.insights[i];
        return `| \`${query.replaceAll('|', '\\|')}\` | ${n} | ${(r.seconds * 1000).toFixed(0)} ms | ${cpu(r.cpuSeconds)} | ${r.error ? `error: ${r.error}` : r.status} | ${r.rows} |`;
      }),
    ),
    '',
    `First query under ${TARGETS.insightsSeconds} s: ${verdict(t.filter.insights[0].status === 'Complete' && t.filter.insights[0].seconds < TARGETS.insightsSeconds)}.`,
    '',
  ];
  return lines;
}
