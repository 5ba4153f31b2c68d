import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The serialization rule every store shares: one transaction at a time, and writes made
 * outside a transaction wait while one is open so they can never be swept into its
 * rollback. The gate is FIFO, so a write queued behind a transaction runs before a
 * transaction queued after the write.
 *
 * Writes come in two kinds. `write` runs a synchronous step (SQLite, memory), which holds
 * the gate only for that step. `share` runs an asynchronous one (PostgreSQL, where each
 * write is its own statement on a pooled connection): writes share the gate with each
 * other, so they run concurrently, but never with a transaction.
 *
 * A body that writes through the store instead of its `tx` session, or opens a nested
 * transaction, would wait for itself forever; the gate recognises that (through the
 * async context of the body) and throws instead of hanging. The async context is tracked
 * only while a transaction is open: an AsyncLocalStorage in use makes Node run promise
 * hooks on every promise of the process, a cost the writes outside transactions (every
 * firing's claim, invocation and log writes) should not pay. With no transaction open,
 * nothing can wait for one, so there is nothing to recognise.
 */
export class StoreGate {
  /** A transaction (or a synchronous write, or close) holds the gate alone. */
  private locked = false;
  /** Asynchronous writes in flight, which hold the gate together. */
  private sharers = 0;
  private readonly waiters: Array<{ shared: boolean; resume: () => void }> = [];
  private closed = false;
  private readonly openTransaction = new AsyncLocalStorage<{ open: boolean }>();

  constructor(private readonly kind: string) {}

  /**
   * Runs a write outside any transaction. `fn` must be synchronous (a single atomic
   * step); it runs at once when nothing holds the gate.
   */
  async write<R>(fn: () => R): Promise<R> {
    this.assertUsable('write');
    if (this.idle()) return fn();
    await this.acquire(false);
    try {
      this.assertOpen();
      return fn();
    } finally {
      this.release(false);
    }
  }

  /**
   * Runs an asynchronous write outside any transaction: it waits for an open (or earlier
   * queued) transaction, then runs alongside other writes until its promise settles.
   */
  async share<R>(fn: () => Promise<R>): Promise<R> {
    this.assertUsable('write');
    await this.acquire(true);
    try {
      this.assertOpen();
      return await fn();
    } finally {
      this.release(true);
    }
  }

  /**
   * Runs `body` holding the gate exclusively; `begin`/`commit`/`rollback` frame it and may
   * be asynchronous (a round trip to a database server).
   */
  async transaction<R>(
    frame: {
      begin(): void | Promise<void>;
      commit(): void | Promise<void>;
      rollback(): void | Promise<void>;
    },
    body: () => Promise<R>,
  ): Promise<R> {
    this.assertUsable('transaction');
    await this.acquire(false);
    const marker = { open: true };
    try {
      this.assertOpen();
      await frame.begin();
      let result: R;
      try {
        result = await this.openTransaction.run(marker, body);
      } catch (error) {
        marker.open = false;
        await frame.rollback();
        throw error;
      }
      marker.open = false;
      await frame.commit();
      return result;
    } finally {
      marker.open = false;
      // Transactions hold the gate one at a time, so none is open now: stop tracking
      // (the next transaction's `run` starts it again).
      this.openTransaction.disable();
      this.release(false);
    }
  }

  /** Waits for every queued transaction and write, then refuses new ones. */
  async close(): Promise<boolean> {
    if (this.closed) return false;
    this.assertUsable('close');
    await this.acquire(false);
    this.closed = true;
    this.release(false);
    return true;
  }

  assertOpen(): void {
    if (this.closed) throw new Error(`The ${this.kind} store is closed.`);
  }

  private assertUsable(what: string): void {
    this.assertOpen();
    if (this.openTransaction.getStore()?.open) {
      throw new Error(
        `A ${what} through the store inside a transaction body would wait for that transaction ` +
          `forever; use the body's tx session instead.`,
      );
    }
  }

  private idle(): boolean {
    return !this.locked && this.sharers === 0 && this.waiters.length === 0;
  }

  private acquire(shared: boolean): Promise<void> {
    // Behind anyone already waiting, so the order stays first come, first served.
    if (this.waiters.length === 0 && this.grantable(shared)) {
      this.take(shared);
      return Promise.resolve();
    }
    return new Promise((resume) => this.waiters.push({ shared, resume }));
  }

  private grantable(shared: boolean): boolean {
    return shared ? !this.locked : !this.locked && this.sharers === 0;
  }

  private take(shared: boolean): void {
    if (shared) this.sharers++;
    else this.locked = true;
  }

  private release(shared: boolean): void {
    if (shared) this.sharers--;
    else this.locked = false;
    // Hand the gate straight to the waiters it now admits, so nobody can slip in between:
    // one exclusive holder, or every shared one up to the next exclusive.
    while (this.waiters.length > 0 && this.grantable(this.waiters[0]!.shared)) {
      const next = this.waiters.shift()!;
      this.take(next.shared);
      next.resume();
    }
  }
}

/** Runs a synchronous step and reports its result or its throw as a promise. */
export function promised<R>(fn: () => R): Promise<R> {
  // The executor turns a throw into a rejection.
  return new Promise<R>((resolve) => resolve(fn()));
}

export function assertActive(active: boolean): void {
  if (!active) throw new Error('This transaction session is used after its transaction ended.');
}
