import { decodeEntry, decodeValue, encodeBatch, encodeValue, normalizeLimit } from '../codec.js';
import { compareIds } from '../ids.js';
import type { Collection, Entry, ListOptions, Scope } from '../types.js';
import { selectIds } from './select.js';
import type { RecordAccess } from './tables.js';

/** How a session runs its steps: outside a transaction writes go through the gate. */
export interface Runner {
  read<R>(fn: () => R): Promise<R>;
  write<R>(fn: () => R): Promise<R>;
}

export function memoryCollection<T>(
  name: string,
  access: RecordAccess,
  run: Runner,
): Collection<T> {
  const read = (scope: Scope, id: string): T | undefined => {
    const json = access.get(name, scope, id);
    return json === undefined ? undefined : decodeValue<T>(json);
  };
  /** Writes when the record's presence is `present` (replace: true, insert: false). */
  const putIf = (present: boolean, scope: Scope, id: string, json: string): boolean => {
    if ((access.get(name, scope, id) !== undefined) !== present) return false;
    access.put(name, scope, id, json);
    return true;
  };

  return {
    get: (scope, id) => run.read(() => read(scope, id)),

    getMany: (keys) => run.read(() => keys.map(({ scope, id }) => read(scope, id))),

    put: async (scope, id, value) => {
      const json = encodeValue(value);
      return run.write(() => access.put(name, scope, id, json));
    },

    insert: async (scope, id, value) => {
      const json = encodeValue(value);
      return run.write(() => putIf(false, scope, id, json));
    },

    replace: async (scope, id, value) => {
      const json = encodeValue(value);
      return run.write(() => putIf(true, scope, id, json));
    },

    insertMany: async (writes) => {
      const batch = encodeBatch(writes);
      return run.write(() => batch.map(({ scope, id, json }) => putIf(false, scope, id, json)));
    },

    replaceMany: async (writes) => {
      const batch = encodeBatch(writes);
      return run.write(() => batch.map(({ scope, id, json }) => putIf(true, scope, id, json)));
    },

    delete: (scope, id) => run.write(() => access.remove(name, scope, id)),

    list: (scope, options) =>
      run.read(() =>
        selectIds(access.ids(name, scope), options, normalizeLimit(options)).map((id) =>
          decodeEntry<T>(id, access.get(name, scope, id)!),
        ),
      ),

    count: (scope, options) =>
      run.read(() => selectIds(access.ids(name, scope), options, undefined).length),

    listAllScopes: (options?: ListOptions) =>
      run.read(() => {
        const limit = normalizeLimit(options);
        const rows: Array<{ id: string; scope: Scope }> = [];
        for (const scope of access.scopes(name)) {
          // Each scope contributes at most `limit` rows, which is enough for the merge.
          for (const id of selectIds(access.ids(name, scope), options, limit)) {
            rows.push({ id, scope });
          }
        }
        rows.sort(compareScopedRows);
        const selected = limit === undefined ? rows : rows.slice(0, limit);
        return selected.map(({ id, scope }): Entry<T> & { scope: Scope } => ({
          ...decodeEntry<T>(id, access.get(name, scope, id)!),
          scope: { accountId: scope.accountId, region: scope.region },
        }));
      }),
  };
}

/** Across scopes: by id, then account, then region — the order the SQL stores use. */
export function compareScopedRows(
  a: { id: string; scope: Scope },
  b: { id: string; scope: Scope },
): number {
  return (
    compareIds(a.id, b.id) ||
    compareIds(a.scope.accountId, b.scope.accountId) ||
    compareIds(a.scope.region, b.scope.region)
  );
}
