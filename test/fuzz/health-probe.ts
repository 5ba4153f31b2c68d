/**
 * GET /_teiki/health every 20 ms from a worker thread, timing each answer. The fuzzer's
 * own thread builds requests of megabytes; a probe on that thread would time the fuzzer's
 * pauses as much as teiki's, so it runs on its own event loop.
 */
import { Worker } from 'node:worker_threads';

const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const latencies = [];
let failures = 0;
let running = true;
parentPort.on('message', () => { running = false; });
function once() {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get(workerData.url + '/_teiki/health', { agent, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(performance.now() - started);
        else failures++;
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => { failures++; resolve(); });
  });
}
(async () => {
  while (running) {
    await once();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  agent.destroy();
  parentPort.postMessage({ latencies, failures });
})();
`;

export interface ProbeResult {
  latencies: number[];
  failures: number;
}

export function startHealthProbe(url: string): { stop(): Promise<ProbeResult> } {
  const worker = new Worker(PROBE, { eval: true, workerData: { url } });
  const result = new Promise<ProbeResult>((resolve, reject) => {
    worker.once('message', (message: ProbeResult) => resolve(message));
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const out = await result;
      await worker.terminate();
      return out;
    },
  };
}
