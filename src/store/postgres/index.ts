import type pg from 'pg';
import { StoreGate, assertActive } from '../gate.js';
import { logEventStatements } from '../sql/log-events.js';
import { recordStatements } from '../sql/records.js';
import { FencedError, type TransactionOptions } from '../cluster.js';
import type { Collection, Json, Store, StoreSession } from '../types.js';
import { recordBatchStatements } from './batches.js';
import { postgresClaims } from './claims.js';
import { FENCE_CHECK, postgresCluster } from './cluster.js';
import { postgresCollection, type PostgresSession } from './collection.js';
import { createPool, inTransaction, query } from './connection.js';
import { postgresDialect } from './dialect.js';
import { postgresLogEvents } from './log-events.js';
import { migratePostgres } from './migrate.js';
import { unavailable } from './unavailable.js';
import { redactPostgresUrl } from './url.js';

export { StoreUnavailableError } from './unavailable.js';
export { POSTGRES_MIGRATIONS } from './migrations.js';
export { isPostgresUrl, redactPostgresUrl } from './url.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; the store lives in its current schema. */
  url: string;
  /** Connections this process keeps at most (default 10). */
  maxConnections?: number;
}

/**
 * The store on PostgreSQL, for several teiki processes sharing one database.
 *
 * What "transactions are serialized" means here: across every process using the schema,
 * exactly what it means in one. A transaction takes the schema's transaction lock (an
 * advisory lock) exclusively, so transactions run one at a time cluster-wide; a write
 * outside a transaction takes it shared within its own statement, so it waits for an open
 * transaction on any node and never lands between a transaction's read and its write.
 * Reads never wait: they see committed state. Within this process the gate orders the
 * same things first, so its transactions queue here rather than in the server.
 *
 * Not SERIALIZABLE: that would abort a conflicting transaction for the caller to retry,
 * and a transaction body (a service's closure) cannot be rerun safely. Not row locks
 * alone: they cannot protect what a body listed or counted, nor ids it found absent.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = createPool(options);
  let schemaKey: number;
  try {
    schemaKey = await prepareSchema(pool, options.url);
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailable(options.url, error);
  }
  return postgresStore(pool, schemaKey, options.url);
}

/** Checks the database can hold teiki's data, migrates it, and returns its lock key. */
async function prepareSchema(pool: pg.Pool, url: string): Promise<number> {
  const { rows } = await query(
    pool,
    "SELECT current_setting('server_encoding'), current_schema(), " +
      '(SELECT oid FROM pg_namespace WHERE nspname = current_schema())',
  );
  const [encoding, schema, oid] = rows[0] as [string, string | null, number | null];
  if (encoding !== 'UTF8') {
    throw new Error(
      `the database's encoding is ${encoding}; teiki needs UTF8 (CREATE DATABASE ... ENCODING 'UTF8')`,
    );
  }
  if (schema === null || oid === null) {
    throw new Error('no schema to create tables in: the search_path names no existing schema');
  }
  // The oid, an unsigned 32-bit number, as the signed int4 an advisory lock key is.
  const schemaKey = oid | 0;
  await migratePostgres(pool, schemaKey, `${redactPostgresUrl(url)} (schema ${schema})`);
  return schemaKey;
}

function postgresStore(pool: pg.Pool, schemaKey: number, url: string): Store {
  const d = postgresDialect(schemaKey);
  const cluster = postgresCluster({ pool, url, dialect: d, schemaKey });
  const sql = recordStatements(d);
  const gate = new StoreGate('postgres');
  const claims = postgresClaims(pool, d);

  const outside: PostgresSession = {
    read: (text, values) => {
      gate.assertOpen();
      return query(pool, text, values);
    },
    write: (text, values) => gate.share(() => query(pool, text, values)),
    writes: sql.outside,
    batches: recordBatchStatements(d.outsideWriteLock),
  };
  const insideBatches = recordBatchStatements(undefined);
  const logEvents = postgresLogEvents(logEventStatements(d), {
    pool,
    dialect: d,
    assertOpen: () => gate.assertOpen(),
    write: (fn) => gate.share(fn),
  });

  return {
    kind: 'postgres',
    logEvents,
    cluster,

    collection<T extends Json | object>(name: string): Collection<T> {
      return postgresCollection<T>(name, d, sql, outside);
    },

    async transaction<R>(
      body: (tx: StoreSession) => Promise<R>,
      options?: TransactionOptions,
    ): Promise<R> {
      let active = false;
      return gate.transaction(
        {
          begin: () => {
            active = true;
          },
          commit: () => {
            active = false;
          },
          rollback: () => {
            active = false;
          },
        },
        () =>
          inTransaction(pool, d.beginWrite, async (client) => {
            // Under the transaction lock, so the lease cannot be swept before this commits.
            if (options?.fence !== undefined) {
              const { rowCount } = await query(client, FENCE_CHECK, [options.fence]);
              if (rowCount === 0) throw new FencedError(options.fence);
            }
            const step = (text: string, values: readonly unknown[]) => {
              assertActive(active);
              return query(client, text, values);
            };
            const inside: PostgresSession = {
              read: step,
              write: step,
              writes: sql,
              batches: insideBatches,
            };
            return body({
              collection: <T extends Json | object>(name: string) =>
                postgresCollection<T>(name, d, sql, inside),
            });
          }),
      );
    },

    // Shares the gate as a write outside a transaction does: see claims.ts.
    claimInstants: (batch, options) => gate.share(() => claims(batch, options)),

    inFlight: () => inFlight(pool),

    reset: () =>
      gate.share(() =>
        inTransaction(pool, d.beginWrite, async (client) => {
          // TRUNCATE keeps the seq sequence, which never goes back.
          await client.query('TRUNCATE records, log_events, log_streams, log_groups');
        }),
      ),

    async close(): Promise<void> {
      if (!(await gate.close())) return;
      await cluster.close();
      await pool.end();
    },
  };
}

/**
 * Whether a query of this pool is running or waiting for a connection: every query holds a
 * connection, from the pool's own `query` to a whole transaction. (A LISTEN for the
 * several-node change must use a client of its own, or the pool would never be idle.)
 */
function busy(pool: pg.Pool): boolean {
  return pool.waitingCount > 0 || pool.totalCount > pool.idleCount;
}

/** How long one wait for a busy pool lasts at most before the caller looks again. */
const IN_FLIGHT_RECHECK_MS = 50;

/**
 * Resolves when a connection comes back (or leaves the pool), or after a short while
 * (a connection that fails to open leaves no event): the caller checks again.
 */
function inFlight(pool: pg.Pool): Promise<void> | undefined {
  if (!busy(pool)) return undefined;
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pool.off('release', done);
      pool.off('remove', done);
      // A released connection reaches the idle list (or the next waiter) after the event.
      setImmediate(resolve);
    };
    const timer = setTimeout(done, IN_FLIGHT_RECHECK_MS);
    pool.on('release', done);
    pool.on('remove', done);
  });
}
