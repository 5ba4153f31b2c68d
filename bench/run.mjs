#!/usr/bin/env node
/**
 * teiki beside moto_server, in the same run on the same machine, and the figures
 * written to bench/RESULTS.md. Run with `npm run bench` (it builds teiki first).
 *
 * Workloads (later issues add theirs to WORKLOADS):
 *   cold start   spawn → first successful request, median of several starts
 *   json         requests/s with 32 concurrent keep-alive clients, ECS ListClusters
 *   query        requests/s with 32 concurrent keep-alive clients, STS GetCallerIdentity
 *
 * The load generator runs in this process; on a 2-core machine it competes with the
 * server for CPU, equally for both peers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONCURRENCY = 32;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 5);
const TARGETS = { coldStartMs: 300, throughputRatio: 10 };

// Peers route by the credential scope; neither verifies the signature here.
const auth = (service) =>
  `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

const WORKLOADS = {
  json: {
    label: 'JSON protocol: ECS ListClusters',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
      authorization: auth('ecs'),
    },
    body: '{}',
  },
  query: {
    label: 'query protocol: STS GetCallerIdentity',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: auth('sts'),
    },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  },
};

const PEERS = {
  teiki: (port, dir) =>
    spawn(
      process.execPath,
      [
        join(ROOT, 'bin/teiki.js'),
        'start',
        '--port',
        String(port),
        '--data-dir',
        dir,
        '--log-level',
        'warn',
      ],
      { stdio: 'ignore' },
    ),
  moto: (port) => spawn('moto_server', ['-p', String(port)], { stdio: 'ignore' }),
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function request(agent, port, workload) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', headers: workload.headers, agent },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode));
      },
    );
    req.once('error', reject);
    req.end(workload.body);
  });
}

async function startPeer(name) {
  const port = await freePort();
  const dir = mkdtempSync(join(os.tmpdir(), `bench-${name}-`));
  const started = performance.now();
  const child = PEERS[name](port, dir);
  let exited = false;
  child.once('exit', () => (exited = true));
  const agent = new http.Agent({ keepAlive: false });
  for (;;) {
    if (exited) throw new Error(`${name} exited before answering`);
    const status = await request(agent, port, WORKLOADS.query).catch(() => undefined);
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const coldStartMs = performance.now() - started;
  return {
    port,
    coldStartMs,
    async stop() {
      child.kill('SIGTERM');
      if (!exited) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function throughput(port, workload) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  // Warm up: connections open, JIT settled.
  await Promise.all(Array.from({ length: CONCURRENCY * 4 }, () => request(agent, port, workload)));
  let ok = 0;
  let failed = 0;
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const status = await request(agent, port, workload).catch(() => 0);
        if (status === 200) ok++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { rps: ok / seconds, ok, failed };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(name) {
  const coldStarts = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const peer = await startPeer(name);
    coldStarts.push(peer.coldStartMs);
    await peer.stop();
  }
  const peer = await startPeer(name);
  const loads = {};
  for (const [key, workload] of Object.entries(WORKLOADS))
    loads[key] = await throughput(peer.port, workload);
  await peer.stop();
  return { coldStartMs: median(coldStarts), coldStarts, loads };
}

function version(command, args) {
  const out = spawnSync(command, args, { encoding: 'utf8' });
  return (out.stdout || out.stderr || '').trim().split('\n')[0];
}

const results = {};
for (const name of Object.keys(PEERS)) {
  process.stderr.write(`measuring ${name}…\n`);
  results[name] = await measure(name);
}

const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const verdict = (ok) => (ok ? 'met' : '**missed**');
const lines = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` (bench/run.mjs) on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${version('python3', ['-c', 'import moto; print("moto " + moto.__version__)']) || 'moto'}.`,
  `teiki runs with its defaults (SQLite store in a fresh data dir, process runtime); moto_server with its defaults. Both on loopback, load generated from one Node process with ${CONCURRENCY} keep-alive connections for ${LOAD_SECONDS} s after a warm-up.`,
  '',
  '## Cold start to first successful request',
  '',
  `Median of ${COLD_STARTS} starts (spawn → first 200 from STS GetCallerIdentity). Target: teiki under ${TARGETS.coldStartMs} ms.`,
  '',
  '| peer | median | all starts (ms) |',
  '|---|---:|---|',
  ...Object.entries(results).map(
    ([name, r]) => `| ${name} | ${fmt(r.coldStartMs)} ms | ${r.coldStarts.map(fmt).join(', ')} |`,
  ),
  '',
  `Target ${verdict(results.teiki.coldStartMs < TARGETS.coldStartMs)}.`,
  '',
  `## Requests per second, ${CONCURRENCY} concurrent clients`,
  '',
  `Target: teiki at least ${TARGETS.throughputRatio}× moto on each.`,
  '',
  '| workload | teiki req/s | moto req/s | ratio | non-200 (teiki / moto) | target |',
  '|---|---:|---:|---:|---:|---|',
  ...Object.entries(WORKLOADS).map(([key, w]) => {
    const t = results.teiki.loads[key];
    const m = results.moto.loads[key];
    const ratio = t.rps / m.rps;
    return `| ${w.label} | ${fmt(t.rps)} | ${fmt(m.rps)} | ${ratio.toFixed(1)}× | ${t.failed} / ${m.failed} | ${verdict(ratio >= TARGETS.throughputRatio)} |`;
  }),
  '',
];
writeFileSync(join(ROOT, 'bench/RESULTS.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
