import type { SqlDialect } from '../sql/dialect.js';
import { loadedText, storedText } from './text.js';

/**
 * The first half of teiki's advisory lock keys, (namespace, schema oid): one namespace for
 * the transaction lock, one for migrations. The second half is the oid of the schema the
 * store lives in, so stores in separate schemas of one database never wait for each other.
 */
const TRANSACTION_LOCK = 0x74656b69;
export const MIGRATION_LOCK = 0x74656b6d;

export interface PostgresDialect extends SqlDialect {
  /** Opens a transaction holding the transaction lock exclusively: see `postgres/index.ts`. */
  readonly beginWrite: string;
  readonly outsideWriteLock: string;
  /** The transaction lock's key, (namespace, schema), for a function that takes it itself. */
  readonly transactionLockKey: readonly [number, number];
}

/** The dialect of one store, whose lock keys name its schema (`schemaKey`, an int4). */
export function postgresDialect(schemaKey: number): PostgresDialect {
  if (!Number.isInteger(schemaKey)) throw new TypeError('schemaKey must be an integer');
  const lock = `${TRANSACTION_LOCK}, ${schemaKey}`;
  return {
    name: 'postgres',
    param: (n) => `$${n}`,
    noLimit: null,
    binaryCollation: ' COLLATE "C"',
    // READ COMMITTED whatever the server's default, so every statement after the lock sees
    // what the previous holder committed (a REPEATABLE READ snapshot would be taken by the
    // locking statement itself, before the wait).
    beginWrite: `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${lock})`,
    outsideWriteLock: `(SELECT pg_advisory_xact_lock_shared(${lock})) AS write_lock`,
    transactionLockKey: [TRANSACTION_LOCK, schemaKey],
    integerListMember: (column, param) => `${column} = ANY(${param}::bigint[])`,
    bindIntegerList: (values) => values,
    jsonArrayAgg: (expression) => `json_agg(${expression})`,
    rowKey: 'ctid',
    rowKeyAmong: (subquery) => `ctid = ANY(ARRAY(${subquery}))`,
    storedText,
    loadedText,
  };
}
