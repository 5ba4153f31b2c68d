import type pg from 'pg';
import { pendingMigrations, type Migration } from '../sql/migration.js';
import { inTransaction, queryValue } from './connection.js';
import { MIGRATION_LOCK } from './dialect.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/**
 * Brings the store's schema up to the newest migration and returns the versions it
 * applied. Safe when several teiki processes start at once on one database: each takes
 * the schema's migration lock (a transaction-scoped advisory lock) before it even looks,
 * so one applies the steps and the others, once it commits, find nothing to do. DDL is
 * transactional in PostgreSQL, so a failed step leaves the schema as it was.
 */
export async function migratePostgres(
  pool: pg.Pool,
  schemaKey: number,
  where: string,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  return inTransaction(
    pool,
    `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${MIGRATION_LOCK}, ${schemaKey})`,
    async (client) => {
      await client.query(
        'CREATE TABLE IF NOT EXISTS teiki_schema_migrations ' +
          '(version integer PRIMARY KEY, name text NOT NULL)',
      );
      const current =
        (await queryValue<number>(
          client,
          'SELECT coalesce(max(version), 0)::int FROM teiki_schema_migrations',
        )) ?? 0;
      const applied: number[] = [];
      for (const migration of pendingMigrations(
        migrations,
        current,
        where,
        'use another database or schema',
      )) {
        await client.query(migration.sql);
        await client.query('INSERT INTO teiki_schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        applied.push(migration.version);
      }
      return applied;
    },
  );
}
