import { createMemoryStore } from './memory/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

export interface OpenStoreOptions {
  /** `--in-memory`: nothing is written to disk and everything is gone at exit. */
  inMemory: boolean;
  /** `--data-dir`: where the SQLite database lives when not in memory. */
  dataDir: string;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.inMemory) return createMemoryStore();
  return openSqliteStore({ dataDir: options.dataDir });
}
