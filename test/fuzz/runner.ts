/**
 * The fuzz run: a teiki started as users start it (the built `bin/teiki.js` in a child
 * process), cases sent over HTTP by a few concurrent senders, a health probe alongside
 * measuring how long the event loop keeps it waiting, then a sequential phase that takes
 * a snapshot of every service's lists around refused writes. Every finding names its case
 * number, so `FUZZ_SEED=… FUZZ_ONLY=…` replays it.
 */
import { serviceSchemas } from '../../src/gateway/generated/index.js';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { generateCase, isWrite, type FuzzCase, type Target } from './cases.js';
import { startHealthProbe } from './health-probe.js';
import { HttpClient, type Exchange } from './http.js';
import { Rng } from '../helpers/rng.js';
import { firstDifference, snapshot, STATE_CALLER } from './state.js';
import { encodeRequest } from './wire.js';

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Refused writes checked against snapshots, sequentially, after the concurrent cases. */
  stateChecks: number;
  concurrency: number;
  /** An answer slower than this is a finding. */
  maxAnswerMs: number;
  /** Replays one case number only. */
  only?: number;
  log(line: string): void;
}

export interface Finding {
  caseNumber: number;
  label: string;
  what: string;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  statuses: Record<string, number>;
  serverErrors: Finding[];
  /** Answers over the limit when sent again alone. */
  slow: Finding[];
  /** Answers over the limit under the run's load (each then sent again alone). */
  slowUnderLoad: number;
  unreadableErrors: Finding[];
  transportErrors: Finding[];
  stateViolations: Finding[];
  stateChecks: number;
  exited: string | undefined;
  maxAnswerMs: number;
  maxAnswerLabel: string;
  /** The health probe's answer times, from a thread of its own. */
  health: { probes: number; failures: number; p50: number; p99: number; max: number };
  /** teiki's own event-loop delay over the run (`/_teiki/metrics`), in ms. */
  serverLoopDelay: { p50: number; p99: number; p999: number; max: number };
  /** Answers the HTTP layer gave before any AWS code ran (an oversized URL or body). */
  httpRefusals: number;
  /** 5xx answers AWS itself gives for the request, recorded (see AWS_OWN_5XX). */
  awsOwnServerErrors: number;
  implementedOperations: number;
  operations: number;
  wallSeconds: number;
}

const START = '2026-11-28T00:00:00Z';
/** teiki's body limit (src/gateway/http/server.ts). */
const BODY_LIMIT = 8 * 1024 * 1024;
const PROGRESS_EVERY = Number(process.env.FUZZ_PROGRESS ?? 5_000);

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const teiki = await spawnTeiki(['--in-memory', '--clock', 'virtual', '--clock-start', START]);
  const http = new HttpClient(new URL(teiki.url));
  const report: FuzzReport = {
    seed: options.seed,
    cases: 0,
    statuses: {},
    serverErrors: [],
    slow: [],
    slowUnderLoad: 0,
    unreadableErrors: [],
    transportErrors: [],
    stateViolations: [],
    stateChecks: 0,
    exited: undefined,
    maxAnswerMs: 0,
    maxAnswerLabel: '',
    health: { probes: 0, failures: 0, p50: 0, p99: 0, max: 0 },
    serverLoopDelay: { p50: 0, p99: 0, p999: 0, max: 0 },
    httpRefusals: 0,
    awsOwnServerErrors: 0,
    implementedOperations: 0,
    operations: 0,
    wallSeconds: 0,
  };
  try {
    const { implemented, all } = await discover(http);
    report.implementedOperations = implemented.length;
    report.operations = all.length;
    options.log(
      `fuzz: seed ${options.seed}, ${options.cases} cases, ${implemented.length} of ${all.length} operations implemented`,
    );
    const probe = startHealthProbe(teiki.url);
    const root = new Rng(options.seed);
    const pick = (n: number): FuzzCase =>
      // One case in twenty goes to an operation teiki does not implement (every operation is sent).
      generateCase(root.fork(n), root.fork(n).chance(0.05) ? all : implemented);
    let next = options.only ?? 0;
    const last = options.only ?? options.cases - 1;
    const sender = async () => {
      while (next <= last && report.exited === undefined) {
        const n = next++;
        await runCase(n, pick(n), http, teiki, report, options);
        if (n > 0 && n % PROGRESS_EVERY === 0) options.log(`fuzz: ${n} cases`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, sender));
    if (options.only === undefined) await stateChecks(http, teiki, report, options, implemented);
    await recheckSlow(http, report, options);
    const samples = await probe.stop();
    report.health = {
      ...summarise(samples.latencies),
      probes: samples.latencies.length,
      failures: samples.failures,
    };
    report.serverLoopDelay = await loopDelay(http);
  } finally {
    http.close();
    report.exited ??= exitOf(teiki);
    teiki.child.kill('SIGTERM');
    await teiki.exited;
    report.wallSeconds = (performance.now() - started) / 1000;
  }
  return report;
}

/**
 * Answers over the limit while four senders, the probe and (on a shared machine) other
 * work compete for the CPU: each is sent again alone, and only one slow again is a finding.
 */
const slowCandidates = new Map<number, { fuzzCase: FuzzCase; ms: number }>();

async function recheckSlow(http: HttpClient, report: FuzzReport, options: FuzzOptions) {
  report.slowUnderLoad = slowCandidates.size;
  for (const [n, { fuzzCase, ms }] of slowCandidates) {
    const again = await http.send(fuzzCase.request).catch(() => undefined);
    if (again && again.ms > options.maxAnswerMs) {
      report.slow.push({
        caseNumber: n,
        label: fuzzCase.label,
        what: `${ms.toFixed(0)} ms, then ${again.ms.toFixed(0)} ms alone`,
      });
    }
  }
  slowCandidates.clear();
}

/** Which operations teiki implements: the others say so in their answer. */
async function discover(http: HttpClient): Promise<{ implemented: Target[]; all: Target[] }> {
  const all: Target[] = [];
  const implemented: Target[] = [];
  for (const schema of Object.values(serviceSchemas)) {
    for (const operation of Object.keys(schema.operations)) {
      const target = { schema, operation };
      all.push(target);
      const probe = encodeRequest(schema, operation, {}, STATE_CALLER);
      if (isWrite(operation)) {
        // Writes are probed with a body teiki cannot read, so nothing is created.
        probe.body = Buffer.from(
          schema.protocol === 'json' || schema.protocol === 'rest-json' ? '[' : 'Action=',
        );
      }
      const answer = await http.send(probe);
      if (!answer.body.toString('utf8').includes('does not implement')) implemented.push(target);
    }
  }
  return { implemented, all };
}

async function runCase(
  n: number,
  fuzzCase: FuzzCase,
  http: HttpClient,
  teiki: TeikiProcess,
  report: FuzzReport,
  options: FuzzOptions,
): Promise<Exchange | undefined> {
  report.cases++;
  let answer: Exchange;
  try {
    answer = await http.send(fuzzCase.request);
  } catch (error) {
    report.exited = exitOf(teiki);
    const code = (error as NodeJS.ErrnoException).code;
    if (
      report.exited === undefined &&
      fuzzCase.request.body.length > BODY_LIMIT &&
      (code === 'EPIPE' || code === 'ECONNRESET')
    ) {
      // teiki answered 413 and closed before the rest of an oversized body was sent.
      report.httpRefusals++;
      return undefined;
    }
    report.transportErrors.push({ caseNumber: n, label: fuzzCase.label, what: String(error) });
    return undefined;
  }
  const status = String(answer.status);
  report.statuses[status] = (report.statuses[status] ?? 0) + 1;
  if (answer.ms > report.maxAnswerMs) {
    report.maxAnswerMs = answer.ms;
    report.maxAnswerLabel = `#${n} ${fuzzCase.label}`;
  }
  const finding = (what: string): Finding => ({ caseNumber: n, label: fuzzCase.label, what });
  if (answer.status >= 500 && isAwsOwn5xx(fuzzCase, answer.body)) {
    report.awsOwnServerErrors++;
  } else if (answer.status >= 500) {
    report.serverErrors.push(
      finding(`${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`),
    );
  }
  if (answer.ms > options.maxAnswerMs) slowCandidates.set(n, { fuzzCase, ms: answer.ms });
  if (answer.headers['x-amzn-requestid'] === undefined && fuzzCase.kind === 'aws') {
    // Node's HTTP parser refused it (a URL past its header limit): no AWS error to read.
    if (answer.status === 400 || answer.status === 431) report.httpRefusals++;
    else report.unreadableErrors.push(finding(`${answer.status} without a request id`));
  } else if (fuzzCase.kind === 'aws' && answer.status >= 400 && !readableError(answer, fuzzCase)) {
    report.unreadableErrors.push(
      finding(`${answer.status} ${answer.body.toString('utf8').slice(0, 200)}`),
    );
  }
  const exited = exitOf(teiki);
  if (exited) report.exited = exited;
  return answer;
}

/** An AWS error answer names its code in the protocol's place for it. */
function readableError(answer: Exchange, fuzzCase: FuzzCase): boolean {
  if (fuzzCase.request.method === 'HEAD') return true;
  if (typeof answer.headers['x-amzn-errortype'] === 'string') return true;
  const body = answer.body.toString('utf8');
  if (/<Code>[^<]+<\/Code>/.test(body)) return true;
  try {
    const parsed = JSON.parse(body) as { __type?: unknown; code?: unknown };
    return typeof parsed.__type === 'string' || typeof parsed.code === 'string';
  } catch {
    return false;
  }
}

/** Refused writes, one at a time, each between two snapshots that must be equal. */
async function stateChecks(
  http: HttpClient,
  teiki: TeikiProcess,
  report: FuzzReport,
  options: FuzzOptions,
  targets: Target[],
): Promise<void> {
  const writes = targets.filter((t) => isWrite(t.operation));
  const rng = new Rng(options.seed ^ 0x5747e);
  let before = await snapshot(http);
  for (let k = 0; k < options.stateChecks && report.exited === undefined; k++) {
    const n = options.cases + k;
    // Writes that are meant to be refused: bad values or broken requests, never admin cases.
    let fuzzCase: FuzzCase;
    let attempt = 0;
    do {
      fuzzCase = generateCase(rng.fork(n * 64 + attempt++), writes);
    } while (fuzzCase.kind !== 'aws' || fuzzCase.label.endsWith(' valid'));
    const answer = await runCase(n, fuzzCase, http, teiki, report, options);
    const after = await snapshot(http);
    if (answer && answer.status >= 400 && answer.status < 500) {
      report.stateChecks++;
      if (after !== before) {
        report.stateViolations.push({
          caseNumber: n,
          label: fuzzCase.label,
          what: firstDifference(before, after),
        });
      }
    }
    before = after;
  }
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** teiki's event-loop delay quantiles from its metrics, in ms. */
async function loopDelay(http: HttpClient): Promise<FuzzReport['serverLoopDelay']> {
  const answer = await http.send({
    method: 'GET',
    path: '/_teiki/metrics',
    headers: {},
    body: Buffer.alloc(0),
  });
  const text = answer.body.toString('utf8');
  const read = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN) * 1000;
  return {
    p50: read(/teiki_event_loop_delay_seconds\{quantile="0.5"\} (\S+)/),
    p99: read(/teiki_event_loop_delay_seconds\{quantile="0.99"\} (\S+)/),
    p999: read(/teiki_event_loop_delay_seconds\{quantile="0.999"\} (\S+)/),
    max: read(/teiki_event_loop_delay_seconds_max (\S+)/),
  };
}

function exitOf(teiki: TeikiProcess): string | undefined {
  const { exitCode, signalCode } = teiki.child;
  if (exitCode !== null) return `exit code ${exitCode}`;
  if (signalCode !== null) return `signal ${signalCode}`;
  return undefined;
}

/** The report as lines for a log or a document. */
export function describeReport(r: FuzzReport): string[] {
  const list = (name: string, items: Finding[]) =>
    items.slice(0, 20).map((f) => `  ${name} #${f.caseNumber} ${f.label}: ${f.what}`);
  return [
    `seed ${r.seed}: ${r.cases} cases (${r.implementedOperations} implemented operations of ${r.operations}) in ${r.wallSeconds.toFixed(1)} s`,
    `statuses ${JSON.stringify(r.statuses)}`,
    `5xx ${r.serverErrors.length}, transport errors ${r.transportErrors.length}, exited ${r.exited ?? 'no'}`,
    `slowest answer ${r.maxAnswerMs.toFixed(0)} ms (${r.maxAnswerLabel}); over the limit under load ${r.slowUnderLoad}, again alone ${r.slow.length}`,
    `health: ${r.health.probes} probes, ${r.health.failures} failed, p50 ${r.health.p50.toFixed(1)} ms, p99 ${r.health.p99.toFixed(1)} ms, max ${r.health.max.toFixed(1)} ms`,
    `teiki's event-loop delay: p50 ${r.serverLoopDelay.p50.toFixed(1)} ms, p99 ${r.serverLoopDelay.p99.toFixed(1)} ms, p99.9 ${r.serverLoopDelay.p999.toFixed(1)} ms, max ${r.serverLoopDelay.max.toFixed(1)} ms`,
    `answers refused by the HTTP layer ${r.httpRefusals}; AWS's own recorded 5xx answers ${r.awsOwnServerErrors}`,
    `state checks ${r.stateChecks}, changed ${r.stateViolations.length}; error answers without a code ${r.unreadableErrors.length}`,
    ...list('5xx', r.serverErrors),
    ...list('transport', r.transportErrors),
    ...list('slow', r.slow),
    ...list('state', r.stateViolations),
    ...list('unreadable', r.unreadableErrors),
  ];
}

/**
 * 5xx answers AWS itself gives, recorded against AWS (docs/decisions.md): teiki answers
 * them on purpose, so they are not findings. Each is matched by operation and exact error.
 */
const AWS_OWN_5XX = [
  // UpdateArchive of an archive that does not exist (EventBridge, LocalStack's snapshot).
  {
    operation: 'events:UpdateArchive',
    type: 'InternalException',
    message: 'Service encountered unexpected problem. Please try again.',
  },
];

function isAwsOwn5xx(fuzzCase: FuzzCase, body: Buffer): boolean {
  const operation = fuzzCase.label.split(' ')[0];
  const listed = AWS_OWN_5XX.filter((own) => own.operation === operation);
  // An answer to HEAD carries no body to read the error from.
  if (fuzzCase.request.method === 'HEAD') return listed.length > 0 && body.length === 0;
  let error: { __type?: unknown; message?: unknown };
  try {
    error = JSON.parse(body.toString('utf8')) as typeof error;
  } catch {
    return false;
  }
  return listed.some((own) => own.type === error.__type && own.message === error.message);
}
