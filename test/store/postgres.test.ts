import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import {
  POSTGRES_MIGRATIONS,
  StoreUnavailableError,
  openPostgresStore,
} from '../../src/store/postgres/index.js';
import { createPool } from '../../src/store/postgres/connection.js';
import { MIGRATIONS } from '../../src/store/sqlite/index.js';
import type { Scope, Store } from '../../src/store/types.js';
import { admin, createTestSchema, testPostgresUrl, type TestSchema } from '../helpers/postgres.js';

/**
 * What only the PostgreSQL store has: a schema several processes share (here, several
 * stores on one schema stand for several nodes), migrations raced by simultaneous
 * starts, and errors naming the database.
 */

const A: Scope = { accountId: '000000000000', region: 'us-east-1' };

let schema: TestSchema;
const opened: Store[] = [];
const open = async () => {
  const store = await openPostgresStore({ url: schema.url });
  opened.push(store);
  return store;
};

beforeEach(async () => {
  schema = await createTestSchema();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await schema.drop();
});

/** Resolves once one of this test's connections waits for an advisory lock. */
async function someoneWaitsForTheLock(): Promise<void> {
  for (;;) {
    const { rows } = await admin(
      testPostgresUrl(),
      'SELECT count(*)::int AS n FROM pg_stat_activity ' +
        "WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
      [schema.name],
    );
    if ((rows[0] as { n: number }).n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('postgres migrations', () => {
  it('are numbered as SQLite migrations are, then add what only a shared store has', () => {
    expect(POSTGRES_MIGRATIONS.slice(0, MIGRATIONS.length).map((m) => [m.version, m.name])).toEqual(
      MIGRATIONS.map((m) => [m.version, m.name]),
    );
    // The node registry, the shared clock and the claims' function (nodes share a PostgreSQL
    // store only), and the records' fill factor (PostgreSQL's own).
    expect(POSTGRES_MIGRATIONS.slice(MIGRATIONS.length).map((m) => m.name)).toEqual([
      'nodes',
      'claims in one call',
      'room for updates in place',
    ]);
  });

  it('apply once when several processes start at the same moment', async () => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => open()));
    expect(stores.every((s) => s.kind === 'postgres')).toBe(true);
    const { rows } = await admin(
      schema.url,
      'SELECT version, name FROM teiki_schema_migrations ORDER BY version',
    );
    expect(rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    await stores[0]!.collection<number>('c').put(A, 'x', 1);
    expect(await stores[5]!.collection<number>('c').get(A, 'x')).toBe(1);
  });

  it('apply pending steps only, and nothing of a run whose later step fails', async () => {
    const pool = createPool({ url: schema.url });
    try {
      const first = [{ version: 1, name: 'one', sql: 'CREATE TABLE steps (n int)' }];
      const broken = [
        ...first,
        { version: 2, name: 'two', sql: 'INSERT INTO steps VALUES (2)' },
        { version: 3, name: 'three', sql: 'CREATE TABLE oops (' },
      ];
      expect(await migratePostgres(pool, 1, 'test', first)).toEqual([1]);
      await expect(migratePostgres(pool, 1, 'test', broken)).rejects.toThrow(/syntax error/);
      const { rows } = await admin(schema.url, 'SELECT count(*)::int AS n FROM steps');
      expect(rows).toEqual([{ n: 0 }]);
      expect(await migratePostgres(pool, 1, 'test', broken.slice(0, 2))).toEqual([2]);
    } finally {
      await pool.end();
    }
  });

  it('refuse a schema written by a newer teiki, naming the database but not the password', async () => {
    await (await open()).close();
    opened.length = 0;
    await admin(schema.url, "INSERT INTO teiki_schema_migrations VALUES (999, 'future')");
    const opening = openPostgresStore({ url: schema.url });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    const message = (await opening.catch((e: Error) => e.message)) as string;
    const url = new URL(schema.url);
    expect(message).toContain(`postgres://${url.username}@${url.host}/teiki_test`);
    expect(message).toContain(
      `schema version 999, but this teiki knows only up to version ${POSTGRES_MIGRATIONS.at(-1)!.version}.`,
    );
    expect(message).not.toContain(decodeURIComponent(url.password));
  });
});

describe('postgres connection errors', () => {
  it('say in one line which database could not be reached, without the password', async () => {
    // A port nothing listens on: the test cluster's, plus one, closed at once.
    const url = new URL(testPostgresUrl());
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    url.port = String(port);
    url.password = 'sekrit-password';
    const error = (await openPostgresStore({ url: url.toString() }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toBe(
      `Cannot use the PostgreSQL store postgres://${url.username}@127.0.0.1:${port}/teiki_test: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('say so for a wrong password', async () => {
    const url = new URL(testPostgresUrl());
    url.password = 'wrong-password';
    const error = (await openPostgresStore({ url: url.toString() }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toMatch(
      /^Cannot use the PostgreSQL store postgres:\/\/postgres@.*password authentication failed/,
    );
    expect(error.message).not.toContain('wrong-password');
    expect(error.message).not.toContain('\n');
  });
});

describe('postgres shared by several processes', () => {
  it('an id is claimed once across processes', async () => {
    const [one, two] = [await open(), await open()];
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? one : two).collection<number>('ledger').insert(A, 'rule#2024-01-01T02:20', i),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await one.collection<number>('ledger').get(A, 'rule#2024-01-01T02:20')).toBe(
      claims.indexOf(true),
    );
  });

  it('transactions of different processes never interleave', async () => {
    const stores = [await open(), await open(), await open()];
    await stores[0]!.collection<number>('counter').put(A, 'n', 0);
    const bump = (store: Store) =>
      store.transaction(async (tx) => {
        const counter = tx.collection<number>('counter');
        const n = (await counter.get(A, 'n'))!;
        await new Promise((resolve) => setImmediate(resolve));
        await counter.put(A, 'n', n + 1);
        return n;
      });
    const seen = await Promise.all(Array.from({ length: 30 }, (_, i) => bump(stores[i % 3]!)));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(await stores[1]!.collection<number>('counter').get(A, 'n')).toBe(30);
  });

  it("a write outside a transaction waits for another process's open transaction", async () => {
    const [one, two] = [await open(), await open()];
    const things = two.collection<string>('things');
    await things.put(A, 'x', 'before');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const tx = one.transaction(async (t) => {
      const seen = await t.collection<string>('things').get(A, 'x');
      inside();
      await held;
      await t.collection<string>('things').put(A, 'x', `${seen} + tx`);
      await t.collection<string>('things').insert(A, 'claim', 'tx');
      throw new Error('rolled back');
    });
    await entered;
    const outside = things.put(A, 'x', 'outside');
    const claim = things.insert(A, 'claim', 'outside');
    await someoneWaitsForTheLock();
    expect(await things.get(A, 'x')).toBe('before');
    release();
    await expect(tx).rejects.toThrow('rolled back');
    await outside;
    expect(await claim).toBe(true);
    expect(await things.get(A, 'x')).toBe('outside');
    expect(await things.get(A, 'claim')).toBe('outside');
  });

  it('a transaction sees what another process committed before it began', async () => {
    const [one, two] = [await open(), await open()];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const first = one.transaction(async (t) => {
      inside();
      await held;
      await t.collection<number>('c').put(A, 'x', 1);
    });
    await entered;
    const second = two.transaction(async (t) => (await t.collection<number>('c').get(A, 'x')) ?? 0);
    await someoneWaitsForTheLock();
    release();
    await first;
    expect(await second).toBe(1);
  });

  it('log events appended by several processes keep one seq order; reset by one clears all', async () => {
    const [one, two] = [await open(), await open()];
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).logEvents.append(
          A,
          '/g',
          `s${i % 4}`,
          [{ timestamp: 1000, message: `m${i}` }],
          2000,
        ),
      ),
    );
    const seqs = appended.flat().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(20);
    const scanned = [];
    for await (const batch of two.logEvents.scanGroup(A, '/g', {})) scanned.push(...batch);
    expect(scanned.map((e) => e.seq)).toEqual([...seqs].sort((a, b) => a - b));
    await one.collection<number>('c').put(A, 'x', 1);
    await two.reset();
    expect(await one.collection<number>('c').get(A, 'x')).toBeUndefined();
    expect(await one.logEvents.readStream(A, '/g', 's0', { ascending: true, limit: 10 })).toEqual(
      [],
    );
    const [after] = await one.logEvents.append(A, '/g', 's0', [{ timestamp: 1, message: 'x' }], 2);
    expect(after!.seq).toBeGreaterThan(Math.max(...seqs));
  });
});

describe('postgres storage', () => {
  it('numbers a bulk append in the order given, in one statement', async () => {
    const store = await open();
    const events = Array.from({ length: 10_000 }, (_, i) => ({
      timestamp: 1_000 + ((i * 7919) % 10_000),
      message: `event ${i}`,
    }));
    const stored = await store.logEvents.append(A, '/g', 's', events, 5);
    expect(stored.map((e) => e.message)).toEqual(events.map((e) => e.message));
    const seqs = stored.map((e) => e.seq);
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1)).toBe(true);
    const { rows } = await admin(
      schema.url,
      'SELECT seq, message FROM log_events ORDER BY seq LIMIT 3',
    );
    expect(rows).toEqual(
      stored.slice(0, 3).map((e) => ({ seq: String(e.seq), message: e.message })),
    );
  });

  it('keeps ids, names and messages holding U+0000 and U+0001 exactly', async () => {
    const store = await open();
    const things = store.collection<string>('things');
    const ids = ['a', 'a\u0000', 'a\u0000b', 'a\u0001', 'a\u0001\u0001', 'a\u0002', '\u0000'];
    for (const id of ids) await things.put(A, id, id);
    expect((await things.list(A)).map((e) => e.id)).toEqual([
      '\u0000',
      'a',
      'a\u0000',
      'a\u0000b',
      'a\u0001',
      'a\u0001\u0001',
      'a\u0002',
    ]);
    expect((await things.list(A, { prefix: 'a\u0000' })).map((e) => e.id)).toEqual([
      'a\u0000',
      'a\u0000b',
    ]);
    expect((await things.list(A, { prefix: 'a\u0001' })).map((e) => e.id)).toEqual([
      'a\u0001',
      'a\u0001\u0001',
    ]);
    expect(await things.get(A, 'a\u0001')).toBe('a\u0001');
    const message = 'nul \u0000 soh \u0001 stx \u0002 end';
    await store.logEvents.append(A, '/g', 's\u0000', [{ timestamp: 1, message }], 2);
    const [read] = await store.logEvents.readStream(A, '/g', 's\u0000', {
      ascending: true,
      limit: 1,
    });
    expect(read!.message).toBe(message);
    const scanned = [];
    for await (const batch of store.logEvents.scanGroup(A, '/g', {
      logStreamNamePrefix: 's\u0000',
    })) {
      scanned.push(...batch);
    }
    expect(scanned.map((e) => [e.logStreamName, e.message])).toEqual([['s\u0000', message]]);
  });

  it('carries through batch statements (one JSON parameter) what single ones carry', async () => {
    const store = await open();
    const things = store.collection<string>('things');
    // U+0000 and U+0001 (escaped, text.ts) and text that reads like a JSON escape; a value
    // is JSON already, so a lone surrogate in it comes back as it was.
    const ids = ['a\u0000b', 'a\u0001', 'x\\ud800"y'];
    const value = (id: string) => `v ${id} \ud800`;
    expect(await things.insertMany(ids.map((id) => ({ scope: A, id, value: value(id) })))).toEqual(
      ids.map(() => true),
    );
    for (const id of ids) expect(await things.get(A, id)).toBe(value(id));
    expect(await things.getMany(ids.map((id) => ({ scope: A, id })))).toEqual(ids.map(value));
    expect(await things.replaceMany(ids.map((id) => ({ scope: A, id, value: id })))).toEqual(
      ids.map(() => true),
    );
    expect(await things.getMany(ids.map((id) => ({ scope: A, id })))).toEqual(ids);
    // A lone surrogate in a message is sent as U+FFFD, as a text parameter's is.
    const [stored] = await store.logEvents.appendMany(
      [
        {
          scope: A,
          logGroupName: '/g\u0000',
          logStreamName: 's\u0001',
          events: [{ timestamp: 7, message: 'm \u0000 \ud800 \\ud800 "q"' }],
        },
      ],
      8,
    );
    const [read] = await store.logEvents.readStream(A, '/g\u0000', 's\u0001', {
      ascending: true,
      limit: 1,
    });
    expect([read!.message, read!.timestamp, read!.seq]).toEqual([
      'm \u0000 \ufffd \\ud800 "q"',
      7,
      stored![0]!.seq,
    ]);
  });

  it('answers every hot read from an index', async () => {
    const store = await open();
    const plans: string[] = [];
    const explain = async (text: string, values: unknown[]) => {
      const pool = createPool({ url: schema.url, maxConnections: 1 });
      try {
        const client = await pool.connect();
        try {
          // Only whether an index can serve the query: the tables are too small for the
          // planner to prefer one on its own.
          await client.query('SET enable_seqscan = off');
          const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
          plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
        } finally {
          client.release();
        }
      } finally {
        await pool.end();
      }
    };
    await store.collection<number>('c').put(A, 'x', 1);
    await store.logEvents.append(A, '/g', 's', [{ timestamp: 1, message: 'm' }], 2);
    const { recordStatements, rangeQuery } = await import('../../src/store/sql/records.js');
    const { logEventStatements } = await import('../../src/store/sql/log-events.js');
    const { postgresDialect } = await import('../../src/store/postgres/dialect.js');
    const d = postgresDialect(1);
    const records = recordStatements(d);
    const logs = logEventStatements(d);
    await explain(records.get, ['c', A.accountId, A.region, 'x']);
    for (const mode of ['rows', 'count', 'all-scopes'] as const) {
      const q = rangeQuery(
        d,
        mode,
        'c',
        mode === 'all-scopes' ? undefined : A,
        { prefix: 'é', after: 'é1' },
        10,
      );
      await explain(q.sql(d), q.args);
    }
    await explain(logs.readAscending, [1, 0, 0, 10, 0, 100]);
    await explain(logs.readDescending, [1, 0, 0, 10, 0, 100]);
    await explain(logs.scanGroup, [1, 0, 0, 10, 0, 100]);
    await explain(logs.scanStreams, [1, 0, 0, 10, 0, [1, 2], 100]);
    await explain(logs.expireEvents, [1, 10, 100]);
    await explain(logs.deleteStreamEvents, [1, 100]);
    for (const plan of plans) {
      expect(plan).not.toMatch(/Seq Scan on (records|log_events)/);
      expect(plan).toMatch(/Index (Only )?Scan|Tid Scan|Bitmap Index Scan/);
    }
    // Chunked deletes fetch their rows by address, not by scanning the table for them.
    expect(plans.at(-1)).toMatch(/Tid Scan on log_events/);
  });
});
