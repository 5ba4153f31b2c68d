import { decodeValue, encodeValue, normalizeLimit } from '../codec.js';
import {
  rangeQuery,
  type RangeMode,
  type RecordStatements,
  type RecordWrites,
} from '../sql/records.js';
import type { Collection, Entry, ListOptions, Scope } from '../types.js';
import type { QueryResult } from './connection.js';
import type { PostgresDialect } from './dialect.js';

/** How a session runs statements: on the pool outside a transaction, on its client inside. */
export interface PostgresSession {
  read(text: string, values: readonly unknown[]): Promise<QueryResult>;
  write(text: string, values: readonly unknown[]): Promise<QueryResult>;
  /** The write statements this session uses (outside: with the write lock). */
  writes: RecordWrites;
}

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

  return {
    get: async (scope, id) => {
      const { rows } = await session.read(sql.get, key(scope, id));
      const json = rows[0]?.[0] as string | undefined;
      return json === undefined ? undefined : decodeValue<T>(json);
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
