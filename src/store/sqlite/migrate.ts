import type Database from 'better-sqlite3';
import { pendingMigrations, type Migration } from '../sql/migration.js';
import { MIGRATIONS } from './migrations.js';

export { SchemaTooNewError } from '../sql/migration.js';

/**
 * Brings `db` up to the newest migration and returns the versions it applied (empty when
 * already current). A database written by a newer teiki is refused rather than guessed at.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const applied: number[] = [];
  db.prepare('BEGIN IMMEDIATE').run();
  try {
    // Read inside the write lock: another process may have migrated while we opened.
    const current = db.pragma('user_version', { simple: true }) as number;
    const pending = pendingMigrations(migrations, current, db.name, 'use another --data-dir');
    for (const migration of pending) {
      db.exec(migration.sql);
      applied.push(migration.version);
    }
    if (applied.length > 0) db.pragma(`user_version = ${applied.at(-1)!}`);
    db.prepare('COMMIT').run();
  } catch (error) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    throw error;
  }
  return applied;
}
