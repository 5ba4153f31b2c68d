import { createMemoryStore } from './memory/index.js';
import { redactPostgresUrl } from './postgres/url.js';
import type { Store } from './types.js';

/** Which store `--store` chose, with what it needs. */
export type StoreLocation =
  /** `--store memory` (or `--in-memory`): nothing is written anywhere, all gone at exit. */
  | { kind: 'memory' }
  /** `--store sqlite` (the default): a database file in `--data-dir`. */
  | { kind: 'sqlite'; dataDir: string }
  /** `--store postgres://…`: a PostgreSQL database several teiki processes may share. */
  | { kind: 'postgres'; url: string };

/**
 * Each store's module, and with it its driver (better-sqlite3's native addon, pg and the
 * fetch machinery pg pulls in), loads only when that store is opened: a teiki on one store
 * does not pay at start for the others (DESIGN.md, The build).
 */
export async function openStore(location: StoreLocation): Promise<Store> {
  switch (location.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite': {
      const { openSqliteStore } = await import('./sqlite/index.js');
      return openSqliteStore({ dataDir: location.dataDir });
    }
    case 'postgres': {
      const { openPostgresStore } = await import('./postgres/index.js');
      return openPostgresStore({ url: location.url });
    }
  }
}

/** The store as a banner or a log line names it: never a password. */
export function describeStoreLocation(location: StoreLocation): string {
  switch (location.kind) {
    case 'memory':
      return 'memory (nothing survives a restart)';
    case 'sqlite':
      return `sqlite ${location.dataDir}`;
    case 'postgres':
      return redactPostgresUrl(location.url);
  }
}
