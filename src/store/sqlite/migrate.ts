import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.js';

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

/**
 * Brings `db` up to the newest migration and returns the versions it applied (empty when
 * already current). A database written by a newer teiki is refused rather than guessed at.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  const applied: number[] = [];
  db.prepare('BEGIN IMMEDIATE').run();
  try {
    // Read inside the write lock: another process may have migrated while we opened.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new SchemaTooNewError(
        `The database ${db.name} has schema version ${current}, but this teiki knows only up to ` +
          `version ${latest}. Upgrade teiki, or use another --data-dir.`,
      );
    }
    for (const migration of ordered) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      applied.push(migration.version);
    }
    if (applied.length > 0) db.pragma(`user_version = ${latest}`);
    db.prepare('COMMIT').run();
  } catch (error) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    throw error;
  }
  return applied;
}
