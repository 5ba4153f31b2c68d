/**
 * Who hears of log events the moment they are stored: the console's live tail. Every
 * write goes through `putBatch` (PutLogEvents, the awslogs driver, the Logs target), but
 * each of those assembles its own LogsDeps; what they all share is the store's event port,
 * so the feed belongs to that port and needs no wiring through the services' deps.
 *
 * On a store several nodes share, node-relay.ts passes each node's appends to the others
 * (LISTEN/NOTIFY), which publish them on their own feed marked `remote`.
 */
import type { LogEventStore, StoredLogEvent } from '../../store/log-events.js';
import type { Scope } from '../../store/types.js';

export interface AppendedLogEvents {
  scope: Scope;
  logGroupName: string;
  logStreamName: string;
  /** As the store keeps them: with ingestion time and the seq their event ids come from. */
  events: readonly StoredLogEvent[];
  /** Appended by another node (and heard from it), not by this one. */
  remote?: boolean;
}

export type LogAppendListener = (appended: AppendedLogEvents) => void;

export class LogAppendFeed {
  private readonly listeners = new Set<LogAppendListener>();

  /** Returns the unsubscribe function. */
  subscribe(listener: LogAppendListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  publish(appended: AppendedLogEvents): void {
    if (appended.events.length === 0) return;
    for (const listener of this.listeners) {
      // A failing listener (a tail whose client left mid-write) must not fail the write.
      try {
        listener(appended);
      } catch {
        // the listener's own concern
      }
    }
  }
}

const feeds = new WeakMap<LogEventStore, LogAppendFeed>();

/** The one feed of an event store, created on first use. */
export function logAppendFeed(store: LogEventStore): LogAppendFeed {
  let feed = feeds.get(store);
  if (!feed) {
    feed = new LogAppendFeed();
    feeds.set(store, feed);
  }
  return feed;
}
