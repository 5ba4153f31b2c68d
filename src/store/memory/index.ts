import { StoreGate, assertActive, promised } from '../gate.js';
import { claimInTransaction } from '../ledger-records.js';
import type { Collection, Json, Store, StoreSession } from '../types.js';
import { memoryCollection, type Runner } from './collection.js';
import { createMemoryLogEvents } from './log-events.js';
import { Overlay, Tables } from './tables.js';

/**
 * The `--in-memory` store. It keeps the same semantics as the SQL stores — JSON copies in
 * and out, readers outside a transaction see committed state only, writes outside wait
 * for an open transaction — so a test against it says something about SQLite too.
 */
export function createMemoryStore(): Store {
  const tables = new Tables();
  const gate = new StoreGate('memory');

  const outside: Runner = {
    read: (fn) =>
      promised(() => {
        gate.assertOpen();
        return fn();
      }),
    write: (fn) => gate.write(fn),
  };
  const logEvents = createMemoryLogEvents(outside);

  return {
    kind: 'memory',
    logEvents: logEvents.port,

    collection<T extends Json | object>(name: string): Collection<T> {
      return memoryCollection<T>(name, tables, outside);
    },

    async transaction<R>(body: (tx: StoreSession) => Promise<R>): Promise<R> {
      const overlay = new Overlay(tables);
      let active = false;
      const step = <S>(fn: () => S): Promise<S> =>
        promised(() => {
          assertActive(active);
          return fn();
        });
      const inside: Runner = { read: step, write: step };
      const session: StoreSession = {
        collection: <T extends Json | object>(name: string) =>
          memoryCollection<T>(name, overlay, inside),
      };
      return gate.transaction(
        {
          begin: () => {
            active = true;
          },
          commit: () => {
            active = false;
            overlay.commitTo(tables);
          },
          rollback: () => {
            active = false;
          },
        },
        () => body(session),
      );
    },

    claimInstants(claims, options) {
      return claimInTransaction((body) => this.transaction(body), claims, options);
    },

    reset: () =>
      gate.write(() => {
        tables.clear();
        logEvents.clear();
      }),

    async close(): Promise<void> {
      if (!(await gate.close())) return;
      tables.clear();
      logEvents.clear();
    },
  };
}
