/**
 * The cluster port on PostgreSQL: the node registry (migration 3), messages over
 * LISTEN/NOTIFY on one channel per schema, and the shared virtual clock's row.
 *
 * Every lease comparison reads `clock_timestamp()`, the database's clock. Ending the leases
 * that ran out takes the store's transaction lock, so it is ordered with every fenced
 * transaction: a claim either committed while its runner's lease held, or sees it ended.
 */
import pg from 'pg';
import {
  MAX_MESSAGE_BYTES,
  type ClockAck,
  type ClusterMessage,
  type ClusterPort,
  type LeaseTiming,
  type NodeRow,
  type SharedClockRow,
} from '../cluster.js';
import { createPool, inTransaction, query, type QueryResult } from './connection.js';
import type { PostgresDialect } from './dialect.js';
import { jsonValues } from './json-param.js';

/** How long ended incarnations stay listed (health shows a dead node for this long). */
const ENDED_KEPT = "interval '1 day'";
/** Waits between attempts to listen again after the channel's connection was lost. */
const RELISTEN_MS = 250;

const LIVE = 'ended_at IS NULL AND lease_until > clock_timestamp()';

/** Statements a fenced transaction runs first: is the runner's lease still held? */
export const FENCE_CHECK = `SELECT 1 FROM teiki_nodes WHERE runner_id = $1 AND ${LIVE}`;

export function postgresCluster(options: {
  pool: pg.Pool;
  url: string;
  dialect: PostgresDialect;
  schemaKey: number;
}): ClusterPort {
  const { pool, dialect } = options;
  const channel = `teiki_${options.schemaKey >>> 0}`;
  const run = (text: string, values: readonly unknown[] = []): Promise<QueryResult> =>
    query(pool, text, values);
  // Messages go out on a connection of their own, outside the store's pool: a virtual
  // clock's move waits for the pool's statements in flight before it goes on (the work
  // they belong to carries on after them), and nothing on this node waits for a message
  // sent (a mover waits for the acknowledgements, which come back as messages). So the
  // NOTIFY telling the other nodes of an instant's log events no longer holds up the
  // next instant. One connection: messages leave in the order they were sent.
  const notifier = createPool({ url: options.url, maxConnections: 1 });
  const notify = (text: string, values: readonly unknown[]): Promise<QueryResult> =>
    query(notifier, text, values);
  const listeners = new Set<{
    listener: (message: ClusterMessage) => void;
    onReconnect?: () => void;
  }>();
  let listening: Promise<pg.Client> | undefined;
  let closed = false;

  const deliver = (payload: string | undefined) => {
    if (payload === undefined) return;
    let message: ClusterMessage;
    try {
      message = JSON.parse(payload) as ClusterMessage;
    } catch {
      return;
    }
    for (const { listener } of [...listeners]) {
      try {
        listener(message);
      } catch {
        // A listener's failure is its own; the others still hear the message.
      }
    }
  };

  /** A connection of its own: a pooled one would be returned to the pool and stop hearing. */
  const listen = (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: options.url });
    const started = (async () => {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
      return client;
    })();
    client.on('notification', (n) => deliver(n.payload));
    const lost = () => {
      if (closed || listening !== started) return;
      listening = undefined;
      client.removeAllListeners('error');
      client.on('error', () => {});
      void client.end().catch(() => {});
      setTimeout(relisten, RELISTEN_MS).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    started.catch(lost);
    return started;
  };
  const relisten = () => {
    if (closed || listening || listeners.size === 0) return;
    listening = listen();
    void listening.then(
      () => {
        for (const { onReconnect } of [...listeners]) onReconnect?.();
      },
      () => {},
    );
  };

  const nodeRow = (row: unknown[]): NodeRow => {
    const [runnerId, nodeId, epoch, startedAt, lastSeen, state, info] = row as [
      string,
      string,
      number,
      Date,
      Date,
      NodeRow['state'],
      string,
    ];
    return {
      runnerId,
      nodeId,
      epoch,
      startedAtMs: startedAt.getTime(),
      lastSeenMs: lastSeen.getTime(),
      state,
      info: JSON.parse(info) as Record<string, unknown>,
    };
  };
  const NODE_COLUMNS =
    "runner_id, node_id, epoch, started_at, heartbeat_at, CASE WHEN ended_how = 'left' THEN 'left' " +
    `WHEN ${LIVE} THEN 'live' ELSE 'dead' END, info`;
  const clockRow = (row: unknown[] | undefined): SharedClockRow => {
    const [nowMs, moveId, toMs, mover] = (row ?? []) as [number, number, number | null, string];
    return { nowMs, moveId, ...(toMs === null ? {} : { toMs, mover }) };
  };

  return {
    async join(nodeId, info, timing) {
      const { rows } = await run(
        'INSERT INTO teiki_nodes (runner_id, node_id, epoch, started_at, heartbeat_at, lease_until, info) ' +
          "SELECT $1 || '#' || e, $1, e, clock_timestamp(), clock_timestamp(), " +
          "clock_timestamp() + $2 * interval '1 millisecond', $3 FROM nextval('teiki_node_epoch') e " +
          `RETURNING ${NODE_COLUMNS}`,
        [nodeId, timing.leaseMs, JSON.stringify(info)],
      );
      return nodeRow(rows[0] as unknown[]);
    },

    async renew(runnerId, timing: LeaseTiming) {
      const { rowCount } = await run(
        "UPDATE teiki_nodes SET heartbeat_at = clock_timestamp(), lease_until = clock_timestamp() + $2 * interval '1 millisecond' " +
          `WHERE runner_id = $1 AND ${LIVE}`,
        [runnerId, timing.leaseMs],
      );
      return rowCount === 1;
    },

    async sweep() {
      const { rows } = await run(
        'SELECT EXISTS (SELECT 1 FROM teiki_nodes WHERE ended_at IS NULL AND lease_until <= clock_timestamp())',
      );
      if (rows[0]?.[0] === true) {
        await inTransaction(pool, dialect.beginWrite, async (client) => {
          await query(
            client,
            "UPDATE teiki_nodes SET ended_at = clock_timestamp(), ended_how = 'lost' " +
              'WHERE ended_at IS NULL AND lease_until <= clock_timestamp()',
          );
          await query(
            client,
            `DELETE FROM teiki_nodes WHERE ended_at < clock_timestamp() - ${ENDED_KEPT}`,
          );
        });
      }
      const live = await run(`SELECT runner_id FROM teiki_nodes WHERE ${LIVE}`);
      return live.rows.map((r) => r[0] as string).sort();
    },

    async unended(runnerIds) {
      if (runnerIds.length === 0) return new Set();
      const { rows } = await run(
        'SELECT runner_id FROM teiki_nodes WHERE runner_id = ANY($1::text[]) AND ended_at IS NULL',
        [runnerIds],
      );
      return new Set(rows.map((r) => r[0] as string));
    },

    async nodes() {
      const { rows } = await run(
        `SELECT DISTINCT ON (node_id) ${NODE_COLUMNS} FROM teiki_nodes ORDER BY node_id, epoch DESC`,
      );
      return rows.map(nodeRow);
    },

    async leave(runnerId) {
      await run(
        "UPDATE teiki_nodes SET ended_at = clock_timestamp(), ended_how = 'left' " +
          'WHERE runner_id = $1 AND ended_at IS NULL',
        [runnerId],
      );
    },

    async publish(message) {
      await notify('SELECT pg_notify($1, $2)', [channel, payloadOf(message)]);
    },

    async publishMany(messages) {
      if (messages.length === 0) return;
      // One statement, one transaction: its notifications are delivered in the order they
      // were sent, which is the array's (a function scan, no sort). One JSON parameter
      // rather than text[]: pg would escape every quote of every payload in JavaScript.
      await notify('SELECT pg_notify($1, m) FROM jsonb_array_elements_text($2::jsonb) AS m', [
        channel,
        jsonValues(messages.map(payloadOf)),
      ]);
    },

    subscribe(listener, onReconnect) {
      const entry = { listener, ...(onReconnect ? { onReconnect } : {}) };
      listeners.add(entry);
      if (!listening) {
        listening = listen();
        listening.catch(() => {});
      }
      return () => void listeners.delete(entry);
    },

    clock: {
      async read(startMs) {
        await run('INSERT INTO teiki_clock (id, now_ms) VALUES (1, $1) ON CONFLICT DO NOTHING', [
          startMs,
        ]);
        const { rows } = await run(
          'SELECT now_ms, move_id, to_ms, mover FROM teiki_clock WHERE id = 1',
        );
        return clockRow(rows[0]);
      },
      async begin(runnerId, toMs) {
        // A move whose mover died is over: the next one may start (and carries on past it).
        const { rows } = await run(
          'UPDATE teiki_clock c SET move_id = move_id + 1, to_ms = $2, mover = $1 ' +
            'WHERE id = 1 AND (to_ms IS NULL OR NOT EXISTS ' +
            `(SELECT 1 FROM teiki_nodes n WHERE n.runner_id = c.mover AND n.${LIVE.replace(' AND ', ' AND n.')})) ` +
            'RETURNING now_ms, move_id, to_ms, mover',
          [runnerId, toMs],
        );
        if (rows[0]) return clockRow(rows[0]);
        const busy = await run(
          'SELECT now_ms, move_id, to_ms, mover FROM teiki_clock WHERE id = 1',
        );
        return { busy: clockRow(busy.rows[0]) };
      },
      async finish(moveId, toMs) {
        await run(
          'UPDATE teiki_clock SET now_ms = $2, to_ms = NULL, mover = NULL WHERE id = 1 AND move_id = $1',
          [moveId, toMs],
        );
      },
      async ack(ack: ClockAck) {
        await run(
          'INSERT INTO teiki_clock_acks (runner_id, move_id, view) VALUES ($1, $2, $3) ' +
            'ON CONFLICT (runner_id) DO UPDATE SET move_id = greatest(teiki_clock_acks.move_id, excluded.move_id), view = excluded.view',
          [ack.runnerId, ack.moveId, ack.view],
        );
      },
      async acks() {
        const { rows } = await run('SELECT runner_id, move_id, view FROM teiki_clock_acks');
        return rows.map(([runnerId, moveId, view]) => ({
          runnerId: runnerId as string,
          moveId: moveId as number,
          view: view as string,
        }));
      },
    },

    async close() {
      closed = true;
      listeners.clear();
      const client = await listening?.catch(() => undefined);
      listening = undefined;
      await client?.end().catch(() => {});
      await notifier.end().catch(() => {});
    },
  };
}

/** A message as a notification's payload, refused when PostgreSQL's limit would be passed. */
function payloadOf(message: ClusterMessage): string {
  const payload = JSON.stringify(message);
  if (Buffer.byteLength(payload) > MAX_MESSAGE_BYTES) {
    throw new RangeError(`a cluster message of ${Buffer.byteLength(payload)} bytes`);
  }
  return payload;
}
