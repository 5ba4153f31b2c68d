/**
 * Who hears of log events the moment they are stored: the console's live tail. Every
 * write goes through `putBatch` (PutLogEvents, the awslogs driver, the Logs target), but
 * each of those assembles its own LogsDeps; what they all share is the store's event port,
 * so the feed belongs to that port and needs no wiring through the services' deps.
 *
 * On a store several nodes share, node-relay.ts passes a node's appends to the nodes that
 * tail their log group (LISTEN/NOTIFY), which publish them on their own feed marked
 * `remote`. A tail says what it follows through `tail()`, so the other nodes learn of it
 * (tail-interests.ts) before it reads anything.
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

/** What a tail follows: log groups of one account and region. */
export interface TailedGroups {
  scope: Scope;
  logGroupNames: readonly string[];
}

/** An open tail: `ready` once every append stored from then on reaches its listener. */
export interface Tail {
  ready: Promise<void>;
  close(): void;
}

/** Tells the other nodes sharing the store what this node tails (node-relay.ts). */
export type TailAnnouncer = (groups: TailedGroups) => Tail;

export class LogAppendFeed {
  private readonly listeners = new Set<LogAppendListener>();
  private announcer: TailAnnouncer | undefined;

  /** Returns the unsubscribe function. */
  subscribe(listener: LogAppendListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Hears the appends to `groups` from every node: this node's at once, the others' once
   * they know of the tail, which `ready` says (at once when no other node shares the store).
   */
  tail(groups: TailedGroups, listener: LogAppendListener): Tail {
    const unsubscribe = this.subscribe(listener);
    const announced = this.announcer?.(groups);
    return {
      ready: announced?.ready ?? Promise.resolve(),
      close: () => {
        unsubscribe();
        announced?.close();
      },
    };
  }

  /** Where tails are announced from now on; returns the way to stop. */
  announceTailsWith(announcer: TailAnnouncer): () => void {
    this.announcer = announcer;
    return () => {
      if (this.announcer === announcer) this.announcer = undefined;
    };
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
