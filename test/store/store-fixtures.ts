import { mkdtemp, rm } from 'node:fs/promises';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from '../../src/store/memory/index.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';

/** Opens one store of a kind and removes what it left behind, for contract suites. */
export interface Harness {
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

/** Every implementation a contract suite runs against (`describe.each`). */
export const implementations: Array<{ name: Store['kind']; harness: () => Harness }> = [
  {
    name: 'memory',
    harness: () => ({ open: () => Promise.resolve(createMemoryStore()), cleanup: async () => {} }),
  },
  {
    name: 'sqlite',
    harness: () => {
      let dir: string | undefined;
      return {
        open: async () => {
          dir = await mkdtemp(join(tmpdir(), 'teiki-store-'));
          return openSqliteStore({ dataDir: dir });
        },
        cleanup: async () => {
          if (dir) await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    harness: () => {
      let schema: TestSchema | undefined;
      return {
        open: async () => {
          schema = await createTestSchema();
          return openPostgresStore({ url: schema.url });
        },
        cleanup: async () => {
          await schema?.drop();
        },
      };
    },
  },
];

/** A fresh store of the harness's kind for each test of the calling `describe`. */
export function useStore(harness: () => Harness): { readonly store: Store } {
  let h: Harness;
  let store: Store;
  beforeEach(async () => {
    h = harness();
    store = await h.open();
  });
  afterEach(async () => {
    await store.close();
    await h.cleanup();
  });
  return {
    get store() {
      return store;
    },
  };
}
