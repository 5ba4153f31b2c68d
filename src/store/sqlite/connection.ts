import Database from 'better-sqlite3';

/** A better-sqlite3 connection with its prepared statements cached by SQL text. */
export class Connection {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}

export const BUSY_TIMEOUT_MS = 5_000;

/**
 * The writer. WAL lets the reader connection see the last committed state while a
 * transaction is open on the writer.
 *
 * `synchronous = NORMAL` in WAL mode does not fsync at each commit, yet a commit survives
 * the process being killed (even with SIGKILL): the WAL frames are written with write(2)
 * before COMMIT returns, so they sit in the OS page cache, which outlives the process and
 * reaches the disk in time. Only an OS crash or power loss can drop the last
 * transactions — an acceptable trade for a local emulator, for much faster commits.
 */
export function openWriter(file: string): Connection {
  const db = new Database(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    if (mode.toLowerCase() !== 'wal') {
      throw new Error(`SQLite refused WAL journal mode for ${file} (got "${mode}").`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return new Connection(db);
}

/** Reads outside a transaction: committed state only, never the writer's open transaction. */
export function openReader(file: string): Connection {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return new Connection(db);
}
