import { abortError } from './abort.js';
import { SleeperQueue, type Sleeper } from './sleepers.js';
import { CLOCK_RANGE, isRepresentableInstant } from './limits.js';
import type { ClockMove, VirtualClock } from './types.js';

export interface VirtualClockOptions {
  /** Receives what an `onJump` listener throws; the clock itself carries on. */
  onError?: (error: unknown) => void;
  /**
   * Work the clock cannot see from the event loop and should wait for before moving on: a
   * promise while some is in flight (a store's statements on a database server), else
   * undefined.
   */
  inFlight?: () => Promise<void> | undefined;
}

/**
 * How many macrotask turns one woken sleeper's work may keep the clock waiting. Work that
 * keeps registering sleeps every turn (a busy poll) would otherwise hold `advance` forever.
 */
const MAX_SETTLE_TURNS = 1_000;

/** Turns without clock calls after which woken work counts as settled. */
const QUIET_TURNS = 2;

/**
 * A clock that moves only when told. `advance` and `set` are serialized: a second call
 * starts where the first one ended.
 *
 * After waking a sleeper the clock waits for the work it woke to settle: it yields
 * macrotask turns (`setImmediate`, so promise chains and work yielding through
 * `setImmediate` run) until `QUIET_TURNS` turns in a row pass in which nobody read the
 * clock or called `sleepUntil`. Woken schedule logic reads the clock as it goes, so those
 * calls are the sign it is still working, and so are statements in flight on a database
 * (`inFlight`). Work that waits on real time or other I/O (a timer, a child process, a
 * socket) may still be running when the clock moves on; it then sees a later reading,
 * which is what the scheduler's catch-up rule is for.
 */
export function createVirtualClock(
  startMs: number,
  options: VirtualClockOptions = {},
): VirtualClock {
  assertInstant(startMs, 'startMs');
  const onError =
    options.onError ??
    ((error: unknown) => console.error('teiki: a clock jump listener failed:', error));
  let current = startMs;
  let seq = 0;
  /** Counts clock calls, so settling can tell whether woken work is still going. */
  let activity = 0;
  const queue = new SleeperQueue();
  const listeners = new Set<{ listener: (nowMs: number) => void }>();
  const moveListeners = new Set<{ listener: (move: ClockMove) => void }>();
  let moves = 0;
  let pending: { toMs: number } | undefined;
  let tail: Promise<void> = Promise.resolve();

  const serialized = (fn: () => Promise<void>): Promise<void> => {
    const run = tail.then(fn);
    tail = run.catch(() => {});
    return run;
  };

  /** Calls each listener, reporting (never rethrowing) what one throws. */
  const safely = <T>(entries: Iterable<{ listener: (value: T) => void }>, value: T) => {
    for (const { listener } of [...entries]) {
      try {
        listener(value);
      } catch (error) {
        try {
          onError(error);
        } catch {
          // A failing error handler must not stop the clock either.
        }
      }
    }
  };

  const settle = async () => {
    let quiet = 0;
    for (let turn = 0; turn < MAX_SETTLE_TURNS && quiet < QUIET_TURNS; turn++) {
      const before = activity;
      await new Promise<void>((resolve) => setImmediate(resolve));
      // A round trip to a database outlasts any number of turns: wait for it, then look
      // again, since the work it belonged to carries on after it.
      const waiting = options.inFlight?.();
      if (waiting) {
        await waiting;
        quiet = 0;
        continue;
      }
      quiet = activity === before ? quiet + 1 : 0;
    }
  };

  const notify = () => safely(listeners, current);

  const moveTo = async (target: number) => {
    // Work started just before the move (a rule saved, a sleep re-armed) gets to arm its
    // sleepers first, so an instant it waits for is not jumped over.
    await settle();
    safely(moveListeners, { id: ++moves, fromMs: current, toMs: target });
    for (let next = queue.peek(); next && next.atMs <= target; next = queue.peek()) {
      queue.pop();
      current = next.atMs;
      next.wake();
      await settle();
    }
    current = target;
    notify();
  };

  return {
    mode: 'virtual',
    nowMs: () => {
      activity++;
      return current;
    },
    now: () => {
      activity++;
      return new Date(current);
    },

    sleepUntil(atMs, signal) {
      activity++;
      if (Number.isNaN(atMs)) return Promise.reject(new RangeError('sleepUntil needs an instant.'));
      if (signal?.aborted) return Promise.reject(abortError(signal));
      if (atMs <= current) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          queue.cancel(sleeper);
          reject(abortError(signal!));
        };
        const sleeper: Sleeper = {
          atMs,
          seq: seq++,
          cancelled: false,
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        queue.push(sleeper);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },

    onJump(listener) {
      const entry = { listener };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },

    onMove(listener) {
      const entry = { listener };
      moveListeners.add(entry);
      return () => {
        moveListeners.delete(entry);
      };
    },

    moving: () => pending,

    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        return Promise.reject(
          new RangeError(`advance needs a finite, non-negative ms, not ${ms}.`),
        );
      }
      return track(current + ms, () => {
        const target = current + ms;
        if (!isRepresentableInstant(target)) throw outOfRange(target);
        return moveTo(target);
      });
    },

    set(atMs) {
      if (!isRepresentableInstant(atMs)) return Promise.reject(outOfRange(atMs));
      return track(atMs, async () => {
        if (atMs >= current) return moveTo(atMs);
        // Backward: pending sleepers stay pending; they are now further away.
        current = atMs;
        notify();
      });
    },
  };

  /** Runs a move in turn, reporting it through `moving()` from call to end. */
  function track(toMs: number, move: () => Promise<void>): Promise<void> {
    const mine = { toMs };
    pending = mine;
    const run = serialized(move);
    void run.then(
      () => (pending === mine ? (pending = undefined) : undefined),
      () => (pending === mine ? (pending = undefined) : undefined),
    );
    return run;
  }
}

function outOfRange(ms: number): RangeError {
  return new RangeError(`The clock reads ${CLOCK_RANGE}; ${ms} ms is outside.`);
}

function assertInstant(ms: number, what: string): void {
  if (!isRepresentableInstant(ms)) {
    throw new RangeError(`${what} must be an instant ${CLOCK_RANGE}, not ${ms}.`);
  }
}
