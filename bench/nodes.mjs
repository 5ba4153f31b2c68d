/**
 * Several nodes on one PostgreSQL (issue 18):
 *   firings/s  rules with a CloudWatch Logs target, every minute, fired by a shared
 *              virtual clock moved through many instants: 1, 2 and 3 nodes on
 *              PostgreSQL beside one node on SQLite (the default store)
 *   failover   two nodes on a real clock; one is killed with SIGKILL, and the time until
 *              the other has taken its share over (its live set no longer lists the dead
 *              node, which is when it fires what the dead one owned) is measured, then
 *              the killed node is started again; median and max over the kills
 *
 * BENCH_NODES_RULES (default 200), BENCH_NODES_MINUTES (default 10) and BENCH_NODES_KILLS
 * (default 20). PostgreSQL as in stores.mjs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { monotonicUs } from './cpu-profile.mjs';
import { cpuMs, fmt, jsonCall, median, startPeer } from './peers.mjs';
import { postgresSchema, startCluster } from './stores.mjs';

const RULES = Number(process.env.BENCH_NODES_RULES ?? 200);
const MINUTES = Number(process.env.BENCH_NODES_MINUTES ?? 10);
const KILLS = Number(process.env.BENCH_NODES_KILLS ?? 20);
const START = '2026-01-01T00:00:00Z';

async function health(port) {
  return new Promise((resolve, reject) => {
    http
      .get({ port, path: '/_teiki/health', agent: false }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body)));
      })
      .on('error', reject);
  });
}

async function post(port, path, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const live = (h) =>
  h.nodes
    .filter((n) => n.state === 'live')
    .map((n) => n.nodeId)
    .sort()
    .join(',');

async function waitForLive(port, ids) {
  const want = [...ids].sort().join(',');
  while (live(await health(port)) !== want) await new Promise((r) => setTimeout(r, 20));
}

/**
 * CPU milliseconds of a PostgreSQL cluster's processes by pid (the postmaster and its
 * children: the backends serving the nodes, the WAL writer, the checkpointer…), read from
 * /proc; `dataDir` is the cluster's data directory.
 */
export function postgresCpu(dataDir) {
  const postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  const byPid = new Map([[postmaster, cpuMs(postmaster)]]);
  for (const pid of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(pid)) continue;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      if (fields[1] === postmaster) byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Gone meanwhile.
    }
  }
  return byPid;
}

/** The CPU the cluster's processes used between two `postgresCpu` readings (ms). */
const postgresCpuSince = (before, after) =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

/**
 * Firings per second of `nodes` nodes on `store` (a URL or 'sqlite'), and the CPU the
 * nodes spent per firing (µs, all nodes together): a figure other load on the machine
 * disturbs far less than the rate, so two builds compare on a busy machine too. With
 * `postgresDir` (the cluster's data directory), PostgreSQL's CPU per firing too. `peer`:
 * which build (bench/peers.mjs: 'teiki', or 'teiki (baseline)' for BENCH_BASELINE's);
 * `nodeArgs`: Node's own options for every node (`--cpu-prof`…).
 */
export async function firings(store, nodes, { postgresDir, peer = 'teiki', nodeArgs = [] } = {}) {
  const peers = [];
  try {
    for (let i = 1; i <= nodes; i++) {
      const args = ['--clock', 'virtual', '--clock-start', START, '--node-id', `n${i}`];
      peers.push(
        await startPeer(peer, store === 'sqlite' ? args : [...args, '--store', store], {
          nodeArgs,
        }),
      );
    }
    const first = peers[0];
    await waitForLive(
      first.port,
      peers.map((_, i) => `n${i + 1}`),
    );
    const agent = new http.Agent({ keepAlive: true });
    await jsonCall(agent, first.port, 'logs', 'Logs_20140328.CreateLogGroup', {
      logGroupName: '/bench/nodes',
    });
    for (let i = 0; i < RULES; i++) {
      await jsonCall(agent, first.port, 'events', 'AWSEvents.PutRule', {
        Name: `r${i}`,
        ScheduleExpression: 'rate(1 minute)',
      });
      await jsonCall(agent, first.port, 'events', 'AWSEvents.PutTargets', {
        Rule: `r${i}`,
        Targets: [{ Id: 'log', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/bench/nodes' }],
      });
    }
    agent.destroy();
    // A first minute warms every node's connections and compiled paths.
    await post(first.port, '/_teiki/clock', { advanceSeconds: 60 });
    const cpu = () => peers.reduce((sum, peer) => sum + cpuMs(peer.pid), 0);
    const cpuBefore = cpu();
    const pgBefore = postgresDir && postgresCpu(postgresDir);
    const started = performance.now();
    const startedUs = monotonicUs();
    await post(first.port, '/_teiki/clock', { advanceSeconds: MINUTES * 60 });
    const moveUs = [startedUs, monotonicUs()];
    const seconds = (performance.now() - started) / 1000;
    const firingsDone = RULES * MINUTES;
    const pgMs = postgresDir ? postgresCpuSince(pgBefore, postgresCpu(postgresDir)) : Number.NaN;
    return {
      rate: firingsDone / seconds,
      cpuUs: ((cpu() - cpuBefore) * 1000) / firingsDone,
      postgresCpuUs: (pgMs * 1000) / firingsDone,
      /** The move, on the clock of `--cpu-prof` samples (cpu-profile.mjs). */
      moveUs,
    };
  } finally {
    for (const peer of peers) await peer.stop();
  }
}

/** Milliseconds from a SIGKILL to the survivor's takeover, `KILLS` times. */
async function failover(url, log) {
  const args = (id) => ['--store', url, '--node-id', id];
  const survivor = await startPeer('teiki', args('s'));
  let victim = await startPeer('teiki', args('v'));
  const times = [];
  try {
    for (let k = 0; k < KILLS; k++) {
      await waitForLive(survivor.port, ['s', 'v']);
      // Just after a heartbeat of the victim would be the kindest moment; any moment is
      // what a crash picks, so the kill lands wherever the loop is.
      const killed = performance.now();
      process.kill(victim.pid, 'SIGKILL');
      await waitForLive(survivor.port, ['s']);
      times.push(performance.now() - killed);
      await victim.stop();
      victim = await startPeer('teiki', args('v'));
      log(`nodes: failover ${k + 1}/${KILLS}: ${Math.round(times[times.length - 1])} ms`);
    }
  } finally {
    await victim.stop();
    await survivor.stop();
  }
  return times;
}

export async function runNodes({ log }) {
  const given = process.env.TEIKI_BENCH_POSTGRES_URL;
  const cluster = given ? undefined : startCluster(log);
  const base = given ?? cluster.url;
  const postgresDir = cluster && join(cluster.dir, 'data');
  const rows = [];
  let times = [];
  try {
    log('nodes: 1 node on sqlite');
    rows.push(['1 node, SQLite', await firings('sqlite', 1)]);
    for (const n of [1, 2, 3]) {
      log(`nodes: ${n} node(s) on postgres`);
      const schema = await postgresSchema(base, 100 + n);
      try {
        rows.push([
          `${n} node${n > 1 ? 's' : ''}, PostgreSQL`,
          await firings(schema.url, n, { postgresDir }),
        ]);
      } finally {
        await schema.drop();
      }
    }
    const schema = await postgresSchema(base, 200);
    try {
      times = await failover(schema.url, log);
    } finally {
      await schema.drop();
    }
  } finally {
    cluster?.stop();
  }
  return [
    '## Several nodes on PostgreSQL',
    '',
    `Firings per second: ${RULES} rules at rate(1 minute), each with a CloudWatch Logs target, fired by moving the shared virtual clock ${MINUTES} minutes (${fmt(RULES * MINUTES)} firings; each is a claim in the fire ledger, an invocation record and a PutLogEvents). The move answers once every node has fired its share. All nodes, PostgreSQL and the client share the machine's cores. The nodes' CPU per firing is the CPU time every teiki node used during the move (from /proc) over the firings, PostgreSQL's own not included (other load on the machine moves it far less than the rate); PostgreSQL's is that of its processes (backends, WAL writer…) over the same move, from /proc, when the bench started the cluster.`,
    '',
    '| store and nodes | firings/s | nodes’ CPU per firing (µs) | PostgreSQL’s CPU per firing (µs) |',
    '|---|---:|---:|---:|',
    ...rows.map(
      ([label, { rate, cpuUs, postgresCpuUs }]) =>
        `| ${label} | ${fmt(rate)} | ${fmt(cpuUs)} | ${Number.isNaN(postgresCpuUs) ? '–' : fmt(postgresCpuUs)} |`,
    ),
    '',
    `Failover: two nodes on a real clock, one killed with SIGKILL ${times.length} times; the time from the kill until the other node's live set drops it (the moment it takes the dead node's entries over and fires what they left): median ${fmt(median(times))} ms, max ${fmt(Math.max(...times))} ms. The lease is 3 s, renewed every second.`,
    '',
  ];
}
