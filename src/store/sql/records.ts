import { prefixUpperBound, compareIds } from '../ids.js';
import type { ListOptions, Scope } from '../types.js';
import type { SqlDialect } from './dialect.js';

/**
 * The statements over the `records` table, for any dialect. Parameters are bound
 * positionally, in the order each builder documents.
 */
export interface RecordStatements extends RecordWrites {
  /** collection, account_id, region, id → `value`. */
  get: string;
  /** The writes as made outside a transaction: see `SqlDialect.outsideWriteLock`. */
  outside: RecordWrites;
  reset: string;
}

export interface RecordWrites {
  /** collection, account_id, region, id, value: insert or replace. */
  put: string;
  /** collection, account_id, region, id, value: insert only when absent (changes 0 or 1). */
  insert: string;
  /** value, collection, account_id, region, id: replace only when present (changes 0 or 1). */
  replace: string;
  /** collection, account_id, region, id. */
  delete: string;
}

const COLUMNS = 'collection, account_id, region, id, value';
const KEY = 'collection, account_id, region, id';

export function recordStatements(d: SqlDialect): RecordStatements {
  const p = (n: number) => d.param(n);
  const keyMatch = `collection = ${p(1)} AND account_id = ${p(2)} AND region = ${p(3)} AND id = ${p(4)}`;
  const row = `${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}`;
  const valueFirstKeyMatch = `collection = ${p(2)} AND account_id = ${p(3)} AND region = ${p(4)} AND id = ${p(5)}`;
  const writes = (lock: string | undefined): RecordWrites => {
    // With a lock, the row comes out of the lock's FROM item, so the lock is held before
    // the row is written; a delete joins it for the same reason.
    const source = lock === undefined ? `VALUES (${row})` : `SELECT ${row} FROM ${lock}`;
    return {
      put: `INSERT INTO records (${COLUMNS}) ${source} ON CONFLICT (${KEY}) DO UPDATE SET value = excluded.value`,
      insert: `INSERT INTO records (${COLUMNS}) ${source} ON CONFLICT (${KEY}) DO NOTHING`,
      // The value first: it is the first placeholder, and SQLite's are positional.
      replace:
        lock === undefined
          ? `UPDATE records SET value = ${p(1)} WHERE ${valueFirstKeyMatch}`
          : `UPDATE records SET value = ${p(1)} FROM ${lock} WHERE ${valueFirstKeyMatch}`,
      delete:
        lock === undefined
          ? `DELETE FROM records WHERE ${keyMatch}`
          : `DELETE FROM records USING ${lock} WHERE ${keyMatch}`,
    };
  };
  return {
    get: `SELECT value FROM records WHERE ${keyMatch}`,
    ...writes(undefined),
    outside: writes(d.outsideWriteLock),
    reset: 'DELETE FROM records',
  };
}

export type RangeMode = 'rows' | 'count' | 'all-scopes';

/** A range query over ids: its shape (the statement-cache key), SQL and arguments. */
export interface RangeQuery {
  key: string;
  sql(d: SqlDialect): string;
  args: Array<string | number | null>;
}

/**
 * A prefix/after/limit selection as an index range: `id > after` or `id >= prefix`,
 * whichever is tighter, and `id < upper bound of prefix`. Never `LIKE`, so `%`, `_` and
 * any Unicode in an id mean only themselves.
 */
export function rangeQuery(
  d: SqlDialect,
  mode: RangeMode,
  collection: string,
  scope: Scope | undefined,
  options: ListOptions | undefined,
  limit: number | undefined,
): RangeQuery {
  const prefix = options?.prefix ?? '';
  const after = options?.after;
  const args: Array<string | number | null> = [collection];
  const where = ['collection = #'];
  if (mode !== 'all-scopes') {
    if (!scope) throw new Error('A scoped range query needs a scope.');
    where.push('account_id = #', 'region = #');
    args.push(scope.accountId, scope.region);
  }
  // Bounds are computed on the ids themselves and then stored as the ids are, which is
  // exact because `storedText` keeps order and prefixes.
  if (after !== undefined && compareIds(after, prefix) >= 0) {
    where.push('id > #');
    args.push(d.storedText(after));
  } else if (prefix !== '') {
    where.push('id >= #');
    args.push(d.storedText(prefix));
  }
  const upper = prefix === '' ? undefined : prefixUpperBound(prefix);
  if (upper !== undefined) {
    where.push('id < #');
    args.push(d.storedText(upper));
  }
  let tail = '';
  if (mode !== 'count') {
    tail = mode === 'rows' ? ' ORDER BY id LIMIT #' : ' ORDER BY id, account_id, region LIMIT #';
    args.push(limit ?? d.noLimit);
  }
  const select =
    mode === 'count'
      ? 'SELECT count(*) AS n'
      : mode === 'rows'
        ? 'SELECT id, value'
        : 'SELECT account_id, region, id, value';
  const template = `${select} FROM records WHERE ${where.join(' AND ')}${tail}`;
  return {
    key: template,
    sql: (dialect) => {
      let n = 0;
      return template.replace(/#/g, () => dialect.param(++n));
    },
    args,
  };
}
