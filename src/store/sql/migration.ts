/**
 * A schema is an ordered list of numbered steps, the same numbers in every SQL store (1:
 * records, 2: log events, ...). A database records what it has applied; opening applies
 * the missing steps. Never edit a released step: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

/** The steps of `migrations` after `current`, in order; refuses a schema newer than them. */
export function pendingMigrations(
  migrations: readonly Migration[],
  current: number,
  where: string,
  remedy: string,
): Migration[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SchemaTooNewError(
      `The database ${where} has schema version ${current}, but this teiki knows only up to ` +
        `version ${latest}. Upgrade teiki, or ${remedy}.`,
    );
  }
  return ordered.filter((m) => m.version > current);
}
