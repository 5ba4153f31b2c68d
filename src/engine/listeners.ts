/**
 * In-process subscribers to a stream of events (task state changes, service events): an
 * event is built only when someone listens, and a listener's failure is its own, so it
 * never stops the publisher or the other listeners.
 */
export class Listeners<E> {
  readonly #listeners = new Set<(event: E) => void>();

  subscribe(listener: (event: E) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Hands each listener the event `make` builds, when there is any listener. */
  emit(make: () => E): void {
    if (this.#listeners.size === 0) return;
    const event = make();
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // ignored on purpose: see above
      }
    }
  }
}
