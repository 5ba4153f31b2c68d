import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The serialization rule every store shares: one transaction at a time, and writes made
 * outside a transaction wait while one is open so they can never be swept into its
 * rollback. The gate is FIFO, so a write queued behind a transaction runs before a
 * transaction queued after the write.
 *
 * A body that writes through the store instead of its `tx` session, or opens a nested
 * transaction, would wait for itself forever; the gate recognises that (through the
 * async context of the body) and throws instead of hanging.
 */
export class StoreGate {
  private locked = false;
  private readonly waiters: Array<() => void> = [];
  private closed = false;
  private readonly openTransaction = new AsyncLocalStorage<{ open: boolean }>();

  constructor(private readonly kind: string) {}

  /**
   * Runs a write outside any transaction. `fn` must be synchronous (a single atomic
   * step); it runs at once when nothing holds the gate.
   */
  async write<R>(fn: () => R): Promise<R> {
    this.assertUsable('write');
    if (!this.locked && this.waiters.length === 0) return fn();
    await this.acquire();
    try {
      this.assertOpen();
      return fn();
    } finally {
      this.release();
    }
  }

  /** Runs `body` holding the gate exclusively; `begin`/`commit`/`rollback` frame it. */
  async transaction<R>(
    frame: { begin(): void; commit(): void; rollback(): void },
    body: () => Promise<R>,
  ): Promise<R> {
    this.assertUsable('transaction');
    await this.acquire();
    const marker = { open: true };
    try {
      this.assertOpen();
      frame.begin();
      let result: R;
      try {
        result = await this.openTransaction.run(marker, body);
      } catch (error) {
        marker.open = false;
        frame.rollback();
        throw error;
      }
      marker.open = false;
      frame.commit();
      return result;
    } finally {
      marker.open = false;
      this.release();
    }
  }

  /** Waits for every queued transaction and write, then refuses new ones. */
  async close(): Promise<boolean> {
    if (this.closed) return false;
    this.assertUsable('close');
    await this.acquire();
    this.closed = true;
    this.release();
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

  private acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    const next = this.waiters.shift();
    // Hand the lock straight to the next waiter so nobody can slip in between.
    if (next) next();
    else this.locked = false;
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
