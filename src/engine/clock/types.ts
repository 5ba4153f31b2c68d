/**
 * The only source of time in teiki. Schedule logic never reads `Date.now()` or calls
 * `setTimeout` itself: it asks the clock, so a virtual clock can move a day in a second
 * and tests never sleep.
 */
export interface Clock {
  readonly mode: 'real' | 'virtual';
  /** Milliseconds since the epoch. */
  nowMs(): number;
  now(): Date;
  /**
   * Resolves once the clock reads at least `atMs`. Rejects with an `AbortError` when the
   * signal aborts. A real clock re-checks after long waits and wall-clock jumps; a virtual
   * clock resolves sleepers in time order as it is advanced.
   */
  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void>;
  /** Called after the clock jumps (virtual `set`/`advance`); returns an unsubscribe. */
  onJump(listener: (nowMs: number) => void): () => void;
}

export interface VirtualClock extends Clock {
  readonly mode: 'virtual';
  /**
   * Moves time forward by `ms`, stopping at each sleeper's instant in order and letting
   * the work it wakes run (including sleepers that work adds inside the window) before
   * moving on. Resolves when the clock reads the target and all woken work has settled.
   */
  advance(ms: number): Promise<void>;
  /** Jumps to an instant (forward as `advance`; backward only moves the reading). */
  set(atMs: number): Promise<void>;
}
