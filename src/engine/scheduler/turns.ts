/**
 * Per entry, the order its instants are claimed in. The ledger refuses an instant older
 * than the last one claimed, so an entry's instants must be claimed in order even when
 * several fall due at once (or a takeover fires a backlog) and their handlers race.
 */
import type { Claim, ClaimWork } from './types.js';

/** One instant's place in its entry's claim order. */
export interface Turn {
  claim: Claim;
  /** Settles once the claim is decided, or the handler finished without claiming. */
  done: Promise<void>;
  end(): void;
}

export class ClaimTurns {
  readonly #tails = new Map<string, Promise<void>>();

  /** The next turn of `key`: its claim runs `claim` once every earlier turn has ended. */
  take(key: string, claim: (alongWith?: ClaimWork) => Promise<boolean>): Turn {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let end!: () => void;
    const done = new Promise<void>((resolve) => (end = resolve));
    this.#tails.set(key, done);
    void done.then(() => {
      if (this.#tails.get(key) === done) this.#tails.delete(key);
    });
    return {
      claim: async (alongWith) => {
        await previous;
        try {
          return await claim(alongWith);
        } finally {
          end();
        }
      },
      done,
      end: () => end(),
    };
  }
}
