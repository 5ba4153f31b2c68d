/**
 * Durable state behind one small async port. Every record lives in a named collection
 * and a scope (account, region); ids order records within a scope, so services choose
 * ids that sort the way they list (for example zero-padded revisions).
 *
 * Implementations: memory (`--store memory`), sqlite (default, in `--data-dir`) and
 * postgres (`--store postgres://…`, which several processes may share). Nothing here may
 * assume one of them: values are plain JSON (no Date, no Buffer, no undefined inside
 * arrays), and the only atomic multi-step unit is `transaction`.
 */

import type { ClusterPort, TransactionOptions } from './cluster.js';
import type { LogEventStore } from './log-events.js';

/** Global services (IAM, STS) use the region `GLOBAL_REGION`. */
export interface Scope {
  accountId: string;
  region: string;
}

export const GLOBAL_REGION = 'global';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ListOptions {
  /** Only ids starting with this. */
  prefix?: string;
  /** Only ids sorting strictly after this (for paging). */
  after?: string;
  limit?: number;
}

export interface Entry<T> {
  id: string;
  value: T;
}

/** One record of a batch: its scope and id (a batch may span scopes). */
export interface RecordKey {
  scope: Scope;
  id: string;
}

export interface RecordWrite<T> extends RecordKey {
  value: T;
}

export interface Collection<T> {
  get(scope: Scope, id: string): Promise<T | undefined>;
  /** Many records in one read, in the order asked (undefined where absent). */
  getMany(keys: readonly RecordKey[]): Promise<Array<T | undefined>>;
  /** Insert or replace. */
  put(scope: Scope, id: string, value: T): Promise<void>;
  /** Insert only when absent; `false` (and no change) when the id exists. The claim primitive. */
  insert(scope: Scope, id: string, value: T): Promise<boolean>;
  /**
   * Replace only when present; `false` (and no change) when the id is absent. One atomic
   * step, so a record deleted meanwhile is never brought back.
   */
  replace(scope: Scope, id: string, value: T): Promise<boolean>;
  /**
   * `insert` of many records as one atomic write (one statement, or one transaction):
   * answers, in order, which were inserted. Keys must be distinct within a batch.
   */
  insertMany(writes: readonly RecordWrite<T>[]): Promise<boolean[]>;
  /** `replace` of many records as one atomic write; keys distinct, as `insertMany`. */
  replaceMany(writes: readonly RecordWrite<T>[]): Promise<boolean[]>;
  /** `true` when something was deleted. */
  delete(scope: Scope, id: string): Promise<boolean>;
  /** Ascending by id (binary, code-point order). */
  list(scope: Scope, options?: ListOptions): Promise<Entry<T>[]>;
  count(scope: Scope, options?: Pick<ListOptions, 'prefix'>): Promise<number>;
  /** Every record of every scope, for cross-account views (admin routes, console). */
  listAllScopes(options?: ListOptions): Promise<Array<Entry<T> & { scope: Scope }>>;
}

/** The part of a store a transaction body sees. */
export interface StoreSession {
  collection<T extends Json | object>(name: string): Collection<T>;
}

/** A put (insert or replace) to make if and only if an instant's claim holds. */
export interface StagedWrite {
  collection: string;
  scope: Scope;
  id: string;
  value: Json | object;
}

/** One instant of one scheduled entry to claim in the fire ledger (see fire-ledger.ts). */
export interface InstantClaim {
  key: string;
  atMs: number;
  /** Committed with the claim, and only when it holds. */
  writes: readonly StagedWrite[];
}

export interface Store extends StoreSession {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /**
   * CloudWatch Logs events, kept apart from the collections because they come in bulk.
   * Its writes share the transaction gate (an append waits for an open transaction) but
   * never join a transaction: `tx` has no log events.
   */
  readonly logEvents: LogEventStore;
  /**
   * Runs `body` atomically: every write it makes through `tx` commits together, or none
   * does when it throws. Transactions are serialized; writes made outside a transaction
   * while one is open wait for it to finish. On a store several processes share
   * (postgres) this holds across all of them: one transaction at a time in the cluster,
   * and an outside write waits for a transaction open in any process. With
   * `options.fence`, it commits only while that runner's lease holds, else it throws
   * FencedError having done nothing (stores with one node have no leases to check).
   */
  transaction<R>(body: (tx: StoreSession) => Promise<R>, options?: TransactionOptions): Promise<R>;
  /**
   * Claims many instants in the fire ledger at once: each is a compare-and-set on its
   * entry's ledger record (claimed when the record's last instant is older), committed
   * atomically with its staged writes. Answers, in order, which claims held. Atomic like a
   * transaction, and ordered with transactions the way writes outside one are (it never
   * lands inside one), but it does not hold the store's transactions off while it runs: on
   * a shared store the compare-and-set is per row, so claims from several processes run
   * side by side and still never both take an instant. With `options.fence`, no claim
   * holds unless that runner's lease does (FencedError, nothing written).
   */
  claimInstants(claims: readonly InstantClaim[], options?: TransactionOptions): Promise<boolean[]>;
  /** Nodes, their leases, messages between them and the shared clock (postgres only). */
  readonly cluster?: ClusterPort;
  /**
   * For a store behind a network connection (postgres): a promise while statements of this
   * process are in flight, resolved when none is; undefined when idle. A virtual clock
   * waits on it so that work it woke finishes its store calls before time moves on.
   * Stores whose calls finish within the event loop (memory, sqlite) have none.
   */
  inFlight?(): Promise<void> | undefined;
  /** Delete every record of every collection and every log event (`/_teiki/reset`). */
  reset(): Promise<void>;
  close(): Promise<void>;
}
