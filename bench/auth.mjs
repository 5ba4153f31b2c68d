/**
 * What `--auth enforce` costs. Two teikis in the same run, one `open` and one `enforce`,
 * answer the same signed requests of an IAM user whose policy has ten statements (the
 * enforcing one verifies SigV4 and evaluates the policy for every request):
 *   ECS ListClusters (awsJson1_1), STS GetCallerIdentity (query, needs no permission),
 *   CloudWatch Logs PutLogEvents (100 events a request)
 * with 32 concurrent keep-alive clients, open and enforce taking turns (two rounds each,
 * the better kept) so that a loaded machine weighs on both alike. And the policy engine
 * alone: evaluations per second of that ten-statement policy, in this process.
 *
 * BENCH_AUTH_CONTROL=1 runs the second teiki `open` as well: an A/A run, to see how far
 * apart two identical teikis land in this harness (turn order, warm-up, the machine)
 * before reading the open/enforce gap.
 *
 * BENCH_AUTH_PROFILE=1 runs both teikis under `--cpu-prof` and adds what enforce's own
 * steps (verifying the signature, authorizing the call) cost per request and as a share of
 * each server's busy time during the workload's turns: on a shared machine, where
 * throughput swings by tens of percent, that share holds still (a lower bound of the gap:
 * a profile does not see all of what a step costs).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { attribute, monotonicUs, readProfile } from './cpu-profile.mjs';
import { answersHealth, fmt, post, ROOT, startPeer } from './peers.mjs';

const CONCURRENCY = 32;
const TARGETS = { maxSlowdown: 0.1, evaluationsPerSecond: 100_000 };
const CONTROL = Boolean(process.env.BENCH_AUTH_CONTROL);
const PROFILE = Boolean(process.env.BENCH_AUTH_PROFILE);
/** enforce's own steps, and the signature's parse (both modes do it), as profiles name them. */
const STEPS = {
  verify: { functionName: 'verifySigV4', file: '/dist/gateway/auth/verify.js' },
  authorize: { functionName: 'authorize', file: '/dist/services/authorization/authorizer.js' },
  parse: { functionName: 'sigV4Of', file: '/dist/gateway/auth/parse.js' },
};
const ROOT_KEY = { accessKeyId: 'AKIABENCHROOTKEY0000', secretAccessKey: 'bench-root-secret' };
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
/** Linux's USER_HZ, the unit of /proc/PID/stat's CPU times. */
const CLOCK_TICKS = 100;

/** Ten statements, as a developer's policy might read: lists, scoped writes, denies, conditions. */
export const TEN_STATEMENTS = [
  { Effect: 'Allow', Action: ['ecs:List*', 'ecs:Describe*'], Resource: '*' },
  {
    Effect: 'Allow',
    Action: 'ecs:RunTask',
    Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/app:*`,
    Condition: { ArnEquals: { 'ecs:cluster': `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/main` } },
  },
  {
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: `arn:aws:iam::${ACCOUNT}:role/app-*`,
    Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
  },
  {
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/bench/*`,
  },
  { Effect: 'Allow', Action: 'logs:Describe*', Resource: '*' },
  {
    Effect: 'Allow',
    Action: 'events:*',
    Resource: `arn:aws:events:${REGION}:${ACCOUNT}:rule/app-*`,
  },
  {
    Effect: 'Allow',
    Action: 'scheduler:*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:RequestedRegion': REGION } },
  },
  {
    Effect: 'Deny',
    Action: 'iam:*',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:username': 'admin' } },
  },
  {
    Effect: 'Deny',
    NotAction: ['ecs:*', 'logs:*', 'events:*', 'scheduler:*', 'iam:PassRole', 'sts:*'],
    Resource: '*',
  },
  { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
];

async function startTeiki(args) {
  const profileDir = PROFILE ? mkdtempSync(join(os.tmpdir(), 'bench-auth-profile-')) : undefined;
  const peer = await startPeer(
    'teiki',
    [
      '--root-access-key-id',
      ROOT_KEY.accessKeyId,
      '--root-secret-access-key',
      ROOT_KEY.secretAccessKey,
      ...args,
    ],
    {
      ready: answersHealth,
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    },
  );
  return {
    ...peer,
    profileDir,
    /** The process's CPU time so far (user + system, ms): Linux's /proc, else undefined. */
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${peer.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return undefined;
      }
    },
  };
}

/** A request signed once and sent many times (SigV4 allows it for 15 minutes). */
async function signed(port, keys, service, headers, body) {
  const signer = new SignatureV4({ service, region: REGION, credentials: keys, sha256: Sha256 });
  const request = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/',
    headers: { host: `127.0.0.1:${port}`, ...headers },
    body,
  });
  return { headers: request.headers, body };
}

const json = (target) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': target,
});
const QUERY = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

async function call(agent, port, keys, service, headers, body) {
  const res = await post(agent, port, await signed(port, keys, service, headers, body));
  if (res.status !== 200)
    throw new Error(`${service} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return res.text;
}

/** The bench user, its ten-statement policy, its key; a log group and stream to write to. */
async function setUp(port) {
  const agent = new http.Agent({ keepAlive: false });
  const iam = (params) =>
    call(
      agent,
      port,
      ROOT_KEY,
      'iam',
      QUERY,
      new URLSearchParams({ Version: '2010-05-08', ...params }).toString(),
    );
  await iam({ Action: 'CreateUser', UserName: 'bench' });
  await iam({
    Action: 'PutUserPolicy',
    UserName: 'bench',
    PolicyName: 'ten-statements',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: TEN_STATEMENTS }),
  });
  const created = await iam({ Action: 'CreateAccessKey', UserName: 'bench' });
  const user = {
    accessKeyId: /<AccessKeyId>([^<]+)</.exec(created)?.[1],
    secretAccessKey: /<SecretAccessKey>([^<]+)</.exec(created)?.[1],
  };
  await call(
    agent,
    port,
    ROOT_KEY,
    'logs',
    json('Logs_20140328.CreateLogGroup'),
    '{"logGroupName":"/bench/app"}',
  );
  await call(
    agent,
    port,
    user,
    'logs',
    json('Logs_20140328.CreateLogStream'),
    '{"logGroupName":"/bench/app","logStreamName":"s"}',
  );
  agent.destroy();
  return user;
}

async function workloads(port, user) {
  const now = Date.now();
  const events = Array.from({ length: 100 }, (_, i) => ({
    timestamp: now,
    message: `2026-11-28 02:20:00 [INFO] sample:logger processed item ${i}`,
  }));
  return {
    listClusters: await signed(
      port,
      user,
      'ecs',
      json('AmazonEC2ContainerServiceV20141113.ListClusters'),
      '{}',
    ),
    getCallerIdentity: await signed(
      port,
      user,
      'sts',
      QUERY,
      'Action=GetCallerIdentity&Version=2011-06-15',
    ),
    putLogEvents: await signed(
      port,
      user,
      'logs',
      json('Logs_20140328.PutLogEvents'),
      JSON.stringify({ logGroupName: '/bench/app', logStreamName: 's', logEvents: events }),
    ),
  };
}

const LABELS = {
  listClusters: 'ECS ListClusters',
  getCallerIdentity: 'STS GetCallerIdentity',
  putLogEvents: 'Logs PutLogEvents (100 events)',
};

async function throughput(peer, request, seconds) {
  const { port } = peer;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  await Promise.all(Array.from({ length: CONCURRENCY * 2 }, () => post(agent, port, request)));
  let ok = 0;
  let failed = 0;
  const cpuBefore = peer.cpuMs();
  const startedUs = monotonicUs();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const res = await post(agent, port, request).catch(() => undefined);
        if (res?.status === 200) ok++;
        else failed++;
      }
    }),
  );
  const cpuAfter = peer.cpuMs();
  const window = [startedUs, monotonicUs()];
  agent.destroy();
  const cpuPerRequestMs =
    cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / ok;
  return { rps: ok / ((performance.now() - started) / 1000), failed, cpuPerRequestMs, ok, window };
}

/**
 * Per workload and mode, from each teiki's profile over all its turns at that workload:
 * busy and step time per answered request, in µs, and enforce's steps' share of busy time.
 */
function profiled(peers, turns) {
  const rows = {};
  for (const key of Object.keys(LABELS)) {
    rows[key] = {};
    for (const mode of ['open', 'enforce']) {
      const { windows, requests } = turns[key][mode];
      const { busyUs, steps } = attribute(readProfile(peers[mode].profileDir), windows, STEPS);
      rows[key][mode] = {
        busy: busyUs / requests,
        verify: steps.verify / requests,
        authorize: steps.authorize / requests,
        parse: steps.parse / requests,
        share: (steps.verify + steps.authorize) / busyUs,
      };
    }
  }
  return rows;
}

function profileLines(rows) {
  const us = (value) => `${value.toFixed(1)} µs`;
  return [
    '',
    `CPU profiles of both teikis (\`BENCH_AUTH_PROFILE\`, \`--cpu-prof\`), over all their turns at each workload: each server's busy time per request (V8 samples on the wall clock, so on a loaded machine this counts time the thread waited to run, and exceeds the CPU time above), the time inside enforce's own steps (\`verifySigV4\`, the authorizer's \`authorize\`) and inside the signature's parse (\`sigV4Of\`, which both modes run), and enforce's steps' share of the server's busy time, which the machine's load moves least. The share is a lower bound of what enforce costs: taking verification out of an enforcing teiki saved three to four times its in-frame time (docs/decisions.md, "Cost per request": measured with the step left out): a profile does not see all of what the step costs.`,
    '',
    '| workload | busy per request (open / enforce) | verify | authorize | parse (open / enforce) | enforce steps, share of busy |',
    '|---|---:|---:|---:|---:|---:|',
    ...Object.entries(LABELS).map(([key, label]) => {
      const { open: o, enforce: e } = rows[key];
      return `| ${label} | ${us(o.busy)} / ${us(e.busy)} | ${us(e.verify)} | ${us(e.authorize)} | ${us(o.parse)} / ${us(e.parse)} | ${(e.share * 100).toFixed(1)}% |`;
    }),
  ];
}

/** The policy engine alone: the ten-statement policy, a request its fourth statement allows. */
async function evaluationsPerSecond(seconds) {
  const { decideIdentity } = await import(
    pathToFileURL(join(ROOT, 'dist/engine/iam-policy/index.js')).href
  );
  const policies = {
    identityPolicies: [
      {
        source: 'ten-statements',
        document: JSON.stringify({ Version: '2012-10-17', Statement: TEN_STATEMENTS }),
      },
    ],
  };
  const request = {
    principal: {
      kind: 'aws',
      arn: `arn:aws:iam::${ACCOUNT}:user/bench`,
      accountId: ACCOUNT,
      userId: 'AIDABENCH',
    },
    action: 'logs:PutLogEvents',
    resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/bench/app:log-stream:s`,
    context: {
      'aws:CurrentTime': new Date(),
      'aws:RequestedRegion': REGION,
      'aws:SecureTransport': false,
      'aws:SourceIp': '127.0.0.1',
    },
  };
  if (decideIdentity(request, policies).decision !== 'Allow')
    throw new Error('the bench request is not allowed');
  let n = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 1000; i++) decideIdentity(request, policies);
    n += 1000;
  }
  return n / ((performance.now() - started) / 1000);
}

export async function runAuth({ seconds, log }) {
  log(`auth: starting open and ${CONTROL ? 'a second open (control run)' : 'enforce'}`);
  const open = await startTeiki(['--auth', 'open']);
  const enforce = await startTeiki(['--auth', CONTROL ? 'open' : 'enforce']);
  const results = {};
  /** Every turn's time window and answered requests, for the profiles. */
  const turns = {};
  let profiles;
  try {
    const requests = {
      open: await workloads(open.port, await setUp(open.port)),
      enforce: await workloads(enforce.port, await setUp(enforce.port)),
    };
    const peers = { open, enforce };
    for (const key of Object.keys(LABELS)) {
      const none = () => ({ rps: 0, failed: 0, cpuPerRequestMs: Infinity });
      results[key] = { open: none(), enforce: none() };
      turns[key] = { open: { windows: [], requests: 0 }, enforce: { windows: [], requests: 0 } };
      for (let round = 0; round < 2; round++) {
        for (const mode of ['open', 'enforce']) {
          log(`auth: ${key} ${mode} round ${round + 1}`);
          const r = await throughput(peers[mode], requests[mode][key], seconds);
          turns[key][mode].windows.push(r.window);
          turns[key][mode].requests += r.ok;
          const best = results[key][mode];
          results[key][mode] = {
            rps: Math.max(best.rps, r.rps),
            failed: best.failed + r.failed,
            cpuPerRequestMs: Math.min(best.cpuPerRequestMs, r.cpuPerRequestMs ?? Infinity),
          };
        }
      }
    }
  } finally {
    // A teiki writes its profile as it exits.
    await open.stop();
    await enforce.stop();
    if (PROFILE && Object.keys(turns).length === Object.keys(LABELS).length) {
      profiles = profiled({ open, enforce }, turns);
    }
    for (const peer of [open, enforce]) {
      if (peer.profileDir) rmSync(peer.profileDir, { recursive: true, force: true });
    }
  }
  log('auth: policy evaluations');
  const evaluations = await evaluationsPerSecond(seconds);
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  const load = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(', ');
  return [
    '## `--auth enforce` against `open`',
    '',
    ...(CONTROL
      ? [
          "**Control run** (BENCH_AUTH_CONTROL): the \"enforce\" columns are a second `open` teiki, so any gap is the harness's and the machine's, not enforce's.",
          '',
        ]
      : []),
    `Two teikis in the same run (SQLite, defaults), one \`open\`, one \`enforce\`, answering the same requests of an IAM user whose inline policy has ten statements, signed once and replayed by ${CONCURRENCY} concurrent keep-alive clients for ${seconds} s; open and enforce take turns, two rounds each, the better kept. Target: enforce at most ${TARGETS.maxSlowdown * 100}% below open. Load average at the end: ${load}.`,
    '',
    '| workload | open req/s | enforce req/s | enforce vs open | server CPU per request (open / enforce) | non-200 (open / enforce) | target |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...Object.entries(LABELS).map(([key, label]) => {
      const { open: o, enforce: e } = results[key];
      const change = e.rps / o.rps - 1;
      const cpu = (ms) => (Number.isFinite(ms) ? `${(ms * 1000).toFixed(0)} µs` : 'n/a');
      return `| ${label} | ${fmt(o.rps)} | ${fmt(e.rps)} | ${(change * 100).toFixed(1)}% | ${cpu(o.cpuPerRequestMs)} / ${cpu(e.cpuPerRequestMs)} | ${o.failed} / ${e.failed} | ${verdict(change >= -TARGETS.maxSlowdown)} |`;
    }),
    '',
    'The server CPU time per request (from /proc, the lower of the two rounds) is what a shared machine disturbs least: it says what enforce adds to each request whatever else runs.',
    ...(profiles ? profileLines(profiles) : []),
    '',
    `Policy engine alone (\`decideIdentity\`, the same ten statements, a request the fourth allows): ${fmt(evaluations)} evaluations/s. Target ≥ ${fmt(TARGETS.evaluationsPerSecond)}/s: ${verdict(evaluations >= TARGETS.evaluationsPerSecond)}.`,
    '',
  ];
}
