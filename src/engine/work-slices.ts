/**
 * Long work in slices: a loop over a million log events calls `pause()` between batches,
 * and once a slice has run `sliceMs` it gives the event loop a turn (`setImmediate`), so
 * health checks, other requests and the scheduler are answered while it goes on. This is
 * about sharing the CPU, not about schedule time, so it reads the monotonic
 * `performance.now()`, never the teiki clock.
 */
export const DEFAULT_SLICE_MS = 20;

export class WorkSlices {
  #sliceStart = performance.now();

  constructor(private readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** Resolves at once inside a slice; after a turn of the event loop once it is used up. */
  async pause(): Promise<void> {
    if (performance.now() - this.#sliceStart < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#sliceStart = performance.now();
  }
}
