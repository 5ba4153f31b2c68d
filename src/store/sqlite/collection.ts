import { decodeEntry, decodeValue, encodeBatch, encodeValue, normalizeLimit } from '../codec.js';
import { rangeQuery, type RecordStatements } from '../sql/records.js';
import type { Collection, Entry, ListOptions, Scope } from '../types.js';
import type { Connection } from './connection.js';
import { sqliteDialect } from './dialect.js';

/** Which connection a session uses for what, and how its steps run. */
export interface SqliteSession {
  reader: Connection;
  writer: Connection;
  read<R>(fn: () => R): Promise<R>;
  write<R>(fn: () => R): Promise<R>;
}

interface ValueRow {
  value: string;
}
interface IdValueRow {
  id: string;
  value: string;
}
interface ScopedRow extends IdValueRow {
  account_id: string;
  region: string;
}

export function sqliteCollection<T>(
  name: string,
  sql: RecordStatements,
  session: SqliteSession,
): Collection<T> {
  const { reader, writer } = session;
  const range = (
    connection: Connection,
    mode: 'rows' | 'count' | 'all-scopes',
    scope: Scope | undefined,
    options: ListOptions | undefined,
    limit: number | undefined,
  ) => {
    const query = rangeQuery(sqliteDialect, mode, name, scope, options, limit);
    return connection.statement(query.sql(sqliteDialect)).all(...query.args);
  };

  return {
    get: (scope, id) =>
      session.read(() => {
        const row = reader.statement(sql.get).get(name, scope.accountId, scope.region, id) as
          ValueRow | undefined;
        return row === undefined ? undefined : decodeValue<T>(row.value);
      }),

    getMany: (keys) =>
      session.read(() => {
        const get = reader.statement(sql.get);
        return keys.map(({ scope, id }) => {
          const row = get.get(name, scope.accountId, scope.region, id) as ValueRow | undefined;
          return row === undefined ? undefined : decodeValue<T>(row.value);
        });
      }),

    put: async (scope, id, value) => {
      const json = encodeValue(value);
      await session.write(() =>
        writer.statement(sql.put).run(name, scope.accountId, scope.region, id, json),
      );
    },

    insert: async (scope, id, value) => {
      const json = encodeValue(value);
      return session.write(
        () =>
          writer.statement(sql.insert).run(name, scope.accountId, scope.region, id, json)
            .changes === 1,
      );
    },

    replace: async (scope, id, value) => {
      const json = encodeValue(value);
      return session.write(
        () =>
          writer.statement(sql.replace).run(json, name, scope.accountId, scope.region, id)
            .changes === 1,
      );
    },

    insertMany: async (writes) => {
      const batch = encodeBatch(writes);
      // One transaction (a savepoint inside an open one): all of the batch or none of it.
      return session.write(() =>
        writer.db.transaction(() => {
          const insert = writer.statement(sql.insert);
          return batch.map(
            ({ scope, id, json }) =>
              insert.run(name, scope.accountId, scope.region, id, json).changes === 1,
          );
        })(),
      );
    },

    replaceMany: async (writes) => {
      const batch = encodeBatch(writes);
      return session.write(() =>
        writer.db.transaction(() => {
          const replace = writer.statement(sql.replace);
          return batch.map(
            ({ scope, id, json }) =>
              replace.run(json, name, scope.accountId, scope.region, id).changes === 1,
          );
        })(),
      );
    },

    delete: (scope, id) =>
      session.write(
        () => writer.statement(sql.delete).run(name, scope.accountId, scope.region, id).changes > 0,
      ),

    list: (scope, options) =>
      session.read(() =>
        (range(reader, 'rows', scope, options, normalizeLimit(options)) as IdValueRow[]).map(
          (row) => decodeEntry<T>(row.id, row.value),
        ),
      ),

    count: (scope, options) =>
      session.read(() => {
        const [row] = range(reader, 'count', scope, options, undefined) as Array<{ n: number }>;
        return row?.n ?? 0;
      }),

    listAllScopes: (options) =>
      session.read(() =>
        (
          range(reader, 'all-scopes', undefined, options, normalizeLimit(options)) as ScopedRow[]
        ).map((row): Entry<T> & { scope: Scope } => ({
          ...decodeEntry<T>(row.id, row.value),
          scope: { accountId: row.account_id, region: row.region },
        })),
      ),
  };
}
