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
  /**
   * The move being made (its target), while `advance` or `set` runs; undefined otherwise.
   * Moves are serialized, so callers that must not wait behind one ask this first.
   */
  moving(): { toMs: number } | undefined;
  /**
   * Called when a forward move starts, before any sleeper wakes: whoever schedules work on
   * the clock learns how far it is about to go (the scheduler caps what it fires per
   * entry in one move). Returns an unsubscribe.
   */
  onMove(listener: (move: ClockMove) => void): () => void;
}

/** One forward move of a virtual clock. */
export interface ClockMove {
  /** Counts the clock's moves; a new move has a new id. */
  id: number;
  fromMs: number;
  toMs: number;
}
