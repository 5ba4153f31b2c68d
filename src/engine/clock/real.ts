import { abortError } from './abort.js';
import type { Clock } from './types.js';

/**
 * The longest single timer. Waking at least this often means a sleep of any length never
 * meets setTimeout's 2^31 ms ceiling, and a wall-clock jump (NTP, suspend, a user setting
 * the time) is noticed within a minute: timers run on a monotonic clock, so only
 * re-reading the wall clock tells whether the instant has come.
 */
export const MAX_TIMER_MS = 60_000;

/**
 * The wall clock. Its timers are deliberately left ref'd: a pending `sleepUntil` is work
 * someone awaits (the scheduler waiting for the next firing), and the process should stay
 * up for it rather than exit with the promise forever pending. Whoever sleeps stops the
 * sleep on shutdown with the AbortSignal.
 *
 * `onJump` listeners are accepted but never called: a jump of the wall clock is handled
 * inside `sleepUntil` by re-reading the time, so there is nothing for a listener to redo.
 */
export function createRealClock(): Clock {
  const nowMs = () => Date.now();
  return {
    mode: 'real',
    nowMs,
    now: () => new Date(nowMs()),
    sleepUntil: (atMs, signal) => sleepUntil(nowMs, atMs, signal),
    onJump: () => () => {},
  };
}

function sleepUntil(nowMs: () => number, atMs: number, signal?: AbortSignal): Promise<void> {
  if (Number.isNaN(atMs)) return Promise.reject(new RangeError('sleepUntil needs an instant.'));
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (nowMs() >= atMs) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const arm = () => {
      const remaining = atMs - nowMs();
      if (remaining <= 0) {
        signal?.removeEventListener('abort', onAbort);
        resolve();
        return;
      }
      // A timer can fire a little before the wall clock agrees; the loop just re-arms.
      timer = setTimeout(arm, Math.min(Math.ceil(remaining), MAX_TIMER_MS));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    arm();
  });
}
