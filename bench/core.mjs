/**
 * The foundation's workloads: cold start to first successful request, and requests/s with
 * 32 concurrent keep-alive clients on a trivial JSON and a trivial query operation.
 */
import http from 'node:http';
import { authorization, fmt, median, post, READY_PROBE, startPeer } from './peers.mjs';

export const CONCURRENCY = 32;
const TARGETS = { coldStartMs: 300, throughputRatio: 10 };

const WORKLOADS = {
  json: {
    label: 'JSON protocol: ECS ListClusters',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
      authorization: authorization('ecs'),
    },
    body: '{}',
  },
  query: { label: 'query protocol: STS GetCallerIdentity', ...READY_PROBE },
};

/**
 * Requests/s of CONCURRENCY keep-alive clients for `seconds` after a warm-up (`warmUp`
 * requests). `workload` is one request, or a function of a running count giving each
 * request (distinct names).
 */
export async function throughput(port, workload, seconds, { warmUp = CONCURRENCY * 4 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let n = 0;
  const next = typeof workload === 'function' ? () => workload(n++) : () => workload;
  // Warm up: connections open, JIT settled.
  await Promise.all(Array.from({ length: warmUp }, () => post(agent, port, next())));
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const res = await post(agent, port, next()).catch(() => undefined);
        if (res?.status === 200) ok++;
        else failed++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { rps: ok / elapsed, failed };
}

async function measure(name, { coldStarts, seconds }) {
  const starts = [];
  for (let i = 0; i < coldStarts; i++) {
    const peer = await startPeer(name);
    starts.push(peer.coldStartMs);
    await peer.stop();
  }
  const peer = await startPeer(name);
  const loads = {};
  for (const [key, workload] of Object.entries(WORKLOADS))
    loads[key] = await throughput(peer.port, workload, seconds);
  await peer.stop();
  return { coldStartMs: median(starts), starts, loads };
}

export async function runCore({ seconds, coldStarts, log }) {
  const results = {};
  for (const name of ['teiki', 'moto']) {
    log(`core: ${name}`);
    results[name] = await measure(name, { coldStarts, seconds });
  }
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  return [
    '## Cold start to first successful request',
    '',
    `Median of ${coldStarts} starts (spawn → first 200 from STS GetCallerIdentity). Target: teiki under ${TARGETS.coldStartMs} ms.`,
    '',
    '| peer | median | all starts (ms) |',
    '|---|---:|---|',
    ...Object.entries(results).map(
      ([name, r]) => `| ${name} | ${fmt(r.coldStartMs)} ms | ${r.starts.map(fmt).join(', ')} |`,
    ),
    '',
    `Target ${verdict(results.teiki.coldStartMs < TARGETS.coldStartMs)}.`,
    '',
    `## Requests per second, ${CONCURRENCY} concurrent clients`,
    '',
    `Keep-alive connections for ${seconds} s after a warm-up. Target: teiki at least ${TARGETS.throughputRatio}× moto on each.`,
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
}
