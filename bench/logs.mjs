/**
 * CloudWatch Logs workloads:
 *   store path   events/s appended straight into teiki's SQLite log store (no HTTP), batches of 1,000
 *   ingestion    PutLogEvents events/s through HTTP, batches of 1,000, 32 concurrent streams
 *   filter       FilterLogEvents with a term pattern over a group of 1,000,000 events,
 *                every page until the last, through HTTP
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { authorization, fmt, jsonCall, post, ROOT, startPeer } from './peers.mjs';

const TARGETS = { storeEventsPerSecond: 200_000, filterSeconds: 1, ratio: 20 };
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
  agent.destroy();
  if (failed > 0)
    throw new Error(`${peer.name}: ${failed} PutLogEvents batches were refused or partly rejected`);
  return events / elapsed;
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
  agent.destroy();
  return {
    seconds,
    matched,
    pages,
    expected: Math.ceil((perStream * streams.length) / NEEDLE_EVERY),
  };
}

export async function runLogs({ seconds, filterEvents, log }) {
  log('logs: store path');
  const storeRate = await storePath(seconds);
  const http = {};
  for (const name of ['teiki', 'moto']) {
    log(`logs: ${name}`);
    const peer = await startPeer(name);
    try {
      http[name] = {
        ingest: await httpIngestion(peer, seconds),
        filter: await filterGroup(peer, filterEvents, log),
      };
    } finally {
      await peer.stop();
    }
  }
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  const t = http.teiki;
  const m = http.moto;
  const filterRatio = m.filter.seconds / t.filter.seconds;
  const ingestRatio = t.ingest / m.ingest;
  return [
    '## CloudWatch Logs',
    '',
    `Store path: events appended straight into teiki's SQLite log store, batches of ${fmt(BATCH)}, for ${seconds} s. Target ≥ ${fmt(TARGETS.storeEventsPerSecond)} events/s.`,
    '',
    `| teiki store path | ${fmt(storeRate)} events/s | target ${verdict(storeRate >= TARGETS.storeEventsPerSecond)} |`,
    '|---|---:|---|',
    '',
    `Through HTTP: PutLogEvents with batches of ${fmt(BATCH)} from ${CONCURRENCY} concurrent streams for ${seconds} s; FilterLogEvents with the pattern \`ERROR\` (one event in ${fmt(NEEDLE_EVERY)}) over a group of ${fmt(filterEvents)} events in 10 streams, every page. Targets: filter under ${TARGETS.filterSeconds} s, both at least ${TARGETS.ratio}× moto.`,
    '',
    '| workload | teiki | moto | ratio | target |',
    '|---|---:|---:|---:|---|',
    `| PutLogEvents ingestion | ${fmt(t.ingest)} events/s | ${fmt(m.ingest)} events/s | ${ingestRatio.toFixed(1)}× | ${verdict(ingestRatio >= TARGETS.ratio)} |`,
    `| FilterLogEvents over ${fmt(filterEvents)} events | ${t.filter.seconds.toFixed(2)} s (${t.filter.matched}/${t.filter.expected} matched, ${t.filter.pages} pages) | ${m.filter.seconds.toFixed(2)} s (${m.filter.matched}/${m.filter.expected} matched, ${m.filter.pages} pages) | ${filterRatio.toFixed(1)}× | under ${TARGETS.filterSeconds} s: ${verdict(t.filter.seconds < TARGETS.filterSeconds && t.filter.matched === t.filter.expected)}; ${TARGETS.ratio}×: ${verdict(filterRatio >= TARGETS.ratio)} |`,
    '',
  ];
}
