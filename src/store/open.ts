import { createMemoryStore } from './memory/index.js';
import { openPostgresStore, redactPostgresUrl } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

/** Which store `--store` chose, with what it needs. */
export type StoreLocation =
  /** `--store memory` (or `--in-memory`): nothing is written anywhere, all gone at exit. */
  | { kind: 'memory' }
  /** `--store sqlite` (the default): a database file in `--data-dir`. */
  | { kind: 'sqlite'; dataDir: string }
  /** `--store postgres://…`: a PostgreSQL database several teiki processes may share. */
  | { kind: 'postgres'; url: string };

export function openStore(location: StoreLocation): Promise<Store> {
  switch (location.kind) {
    case 'memory':
      return Promise.resolve(createMemoryStore());
    case 'sqlite':
      return openSqliteStore({ dataDir: location.dataDir });
    case 'postgres':
      return openPostgresStore({ url: location.url });
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
