/**
 * The cluster port on PostgreSQL: leases on the database's clock, the sweep that ends
 * them, fencing in a transaction, messages over LISTEN/NOTIFY, and the shared clock's row.
 * Several stores on one schema stand for several nodes; leases are short so they run out
 * within the test.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FencedError, type ClusterMessage, type ClusterPort } from '../../src/store/cluster.js';
import { postgresDialect } from '../../src/store/postgres/dialect.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import type { Scope, Store } from '../../src/store/types.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';

const A: Scope = { accountId: '000000000000', region: 'us-east-1' };
/** Long enough to outlive a test's statements, short enough to run out quickly. */
const SHORT = { leaseMs: 400, heartbeatMs: 100 };
const LONG = { leaseMs: 60_000, heartbeatMs: 1_000 };

let schema: TestSchema;
const opened: Store[] = [];
const open = async () => {
  const store = await openPostgresStore({ url: schema.url });
  opened.push(store);
  return { store, cluster: store.cluster as ClusterPort };
};

beforeEach(async () => {
  schema = await createTestSchema();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await schema.drop();
});

async function until<T>(look: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await look();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('leases', () => {
  it('registers each start as a new incarnation with a larger epoch', async () => {
    const { cluster } = await open();
    const first = await cluster.join('n1', { pid: 1 }, LONG);
    const second = await cluster.join('n1', { pid: 2 }, LONG);
    expect(first.runnerId).toBe(`n1#${first.epoch}`);
    expect(second.epoch).toBeGreaterThan(first.epoch);
    expect(first).toMatchObject({ nodeId: 'n1', state: 'live', info: { pid: 1 } });
    // Health lists the latest incarnation of each node.
    expect((await cluster.nodes()).map((n) => n.runnerId)).toEqual([second.runnerId]);
    expect(await cluster.sweep()).toEqual([first.runnerId, second.runnerId].sort());
  });

  it('a lease not renewed runs out, is ended by the sweep, and cannot be renewed again', async () => {
    const { cluster } = await open();
    const dying = await cluster.join('dying', {}, SHORT);
    const alive = await cluster.join('alive', {}, LONG);
    expect(await cluster.renew(dying.runnerId, SHORT)).toBe(true);
    expect(await cluster.unended([dying.runnerId, alive.runnerId, 'old-uuid'])).toEqual(
      new Set([dying.runnerId, alive.runnerId]),
    );
    const live = await until(async () => {
      const runners = await cluster.sweep();
      return runners.includes(dying.runnerId) ? undefined : runners;
    });
    expect(live).toEqual([alive.runnerId]);
    expect(await cluster.renew(dying.runnerId, SHORT)).toBe(false);
    expect(await cluster.unended([dying.runnerId, alive.runnerId])).toEqual(
      new Set([alive.runnerId]),
    );
    const nodes = await cluster.nodes();
    expect(nodes.find((n) => n.nodeId === 'dying')?.state).toBe('dead');
    expect(nodes.find((n) => n.nodeId === 'alive')?.state).toBe('live');
  });

  it('leaving ends the lease at once', async () => {
    const { cluster } = await open();
    const node = await cluster.join('n1', {}, LONG);
    await cluster.leave(node.runnerId);
    expect(await cluster.sweep()).toEqual([]);
    expect((await cluster.nodes())[0]?.state).toBe('left');
    expect(await cluster.renew(node.runnerId, LONG)).toBe(false);
  });
});

describe('fencing', () => {
  it.each([
    { name: 'commits while the lease holds', ended: false },
    { name: 'refuses, having written nothing, once the lease was ended', ended: true },
  ])('a fenced transaction $name', async ({ ended }) => {
    const { store, cluster } = await open();
    const node = await cluster.join('n1', {}, LONG);
    if (ended) await cluster.leave(node.runnerId);
    const records = store.collection<{ n: number }>('things');
    const attempt = store.transaction(
      async (tx) => {
        await tx.collection<{ n: number }>('things').put(A, 'x', { n: 1 });
        return 'done';
      },
      { fence: node.runnerId },
    );
    if (ended) {
      await expect(attempt).rejects.toBeInstanceOf(FencedError);
      expect(await records.get(A, 'x')).toBeUndefined();
    } else {
      await expect(attempt).resolves.toBe('done');
      expect(await records.get(A, 'x')).toEqual({ n: 1 });
    }
  });
});

describe('fenced claims', () => {
  it.each([
    { name: 'hold while the lease holds', ended: false },
    { name: 'are refused, having written nothing, once the lease was ended', ended: true },
  ])('claims of instants $name', async ({ ended }) => {
    const { store, cluster } = await open();
    const node = await cluster.join('n1', {}, LONG);
    if (ended) await cluster.leave(node.runnerId);
    const attempt = store.claimInstants(
      [
        {
          key: 'r',
          atMs: 60_000,
          writes: [{ collection: 'things', scope: A, id: 'x', value: { n: 1 } }],
        },
      ],
      { fence: node.runnerId },
    );
    const records = store.collection<{ n: number }>('things');
    if (ended) {
      await expect(attempt).rejects.toBeInstanceOf(FencedError);
      expect(await records.get(A, 'x')).toBeUndefined();
    } else {
      await expect(attempt).resolves.toEqual([true]);
      expect(await records.get(A, 'x')).toEqual({ n: 1 });
    }
  });
});

describe('claims in one call', () => {
  it('are refused when the lease ends while the claim waits for the transaction lock', async () => {
    const { store, cluster } = await open();
    const node = await cluster.join('n1', {}, LONG);
    const sweeper = new pg.Client({ connectionString: schema.url });
    await sweeper.connect();
    try {
      const oid = await sweeper.query<{ oid: number }>(
        'SELECT oid::bigint AS oid FROM pg_namespace WHERE nspname = current_schema()',
      );
      const [space, key] = postgresDialect(Number(oid.rows[0]!.oid) | 0).transactionLockKey;
      // As the sweep does: the lock held exclusively, the lease ended, not yet committed.
      await sweeper.query('BEGIN');
      await sweeper.query('SELECT pg_advisory_xact_lock($1, $2)', [space, key]);
      await sweeper.query(
        "UPDATE teiki_nodes SET ended_at = clock_timestamp(), ended_how = 'lost' WHERE runner_id = $1",
        [node.runnerId],
      );
      const attempt = store.claimInstants(
        [
          {
            key: 'r',
            atMs: 60_000,
            writes: [{ collection: 'things', scope: A, id: 'x', value: { n: 1 } }],
          },
        ],
        { fence: node.runnerId },
      );
      const settled = attempt.then(
        () => 'claimed',
        (error: unknown) => error,
      );
      await until(async () => {
        const waiting = await sweeper.query(
          "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted " +
            'AND classid::bigint = $1::bigint AND objid::bigint = ($2::bigint & 4294967295)',
          [space, key],
        );
        return waiting.rowCount! > 0 ? true : undefined;
      });
      await sweeper.query('COMMIT');
      expect(await settled).toBeInstanceOf(FencedError);
      expect(await store.collection<{ n: number }>('things').get(A, 'x')).toBeUndefined();
    } finally {
      await sweeper.end();
    }
  });

  it('claim under READ COMMITTED when the server defaults to REPEATABLE READ', async () => {
    const url = new URL(schema.url);
    url.searchParams.set(
      'options',
      `${url.searchParams.get('options') ?? ''} -c default_transaction_isolation=repeatable\\ read`,
    );
    const store = await openPostgresStore({ url: url.toString() });
    opened.push(store);
    const claim = (atMs: number) =>
      store.claimInstants([
        { key: 'r', atMs, writes: [{ collection: 'things', scope: A, id: `x${atMs}`, value: 1 }] },
      ]);
    expect(await claim(60_000)).toEqual([true]);
    expect(await claim(60_000)).toEqual([false]);
    expect(await claim(120_000)).toEqual([true]);
    expect(await store.collection<number>('things').get(A, 'x120000')).toBe(1);
  });
});

describe('messages', () => {
  it('reach every store on the schema in the order they were sent, the sender too', async () => {
    const nodes = [await open(), await open()];
    const heard: ClusterMessage[][] = [[], []];
    const done = nodes.map(
      (node, k) =>
        new Promise<void>((resolve) => {
          node.cluster.subscribe((m) => {
            heard[k]!.push(m);
            if (m.type === 'last') resolve();
          });
        }),
    );
    // LISTEN takes effect asynchronously: say something until both hear it.
    await until(async () => {
      await nodes[0]!.cluster.publish({ type: 'hello', from: 'one' });
      return heard.every((h) => h.length > 0) ? true : undefined;
    });
    for (let i = 0; i < 20; i++) await nodes[0]!.cluster.publish({ type: 'n', from: 'one', i });
    await nodes[1]!.cluster.publish({ type: 'last', from: 'two' });
    await Promise.all(done);
    for (const h of heard) {
      expect(h.filter((m) => m.type === 'n').map((m) => m.i)).toEqual(
        Array.from({ length: 20 }, (_, i) => i),
      );
      expect(h[h.length - 1]).toEqual({ type: 'last', from: 'two' });
    }
  });

  /** Two stores on the schema: the second hears the first (once LISTEN took effect) until `last`. */
  async function senderAndListener() {
    const nodes = [await open(), await open()];
    const heard: ClusterMessage[] = [];
    const done = new Promise<void>((resolve) => {
      nodes[1]!.cluster.subscribe((m) => {
        heard.push(m);
        if (m.type === 'last') resolve();
      });
    });
    await until(async () => {
      await nodes[0]!.cluster.publish({ type: 'hello', from: 'one' });
      return heard.length > 0 ? true : undefined;
    });
    return { sender: nodes[0]!.cluster, heard, done };
  }

  it('sends many messages in one call, heard in their order after the earlier ones', async () => {
    const { sender, heard, done } = await senderAndListener();
    await sender.publish({ type: 'n', from: 'one', i: 0 });
    await sender.publishMany(
      Array.from({ length: 30 }, (_, k) => ({ type: 'n', from: 'one', i: k + 1 })),
    );
    await sender.publishMany([]);
    await sender.publishMany([{ type: 'last', from: 'one' }]);
    await done;
    expect(heard.filter((m) => m.type === 'n').map((m) => m.i)).toEqual(
      Array.from({ length: 31 }, (_, i) => i),
    );
  });

  it('refuses many messages when one is too large for NOTIFY, sending none', async () => {
    const { sender, heard, done } = await senderAndListener();
    await expect(
      sender.publishMany([
        { type: 'small', from: 'x' },
        { type: 'big', from: 'x', text: 'x'.repeat(8000) },
      ]),
    ).rejects.toThrow(RangeError);
    await sender.publish({ type: 'last', from: 'one' });
    await done;
    expect(heard.map((m) => m.type).filter((t) => t !== 'hello')).toEqual(['last']);
  });

  it('refuses a message too large for NOTIFY', async () => {
    const { cluster } = await open();
    await expect(
      cluster.publish({ type: 'big', from: 'x', text: 'x'.repeat(8000) }),
    ).rejects.toThrow(RangeError);
  });
});

describe('the shared clock row', () => {
  it('is created once, moves one at a time, and a dead mover’s move is over', async () => {
    const { cluster } = await open();
    expect(await cluster.clock.read(1000)).toEqual({ nowMs: 1000, moveId: 0 });
    expect(await cluster.clock.read(5000)).toEqual({ nowMs: 1000, moveId: 0 });
    const mover = await cluster.join('mover', {}, SHORT);
    const other = await cluster.join('other', {}, LONG);
    expect(await cluster.clock.begin(mover.runnerId, 2000)).toEqual({
      nowMs: 1000,
      moveId: 1,
      toMs: 2000,
      mover: mover.runnerId,
    });
    expect(await cluster.clock.begin(other.runnerId, 3000)).toEqual({
      busy: { nowMs: 1000, moveId: 1, toMs: 2000, mover: mover.runnerId },
    });
    // The mover's lease runs out: its move no longer blocks the next.
    await until(async () => ((await cluster.sweep()).includes(mover.runnerId) ? undefined : true));
    expect(await cluster.clock.begin(other.runnerId, 3000)).toMatchObject({
      moveId: 2,
      toMs: 3000,
    });
    await cluster.clock.finish(1, 2000);
    expect(await cluster.clock.read(0)).toMatchObject({ nowMs: 1000, moveId: 2 });
    await cluster.clock.finish(2, 3000);
    expect(await cluster.clock.read(0)).toEqual({ nowMs: 3000, moveId: 2 });
    await cluster.clock.ack({ runnerId: other.runnerId, moveId: 2, view: 'a' });
    await cluster.clock.ack({ runnerId: other.runnerId, moveId: 1, view: 'b' });
    expect(await cluster.clock.acks()).toEqual([
      { runnerId: other.runnerId, moveId: 2, view: 'b' },
    ]);
  });
});
