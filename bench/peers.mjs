/**
 * The peers a benchmark runs side by side (teiki and moto_server), started on free
 * loopback ports, and the raw HTTP calls the workloads make to them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Peers route by the credential scope; neither verifies the signature here.
export const authorization = (service) =>
  `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

/**
 * teiki built in `root`; `args`: more `teiki start` arguments (for example `--store`);
 * `nodeArgs`: Node's own (for example `--cpu-prof`).
 */
const teikiIn =
  (root) =>
  (port, dir, args = [], nodeArgs = []) =>
    spawn(
      process.execPath,
      [
        ...nodeArgs,
        join(root, 'bin/teiki.js'),
        'start',
        '--port',
        String(port),
        '--data-dir',
        dir,
        '--log-level',
        'warn',
        ...args,
      ],
      { stdio: 'ignore' },
    );

export const PEERS = {
  teiki: teikiIn(ROOT),
  /** BENCH_BASELINE: a built checkout of an earlier commit, for a before/after in one run. */
  'teiki (baseline)': (port, dir, args, nodeArgs) =>
    teikiIn(process.env.BENCH_BASELINE ?? ROOT)(port, dir, args, nodeArgs),
  moto: (port) => spawn('moto_server', ['-p', String(port)], { stdio: 'ignore' }),
};

/** The request the peers are polled with until they answer: STS GetCallerIdentity. */
export const READY_PROBE = {
  headers: {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    authorization: authorization('sts'),
  },
  body: 'Action=GetCallerIdentity&Version=2011-06-15',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One POST; resolves with the status and the body text. */
export function post(agent, port, { headers, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', headers, agent },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.once('end', () =>
          resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/** An awsJson1_1 call; throws unless it answers 200. */
export async function jsonCall(agent, port, service, target, input) {
  const res = await post(agent, port, {
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization: authorization(service),
    },
    body: JSON.stringify(input),
  });
  if (res.status !== 200)
    throw new Error(`${target} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return res.text ? JSON.parse(res.text) : {};
}

/** Whether a peer answers STS GetCallerIdentity (unsigned: an `enforce` teiki refuses it). */
const answersProbe = (port, agent) =>
  post(agent, port, READY_PROBE).then(
    (res) => res.status === 200,
    () => false,
  );

/** A teiki's readiness route, which answers in every auth mode. */
export const answersHealth = (port) =>
  fetch(`http://127.0.0.1:${port}/_teiki/health`).then(
    (res) => res.ok,
    () => false,
  );

/**
 * `args`: more `teiki start` arguments; `ready`: how to tell it answers (STS by default);
 * `nodeArgs`: Node's own options for a teiki (moto ignores them).
 */
export async function startPeer(name, args = [], { ready = answersProbe, nodeArgs = [] } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(os.tmpdir(), `bench-${name}-`));
  const started = performance.now();
  const child = PEERS[name](port, dir, args, nodeArgs);
  let exited = false;
  child.once('exit', () => (exited = true));
  const agent = new http.Agent({ keepAlive: false });
  for (;;) {
    if (exited) throw new Error(`${name} exited before answering`);
    if (await ready(port, agent)) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  return {
    name,
    port,
    dir,
    pid: child.pid,
    coldStartMs: performance.now() - started,
    async stop() {
      child.kill('SIGTERM');
      if (!exited) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The one-minute load average, for the results: the machine may be shared. */
export const loadAverage = () => os.loadavg()[0].toFixed(1);

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** The first id an EC2 Describe call lists, e.g. the default VPC's subnet. */
export async function firstId(agent, port, action, element) {
  const res = await post(agent, port, {
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: authorization('ec2'),
    },
    body: `Action=${action}&Version=2016-11-15`,
  });
  const match = new RegExp(`<${element}>([a-z]+-[0-9a-f]+)</${element}>`).exec(res.text);
  if (!match) throw new Error(`${action} listed nothing: ${res.text.slice(0, 300)}`);
  return match[1];
}
