import { decodeEntry, decodeValue, encodeBatch, encodeValue, normalizeLimit } from '../codec.js';
import { rangeQuery, type RecordStatements } from '../sql/records.js';
import type { Collection, Entry, ListOptions, RecordWrite, Scope } from '../types.js';
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

  const read = (scope: Scope, id: string): T | undefined => {
    const row = reader.statement(sql.get).get(name, scope.accountId, scope.region, id) as
      ValueRow | undefined;
    return row === undefined ? undefined : decodeValue<T>(row.value);
  };
  const inserted = (scope: Scope, id: string, json: string): boolean =>
    writer.statement(sql.insert).run(name, scope.accountId, scope.region, id, json).changes === 1;
  const replaced = (scope: Scope, id: string, json: string): boolean =>
    writer.statement(sql.replace).run(json, name, scope.accountId, scope.region, id).changes === 1;
  /** A batch in one transaction (a savepoint inside an open one): all of it or none. */
  const writeBatch = async (
    writes: readonly RecordWrite<T>[],
    write: (scope: Scope, id: string, json: string) => boolean,
  ): Promise<boolean[]> => {
    const batch = encodeBatch(writes);
    return session.write(() =>
      writer.db.transaction(() => batch.map(({ scope, id, json }) => write(scope, id, json)))(),
    );
  };

  return {
    get: (scope, id) => session.read(() => read(scope, id)),

    getMany: (keys) => session.read(() => keys.map(({ scope, id }) => read(scope, id))),

    put: async (scope, id, value) => {
      const json = encodeValue(value);
      await session.write(() =>
        writer.statement(sql.put).run(name, scope.accountId, scope.region, id, json),
      );
    },

    insert: async (scope, id, value) => {
      const json = encodeValue(value);
      return session.write(() => inserted(scope, id, json));
    },

    replace: async (scope, id, value) => {
      const json = encodeValue(value);
      return session.write(() => replaced(scope, id, json));
    },

    insertMany: (writes) => writeBatch(writes, inserted),

    replaceMany: (writes) => writeBatch(writes, replaced),

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
