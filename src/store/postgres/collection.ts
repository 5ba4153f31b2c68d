import { decodeValue, encodeBatch, encodeValue, normalizeLimit } from '../codec.js';
import { compareIds } from '../ids.js';
import {
  rangeQuery,
  type RangeMode,
  type RecordStatements,
  type RecordWrites,
} from '../sql/records.js';
import type { Collection, Entry, ListOptions, RecordKey, RecordWrite, Scope } from '../types.js';
import type { RecordBatchStatements } from './batches.js';
import type { QueryResult } from './connection.js';
import type { PostgresDialect } from './dialect.js';
import { jsonRows } from './json-param.js';

/** How a session runs statements: on the pool outside a transaction, on its client inside. */
export interface PostgresSession {
  read(text: string, values: readonly unknown[]): Promise<QueryResult>;
  write(text: string, values: readonly unknown[]): Promise<QueryResult>;
  /** The write statements this session uses (outside: with the write lock). */
  writes: RecordWrites;
  /** The batch statements this session uses (outside: with the write lock). */
  batches: RecordBatchStatements;
}

/** A row's key as RETURNING gives it, to find the batch position it came from. */
const rowKey = (accountId: unknown, region: unknown, id: unknown) =>
  `${String(accountId)}\u0000${String(region)}\u0000${String(id)}`;

export function postgresCollection<T>(
  name: string,
  d: PostgresDialect,
  sql: RecordStatements,
  session: PostgresSession,
): Collection<T> {
  const key = (scope: Scope, id: string) => [name, scope.accountId, scope.region, d.storedText(id)];
  const range = async (
    mode: RangeMode,
    scope: Scope | undefined,
    options: ListOptions | undefined,
    limit: number | undefined,
  ) => {
    const q = rangeQuery(d, mode, name, scope, options, limit);
    return (await session.read(q.sql(d), q.args)).rows;
  };

  const keyRows = (keys: readonly RecordKey[]) => [
    name,
    jsonRows(keys.map((k) => [k.scope.accountId, k.scope.region, d.storedText(k.id)])),
  ];
  /** Runs a batch write; answers, in the batch's order, which records it changed. */
  const writeMany = async (statement: string, writes: readonly RecordWrite<T>[]) => {
    const batch = encodeBatch(writes);
    if (batch.length === 0) return [];
    // Rows in one order whoever writes them, so two batches over the same records lock
    // them in the same order rather than deadlocking.
    const sorted = [...batch].sort(
      (a, b) =>
        compareIds(a.scope.accountId, b.scope.accountId) ||
        compareIds(a.scope.region, b.scope.region) ||
        compareIds(a.id, b.id),
    );
    const { rows } = await session.write(statement, [
      name,
      jsonRows(sorted.map((w) => [w.scope.accountId, w.scope.region, d.storedText(w.id), w.json])),
    ]);
    const changed = new Set(rows.map(([a, r, id]) => rowKey(a, r, id)));
    return batch.map((w) =>
      changed.has(rowKey(w.scope.accountId, w.scope.region, d.storedText(w.id))),
    );
  };

  return {
    get: async (scope, id) => {
      const { rows } = await session.read(sql.get, key(scope, id));
      const json = rows[0]?.[0] as string | undefined;
      return json === undefined ? undefined : decodeValue<T>(json);
    },

    getMany: async (keys) => {
      const values: Array<T | undefined> = keys.map(() => undefined);
      if (keys.length === 0) return values;
      const { rows } = await session.read(session.batches.getMany, keyRows(keys));
      for (const [n, json] of rows) values[Number(n) - 1] = decodeValue<T>(json as string);
      return values;
    },

    put: async (scope, id, value) => {
      const json = encodeValue(value);
      await session.write(session.writes.put, [...key(scope, id), json]);
    },

    insert: async (scope, id, value) => {
      const json = encodeValue(value);
      return (await session.write(session.writes.insert, [...key(scope, id), json])).rowCount === 1;
    },

    replace: async (scope, id, value) => {
      const json = encodeValue(value);
      return (
        (await session.write(session.writes.replace, [json, ...key(scope, id)])).rowCount === 1
      );
    },

    insertMany: (writes) => writeMany(session.batches.insertMany, writes),

    replaceMany: (writes) => writeMany(session.batches.replaceMany, writes),

    delete: async (scope, id) =>
      (await session.write(session.writes.delete, key(scope, id))).rowCount > 0,

    list: async (scope, options) =>
      (await range('rows', scope, options, normalizeLimit(options))).map(
        ([id, value]): Entry<T> => ({
          id: d.loadedText(id as string),
          value: decodeValue<T>(value as string),
        }),
      ),

    count: async (scope, options) => {
      const [row] = await range('count', scope, options, undefined);
      return Number(row?.[0] ?? 0);
    },

    listAllScopes: async (options) =>
      (await range('all-scopes', undefined, options, normalizeLimit(options))).map(
        ([accountId, region, id, value]): Entry<T> & { scope: Scope } => ({
          id: d.loadedText(id as string),
          value: decodeValue<T>(value as string),
          scope: { accountId: accountId as string, region: region as string },
        }),
      ),
  };
}
