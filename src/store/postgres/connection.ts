import pg from 'pg';

/** A pool or one of its clients (inside a transaction): both run queries. */
export type Queryable = pg.Pool | pg.PoolClient;

export interface PoolSettings {
  /** `postgres://user:password@host:port/database` (query parameters as libpq's). */
  url: string;
  /** Connections this process keeps at most (default 10). */
  maxConnections?: number;
}

/** Connections per process: one for a transaction, the rest for reads and writes beside it. */
const DEFAULT_MAX_CONNECTIONS = 10;
/**
 * A statement running longer fails instead of holding a connection (and maybe the
 * cluster-wide transaction lock) forever; waiting for a lock counts. Far above anything
 * teiki's statements take (the biggest delete is a chunk of 10,000 events).
 */
const STATEMENT_TIMEOUT_MS = 30_000;
/** A transaction left open by a process that hangs stops blocking every other node. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** PostgreSQL's int8: every one teiki stores (times, seqs, ids) is a safe integer. */
const INT8_OID = 20;

/** pg's parsers, but int8 as a number rather than a string. */
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID) return Number;
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}

export function createPool(settings: PoolSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: readCommitted(settings.url),
    max: settings.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    application_name: 'teiki',
    types: { getTypeParser: typeParser as typeof pg.types.getTypeParser },
  });
  // An idle connection the server drops (restart, idle timeout) is removed from the pool
  // by pg, which then emits this; without a listener it would crash the process. The next
  // query opens a new connection and reports any lasting failure itself.
  pool.on('error', () => {});
  return pool;
}

/**
 * Statement names by SQL text: a named statement is parsed and planned once per connection
 * and then only bound and executed.
 */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `teiki_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

export interface QueryResult {
  rows: unknown[][];
  rowCount: number;
}

/**
 * The URL with READ COMMITTED as its connections' default, whatever the server's: the
 * claims' function (claims.ts) reads the fence with a snapshot taken after the lock, which
 * only READ COMMITTED gives each of its statements (it refuses to claim under any other).
 * Added to the URL's own `options` (libpq's startup options, where the URL may already set
 * a search_path), which pg reads from the URL rather than from a separate setting.
 */
export function readCommitted(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const given = parsed.searchParams.get('options');
  const setting = '-c default_transaction_isolation=read\\ committed';
  parsed.searchParams.set('options', given ? `${given} ${setting}` : setting);
  return parsed.toString();
}

/** Runs one statement as a prepared statement; rows come as arrays, in column order. */
export async function query(
  on: Queryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<QueryResult> {
  const result = await on.query<unknown[]>({
    name: statementName(text),
    text,
    values: values as unknown[],
    rowMode: 'array',
  });
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

/** The first column of the first row, if any. */
export async function queryValue<V>(
  on: Queryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<V | undefined> {
  const { rows } = await query(on, text, values);
  return rows[0]?.[0] as V | undefined;
}

/**
 * Runs `body` in a transaction on a client of its own, opened with `begin`. A connection
 * whose BEGIN, COMMIT or ROLLBACK failed is in an unknown state, so it is closed rather
 * than handed to the next user.
 */
export async function inTransaction<R>(
  pool: pg.Pool,
  begin: string,
  body: (client: pg.PoolClient) => Promise<R>,
): Promise<R> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const frame = async (text: string) => {
    try {
      await client.query(text);
    } catch (error) {
      broken = error as Error;
      throw error;
    }
  };
  try {
    await frame(begin);
    let result: R;
    try {
      result = await body(client);
    } catch (error) {
      await frame('ROLLBACK').catch(() => {
        // The body's error is the one to report; the connection is dropped.
      });
      throw error;
    }
    await frame('COMMIT');
    return result;
  } finally {
    client.release(broken);
  }
}
