import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { faultOfSqlite, StorageFaultError } from '../fault.js';
import { StoreGate, assertActive, promised } from '../gate.js';
import { logEventStatements } from '../sql/log-events.js';
import { logSearchStatements } from '../sql/log-search.js';
import { recordStatements } from '../sql/records.js';
import { claimInTransaction } from '../ledger-records.js';
import type { Collection, Json, Store, StoreSession } from '../types.js';
import { sqliteCollection, type SqliteSession } from './collection.js';
import { openReader, openWriter, type Connection } from './connection.js';
import { sqliteDialect } from './dialect.js';
import { sqliteLogEvents } from './log-events.js';
import { migrate } from './migrate.js';
import { prepareDataDir } from './data-dir.js';

export { SchemaTooNewError, migrate } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations.js';

export const DATABASE_FILE = 'teiki.db';

export interface SqliteStoreOptions {
  /** Created when missing; the database is `<dataDir>/teiki.db`. */
  dataDir: string;
}

/**
 * The default store. better-sqlite3 is synchronous, so every single statement is atomic
 * with respect to the event loop; the only interleaving to manage is a transaction body
 * that awaits, which the gate serializes. Two connections: the writer (all writes, and
 * reads inside a transaction) and a read-only one, so reads outside a transaction see
 * committed state and never wait.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const dataDir = resolve(options.dataDir);
  await prepareDataDir(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  const fault = (error: unknown) => storageFault(error, dataDir);
  let writer: Connection;
  try {
    writer = openWriter(file);
  } catch (error) {
    throw fault(error);
  }
  let reader: Connection;
  try {
    migrate(writer.db);
    reader = openReader(file);
  } catch (error) {
    writer.close();
    throw fault(error);
  }
  return sqliteStore(writer, reader, fault);
}

/**
 * An SQLite error that says the storage failed (full, read-only, I/O) as a
 * StorageFaultError; anything else (a service's own error thrown inside a transaction, a
 * constraint) unchanged.
 */
function storageFault(error: unknown, dataDir: string): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const kind = faultOfSqlite(error.code);
  if (kind === undefined) return error;
  return new StorageFaultError(kind, dataDir, `${error.code}: ${error.message}`, { cause: error });
}

function sqliteStore(
  writer: Connection,
  reader: Connection,
  fault: (error: unknown) => unknown,
): Store {
  const sql = recordStatements(sqliteDialect);
  const gate = new StoreGate('sqlite');
  const translated = <R>(work: Promise<R>): Promise<R> =>
    work.catch((error: unknown) => {
      throw fault(error);
    });

  const outside: SqliteSession = {
    reader,
    writer,
    read: (fn) =>
      translated(
        promised(() => {
          gate.assertOpen();
          return fn();
        }),
      ),
    write: (fn) => translated(gate.write(fn)),
  };

  const run = (statement: string) => writer.statement(statement).run();
  const logEvents = sqliteLogEvents(
    logEventStatements(sqliteDialect),
    logSearchStatements(sqliteDialect),
    outside,
  );
  logEvents.backfillIndex();
  const resetAll = writer.db.transaction(() => {
    run(sql.reset);
    logEvents.clear();
  });

  return {
    kind: 'sqlite',
    logEvents: logEvents.port,

    collection<T extends Json | object>(name: string): Collection<T> {
      return sqliteCollection<T>(name, sql, outside);
    },

    async transaction<R>(body: (tx: StoreSession) => Promise<R>): Promise<R> {
      let active = false;
      const step = <S>(fn: () => S): Promise<S> =>
        promised(() => {
          assertActive(active);
          return fn();
        });
      // Inside, reads go to the writer too, so the body sees its own writes.
      const inside: SqliteSession = { reader: writer, writer, read: step, write: step };
      const session: StoreSession = {
        collection: <T extends Json | object>(name: string) =>
          sqliteCollection<T>(name, sql, inside),
      };
      return translated(
        gate.transaction(
          {
            begin: () => {
              run(sqliteDialect.beginWrite);
              active = true;
            },
            commit: () => {
              active = false;
              try {
                run('COMMIT');
              } catch (error) {
                if (writer.db.inTransaction) run('ROLLBACK');
                throw error;
              }
            },
            rollback: () => {
              active = false;
              if (writer.db.inTransaction) run('ROLLBACK');
            },
          },
          () => body(session),
        ),
      );
    },

    claimInstants(claims, options) {
      return claimInTransaction((body) => this.transaction(body), claims, options);
    },

    reset: async () => {
      await translated(gate.write(() => resetAll.immediate()));
    },

    async close(): Promise<void> {
      if (!(await gate.close())) return;
      reader.close();
      writer.close();
    },
  };
}
