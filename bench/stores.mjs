/**
 * The stores side by side: the same HTTP workloads against teiki on each store (memory,
 * sqlite, postgres) and against moto_server, in one run.
 *   ListClusters    ECS reads: 32 concurrent clients, 20 clusters in the account
 *   CreateLogStream CloudWatch Logs writes of new records: 32 concurrent clients
 *   PutLogEvents    events/s, batches of 1,000 from 32 concurrent streams
 *
 * PostgreSQL: TEIKI_BENCH_POSTGRES_URL when given, else a private cluster started by
 * scripts/test-postgres.sh with fsync on (TEIKI_TEST_POSTGRES_FSYNC=on) and commits that
 * do not wait for the WAL flush, as teiki's SQLite (synchronous=NORMAL) does not either.
 * Each teiki on PostgreSQL gets a fresh schema.
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { CONCURRENCY, throughput } from './core.mjs';
import { httpIngestion } from './logs.mjs';
import { authorization, fmt, jsonCall, ROOT, startPeer } from './peers.mjs';

const ECS = 'AmazonEC2ContainerServiceV20141113';
const LOGS = 'Logs_20140328';

const json = (service, target, input) => ({
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': target,
    authorization: authorization(service),
  },
  body: JSON.stringify(input),
});

async function workloads(peer, seconds) {
  const agent = new http.Agent({ keepAlive: true });
  for (let i = 0; i < 20; i++)
    await jsonCall(agent, peer.port, 'ecs', `${ECS}.CreateCluster`, { clusterName: `c${i}` });
  await jsonCall(agent, peer.port, 'logs', `${LOGS}.CreateLogGroup`, {
    logGroupName: '/bench/streams',
  });
  agent.destroy();
  const list = await throughput(peer.port, json('ecs', `${ECS}.ListClusters`, {}), seconds);
  const create = await throughput(
    peer.port,
    (i) =>
      json('logs', `${LOGS}.CreateLogStream`, {
        logGroupName: '/bench/streams',
        logStreamName: `stream-${i}`,
      }),
    seconds,
  );
  const ingest = await httpIngestion(peer, seconds);
  return { list, create, ingest };
}

/** A URL of a fresh schema in the bench's database, and how to drop it. */
export async function postgresSchema(base, n) {
  const pg = (await import('pg')).default;
  const name = `bench_${process.pid}_${n}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA ${name} CASCADE`);
      await client.end();
    },
  };
}

export function startCluster(log) {
  const script = join(ROOT, 'scripts/test-postgres.sh');
  const out = execFileSync(script, ['start'], {
    encoding: 'utf8',
    env: { ...process.env, TEIKI_TEST_POSTGRES_FSYNC: 'on' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const value = (name) => new RegExp(`export ${name}='([^']*)'`).exec(out)?.[1];
  log(`stores: private PostgreSQL cluster in ${value('TEIKI_TEST_POSTGRES_DIR')}`);
  return {
    url: value('TEIKI_TEST_POSTGRES_URL'),
    dir: value('TEIKI_TEST_POSTGRES_DIR'),
    stop: () =>
      execFileSync(script, ['stop', value('TEIKI_TEST_POSTGRES_DIR')], { stdio: 'ignore' }),
  };
}

export async function runStores({ seconds, log }) {
  const given = process.env.TEIKI_BENCH_POSTGRES_URL;
  const cluster = given ? undefined : startCluster(log);
  const base = given ?? cluster.url;
  const results = {};
  try {
    const runs = [
      ['teiki memory', async () => ({ args: ['--store', 'memory'] })],
      ['teiki sqlite', async () => ({ args: ['--store', 'sqlite'] })],
      [
        'teiki postgres',
        async () => {
          const schema = await postgresSchema(base, 1);
          return { args: ['--store', schema.url], drop: schema.drop };
        },
      ],
      ['moto', async () => ({ args: [] })],
    ];
    for (const [label, prepare] of runs) {
      log(`stores: ${label}`);
      const { args, drop } = await prepare();
      const peer = await startPeer(label === 'moto' ? 'moto' : 'teiki', args);
      try {
        results[label] = await workloads(peer, seconds);
      } finally {
        await peer.stop();
        await drop?.();
      }
    }
  } finally {
    cluster?.stop();
  }
  const row = ([label, r]) =>
    `| ${label} | ${fmt(r.list.rps)} | ${fmt(r.create.rps)} | ${fmt(r.ingest)} | ${r.list.failed} / ${r.create.failed} |`;
  return [
    '## Stores side by side',
    '',
    `The same HTTP workloads against teiki on each store and against moto, ${CONCURRENCY} concurrent keep-alive clients for ${seconds} s each after a warm-up: ECS ListClusters (20 clusters), CloudWatch Logs CreateLogStream (a new stream per request), PutLogEvents (batches of 1,000 from ${CONCURRENCY} streams). PostgreSQL ${given ? 'at TEIKI_BENCH_POSTGRES_URL' : 'is a private cluster on this machine (scripts/test-postgres.sh, fsync on, synchronous_commit off as SQLite runs with synchronous=NORMAL)'}; it shares the two cores with teiki and the load generator.`,
    '',
    '| peer | ListClusters req/s | CreateLogStream req/s | PutLogEvents events/s | non-200 (list / create) |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(results).map(row),
    '',
  ];
}
