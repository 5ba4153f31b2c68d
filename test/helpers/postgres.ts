/**
 * PostgreSQL for the suites. The test command provisions one private cluster
 * (`scripts/test-postgres.sh run -- …`) and passes its URL as TEIKI_TEST_POSTGRES_URL;
 * each store a test opens gets a schema of its own in that database, dropped afterwards.
 *
 * Without the variable a suite run by hand starts a cluster of its own through the same
 * script (a few seconds), stopped once the test file's process has ended. In CI the variable
 * must be set: a missing one means the provisioning is not wired, and the suites fail
 * rather than skip.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/test-postgres.sh');

let baseUrl: string | undefined;

export function testPostgresUrl(): string {
  if (baseUrl !== undefined) return baseUrl;
  const given = process.env.TEIKI_TEST_POSTGRES_URL;
  if (given) return (baseUrl = given);
  if (process.env.CI) {
    throw new Error(
      'TEIKI_TEST_POSTGRES_URL is not set: run the suites under scripts/test-postgres.sh run -- …',
    );
  }
  const exports = execFileSync(SCRIPT, ['start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const value = (name: string) => new RegExp(`export ${name}='([^']*)'`).exec(exports)?.[1];
  const url = value('TEIKI_TEST_POSTGRES_URL');
  const dir = value('TEIKI_TEST_POSTGRES_DIR');
  if (!url || !dir) throw new Error(`scripts/test-postgres.sh start printed no URL:\n${exports}`);
  // The test file's process may end without an 'exit' event (the runner kills its
  // workers), so a watchdog outside it stops the cluster once it is gone.
  spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; exec "$0" stop "$1"`,
      SCRIPT,
      dir,
    ],
    { detached: true, stdio: 'ignore' },
  ).unref();
  return (baseUrl = url);
}

/**
 * `url` with its connections' search_path set to `schema`, and named after it
 * (application_name), so a test can tell its own connections in pg_stat_activity.
 */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  parsed.searchParams.set('application_name', schema);
  return parsed.toString();
}

export interface TestSchema {
  /** The store URL: the test database, with this schema first on the search path. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty schema in the test database (or in the database `base` names). */
export async function createTestSchema(base = testPostgresUrl()): Promise<TestSchema> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin(base, `CREATE SCHEMA ${name}`);
  return {
    url: withSchema(base, name),
    name,
    drop: async () => {
      await admin(base, `DROP SCHEMA IF EXISTS ${name} CASCADE`);
    },
  };
}

/** Runs one statement on a connection of its own (schema DDL, inspection). */
export async function admin(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
