import { scopeKey } from '../codec.js';
import { compareIds } from '../ids.js';
import type { Scope } from '../types.js';

/** What a memory session reads and writes: the committed tables or a transaction over them. */
export interface RecordAccess {
  get(collection: string, scope: Scope, id: string): string | undefined;
  /** The ids of one scope, ascending by code point. */
  ids(collection: string, scope: Scope): readonly string[];
  scopes(collection: string): Scope[];
  put(collection: string, scope: Scope, id: string, json: string): void;
  remove(collection: string, scope: Scope, id: string): boolean;
}

interface Bucket {
  scope: Scope;
  values: Map<string, string>;
  /** Sorted ids, rebuilt lazily after an id is added or removed. */
  sorted: string[] | null;
}

/** The committed records: collection → scope → id → JSON text. */
export class Tables implements RecordAccess {
  private readonly collections = new Map<string, Map<string, Bucket>>();

  get(collection: string, scope: Scope, id: string): string | undefined {
    return this.bucket(collection, scope, false)?.values.get(id);
  }

  ids(collection: string, scope: Scope): readonly string[] {
    const bucket = this.bucket(collection, scope, false);
    if (!bucket) return [];
    bucket.sorted ??= [...bucket.values.keys()].sort(compareIds);
    return bucket.sorted;
  }

  scopes(collection: string): Scope[] {
    const buckets = this.collections.get(collection);
    return buckets ? [...buckets.values()].map((b) => b.scope) : [];
  }

  put(collection: string, scope: Scope, id: string, json: string): void {
    const bucket = this.bucket(collection, scope, true);
    if (!bucket.values.has(id)) bucket.sorted = null;
    bucket.values.set(id, json);
  }

  remove(collection: string, scope: Scope, id: string): boolean {
    const bucket = this.bucket(collection, scope, false);
    if (!bucket?.values.delete(id)) return false;
    bucket.sorted = null;
    if (bucket.values.size === 0) this.collections.get(collection)?.delete(scopeKey(scope));
    return true;
  }

  clear(): void {
    this.collections.clear();
  }

  private bucket(collection: string, scope: Scope, create: true): Bucket;
  private bucket(collection: string, scope: Scope, create: boolean): Bucket | undefined;
  private bucket(collection: string, scope: Scope, create: boolean): Bucket | undefined {
    let buckets = this.collections.get(collection);
    if (!buckets) {
      if (!create) return undefined;
      buckets = new Map();
      this.collections.set(collection, buckets);
    }
    const key = scopeKey(scope);
    let bucket = buckets.get(key);
    if (!bucket && create) {
      bucket = {
        scope: { accountId: scope.accountId, region: scope.region },
        values: new Map(),
        sorted: null,
      };
      buckets.set(key, bucket);
    }
    return bucket;
  }
}

interface Change {
  collection: string;
  scope: Scope;
  id: string;
  /** `null` for a delete. */
  json: string | null;
}

/**
 * A transaction's writes, kept aside from the committed tables so that readers outside
 * the transaction see only committed state (as they do in SQLite through the second
 * connection) and a throwing body is undone by dropping the overlay.
 */
export class Overlay implements RecordAccess {
  private readonly changes = new Map<string, Change>();

  constructor(private readonly base: Tables) {}

  get(collection: string, scope: Scope, id: string): string | undefined {
    const change = this.changes.get(changeKey(collection, scope, id));
    if (change) return change.json ?? undefined;
    return this.base.get(collection, scope, id);
  }

  ids(collection: string, scope: Scope): readonly string[] {
    const base = this.base.ids(collection, scope);
    const touched = this.touching(collection, scope);
    if (touched.length === 0) return base;
    const ids = new Set(base);
    for (const change of touched) {
      if (change.json === null) ids.delete(change.id);
      else ids.add(change.id);
    }
    return [...ids].sort(compareIds);
  }

  scopes(collection: string): Scope[] {
    const scopes = new Map<string, Scope>();
    for (const scope of this.base.scopes(collection)) scopes.set(scopeKey(scope), scope);
    for (const change of this.changes.values()) {
      if (change.collection === collection) scopes.set(scopeKey(change.scope), change.scope);
    }
    return [...scopes.values()];
  }

  put(collection: string, scope: Scope, id: string, json: string): void {
    this.record({ collection, scope: copyScope(scope), id, json });
  }

  remove(collection: string, scope: Scope, id: string): boolean {
    if (this.get(collection, scope, id) === undefined) return false;
    this.record({ collection, scope: copyScope(scope), id, json: null });
    return true;
  }

  /** Applies every change to the committed tables; synchronous, so nothing interleaves. */
  commitTo(tables: Tables): void {
    for (const change of this.changes.values()) {
      if (change.json === null) tables.remove(change.collection, change.scope, change.id);
      else tables.put(change.collection, change.scope, change.id, change.json);
    }
  }

  private record(change: Change): void {
    const key = changeKey(change.collection, change.scope, change.id);
    // Re-inserting keeps the Map's order equal to the order writes were made.
    this.changes.delete(key);
    this.changes.set(key, change);
  }

  private touching(collection: string, scope: Scope): Change[] {
    const key = scopeKey(scope);
    return [...this.changes.values()].filter(
      (c) => c.collection === collection && scopeKey(c.scope) === key,
    );
  }
}

function changeKey(collection: string, scope: Scope, id: string): string {
  return JSON.stringify([collection, scope.accountId, scope.region, id]);
}

function copyScope(scope: Scope): Scope {
  return { accountId: scope.accountId, region: scope.region };
}
