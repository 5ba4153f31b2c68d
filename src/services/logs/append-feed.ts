/**
 * Who hears of log events the moment they are stored: the console's live tail. Every
 * write goes through `putBatch` (PutLogEvents, the awslogs driver, the Logs target), but
 * each of those assembles its own LogsDeps; what they all share is the store's event port,
 * so the feed belongs to that port and needs no wiring through the services' deps.
 *
 * Only this process's writes are heard: a store shared by several nodes would need the
 * store to notify (Postgres LISTEN/NOTIFY) for a tail to see another node's events.
 */
import type { LogEventStore, StoredLogEvent } from '../../store/log-events.js';
import type { Scope } from '../../store/types.js';

export interface AppendedLogEvents {
  scope: Scope;
  logGroupName: string;
  logStreamName: string;
  /** As the store keeps them: with ingestion time and the seq their event ids come from. */
  events: readonly StoredLogEvent[];
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
