/**
 * Starts a real teiki on a free port for a suite, with a fresh in-memory store (or a
 * fresh SQLite directory), and hands out SDK client settings that point at it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileOptions } from '../../src/cli/options.js';
import { startTeiki, type Teiki } from '../../src/teiki.js';
import { createTestSchema, type TestSchema } from './postgres.js';

export interface TestTeiki extends Teiki {
  /** Settings for any AWS SDK v3 client. */
  clientConfig(overrides?: {
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
    region?: string;
  }): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    maxAttempts: number;
  };
}

export function tempDir(prefix = 'teiki-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * `args` are `teiki start` arguments; the default is an in-memory store on a free port.
 *
 * With TEIKI_TEST_STORE=postgres (the test cluster, see helpers/postgres.ts) or
 * TEIKI_TEST_STORE=postgres://… a suite asking for `--in-memory` gets a fresh PostgreSQL
 * schema instead, dropped at close: the SDK suites run unchanged against that store.
 * Suites that chose SQLite (`--data-dir`, restarts on disk) keep it.
 */
export async function startTestTeiki(args: string[] = ['--in-memory']): Promise<TestTeiki> {
  const cwd = tempDir();
  const schema = args.includes('--in-memory') ? await postgresInstead() : undefined;
  const storeArgs = schema
    ? args.flatMap((arg) => (arg === '--in-memory' ? ['--store', schema.url] : [arg]))
    : args;
  const options = compileOptions(['--port', '0', ...storeArgs], {}, cwd);
  let teiki: Teiki;
  try {
    teiki = await startTeiki(options);
  } catch (error) {
    await schema?.drop();
    throw error;
  }
  if (schema) {
    const closeTeiki = teiki.close.bind(teiki);
    let closing: Promise<void> | undefined;
    teiki.close = () => (closing ??= closeTeiki().finally(() => schema.drop()));
  }
  return Object.assign(teiki, {
    clientConfig(
      overrides: {
        accessKeyId?: string;
        secretAccessKey?: string;
        sessionToken?: string;
        region?: string;
      } = {},
    ) {
      return {
        endpoint: teiki.url,
        region: overrides.region ?? 'us-east-1',
        credentials: {
          accessKeyId: overrides.accessKeyId ?? 'test',
          secretAccessKey: overrides.secretAccessKey ?? 'test',
          ...(overrides.sessionToken ? { sessionToken: overrides.sessionToken } : {}),
        },
        // A retried request would hide the first answer from the assertion.
        maxAttempts: 1,
      };
    },
  });
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** A hand-made HTTP request, for what SDKs never send. */
export async function raw(
  url: string,
  init: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  } = {},
): Promise<RawResponse> {
  const response = await fetch(url + (init.path ?? '/'), {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A fresh schema when TEIKI_TEST_STORE asks for PostgreSQL; undefined otherwise. */
async function postgresInstead(): Promise<TestSchema | undefined> {
  const wanted = process.env.TEIKI_TEST_STORE;
  if (!wanted || wanted === 'memory') return undefined;
  if (wanted === 'postgres') return createTestSchema();
  if (/^postgres(ql)?:\/\//.test(wanted)) return createTestSchema(wanted);
  throw new Error(
    `TEIKI_TEST_STORE must be memory, postgres or a postgres:// URL, not '${wanted}'`,
  );
}

/** `teiki start` arguments for an in-memory teiki on a virtual clock starting at `startIso`. */
export function virtualClockArgs(startIso: string): string[] {
  return ['--in-memory', '--clock', 'virtual', '--clock-start', startIso];
}
