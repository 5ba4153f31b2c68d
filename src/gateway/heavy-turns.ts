/**
 * The steps of large requests (parsing, decoding, validating a body of megabytes, each
 * tens of milliseconds) take turns: one step per turn of the event loop, whatever the
 * number of large requests waiting. Each waits here before its step, so timers, the
 * health route and small requests run between any two steps. Without the queue, large
 * requests that arrive together would each run a step in the same turn, back to back.
 */
const waiting: Array<() => void> = [];
let releasing = false;

/** Resolves when it is this step's turn: at most one per turn of the event loop. */
export function heavyTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!releasing) {
      releasing = true;
      setImmediate(release);
    }
  });
}

function release(): void {
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(release);
  else releasing = false;
}

/** Bodies above this are read step by step through `heavyTurn`. */
export const LARGE_BODY_BYTES = 256 * 1024;
