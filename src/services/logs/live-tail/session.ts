/**
 * One Live Tail session: the events stored in some log groups from the moment it starts,
 * that its stream selection and filter pattern keep, handed out as AWS's StartLiveTail
 * stream does: a `sessionStart`, then a `sessionUpdate` every second (empty when nothing
 * came) holding at most 500 events, a uniform sample of the second's matches beyond that
 * (`sampled`). A client reading slower than that finds at most 10 updates or 5,000 events
 * waiting, the oldest dropped first. After three hours the stream ends with
 * SessionTimeoutException.
 *
 * Events come from the append feed (every write path: PutLogEvents, the awslogs driver,
 * a Logs target): this node's at once, other nodes' relayed to it (node-relay.ts). The
 * `sessionStart` goes out once the other nodes know of the session, so every event stored
 * after it is heard, whichever node stores it. The one-second pace is wall-clock
 * time (it paces a connection; a virtual clock standing still must not stall it); the
 * three-hour limit runs on the teiki clock, as every lifetime in teiki does.
 */
import type { Clock } from '../../../engine/clock/types.js';
import type { CompiledFilterPattern } from '../../../engine/log-patterns/api.js';
import type { StoredLogEvent } from '../../../store/log-events.js';
import type { Scope } from '../../../store/types.js';
import type { AppendedLogEvents, LogAppendFeed, Tail } from '../append-feed.js';
import { SessionTimeoutException } from '../generated/errors.js';
import type { LiveTailSessionLogEvent, LiveTailSessionStart } from '../generated/types.js';

export const UPDATE_EVERY_MS = 1_000;
export const MAX_EVENTS_PER_UPDATE = 500;
export const MAX_BUFFERED_UPDATES = 10;
export const MAX_BUFFERED_EVENTS = 5_000;
export const SESSION_LIMIT_MS = 3 * 60 * 60 * 1000;

/** Which events a session keeps. */
export interface LiveTailSelection {
  scope: Scope;
  /** Group name → the identifier the request named it by (echoed on each event). */
  groups: ReadonlyMap<string, string>;
  logStreamNames?: readonly string[];
  logStreamNamePrefixes?: readonly string[];
  pattern?: CompiledFilterPattern;
}

/** An update: StartLiveTail's, or the same with events shaped for another reader. */
export interface SessionUpdate<E> {
  sessionMetadata: { sampled: boolean };
  sessionResults: E[];
}

export type LiveTailEvent<E = LiveTailSessionLogEvent> =
  { sessionStart: LiveTailSessionStart } | { sessionUpdate: SessionUpdate<E> };

/** How a session shapes each event it keeps (the console wants ids StartLiveTail lacks). */
export type EventShape<E> = (
  logGroupIdentifier: string,
  logStreamName: string,
  event: StoredLogEvent,
) => E;

export interface LiveTailDeps {
  feed: LogAppendFeed;
  clock: Clock;
}

/**
 * How often updates go out, how many events one holds before it is sampled, and how much a
 * slow reader may leave waiting before the oldest updates are dropped.
 */
export interface LiveTailPacing {
  updateEveryMs: number;
  maxEventsPerUpdate: number;
  maxBufferedUpdates: number;
  maxBufferedEvents: number;
}

/** StartLiveTail's. */
export const AWS_PACING: LiveTailPacing = {
  updateEveryMs: UPDATE_EVERY_MS,
  maxEventsPerUpdate: MAX_EVENTS_PER_UPDATE,
  maxBufferedUpdates: MAX_BUFFERED_UPDATES,
  maxBufferedEvents: MAX_BUFFERED_EVENTS,
};

export class LiveTailSession<E = LiveTailSessionLogEvent> implements AsyncIterableIterator<
  LiveTailEvent<E>
> {
  private started = false;
  private ended = false;
  private timedOut = false;
  private readonly queue: Array<SessionUpdate<E>> = [];
  private queuedEvents = 0;
  /** This second's matches: a reservoir of at most 500, with their arrival order. */
  private sample: Array<{ order: number; event: E }> = [];
  private matched = 0;
  private waiter: (() => void) | undefined;
  private readonly tail: Tail;
  private readonly ticker: ReturnType<typeof setInterval>;
  private readonly lifetime = new AbortController();

  constructor(
    deps: LiveTailDeps,
    private readonly selection: LiveTailSelection,
    private readonly start: LiveTailSessionStart,
    private readonly shape: EventShape<E>,
    /** Called once when the session ends, however it ends. */
    private readonly onEnd: () => void = () => {},
    private readonly pacing: LiveTailPacing = AWS_PACING,
  ) {
    this.tail = deps.feed.tail(
      { scope: selection.scope, logGroupNames: [...selection.groups.keys()] },
      (appended) => this.hear(appended),
    );
    // Awaited before the session starts; a failure is told there, not left unhandled here.
    this.tail.ready.catch(() => {});
    this.ticker = setInterval(() => this.tick(), pacing.updateEveryMs);
    deps.clock.sleepUntil(deps.clock.nowMs() + SESSION_LIMIT_MS, this.lifetime.signal).then(
      () => {
        this.timedOut = true;
        this.wake();
      },
      () => {
        // Ended before the limit.
      },
    );
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<LiveTailEvent<E>>> {
    if (!this.started) {
      this.started = true;
      // The other nodes relay what the session follows only once they know of it.
      try {
        await this.tail.ready;
      } catch (error) {
        this.end();
        throw error;
      }
      return { done: false, value: { sessionStart: this.start } };
    }
    for (;;) {
      if (this.ended) return { done: true, value: undefined };
      const update = this.queue.shift();
      if (update) {
        this.queuedEvents -= update.sessionResults.length;
        return { done: false, value: { sessionUpdate: update } };
      }
      if (this.timedOut) {
        this.end();
        throw new SessionTimeoutException(
          'Session timed out: a Live Tail session lasts at most 3 hours.',
        );
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  return(): Promise<IteratorResult<LiveTailEvent<E>>> {
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  private hear(appended: AppendedLogEvents): void {
    const s = this.selection;
    if (
      appended.scope.accountId !== s.scope.accountId ||
      appended.scope.region !== s.scope.region
    ) {
      return;
    }
    const identifier = s.groups.get(appended.logGroupName);
    if (identifier === undefined || !this.keepsStream(appended.logStreamName)) return;
    for (const event of appended.events) {
      if (s.pattern && !s.pattern.matches(event.message)) continue;
      this.offer(this.shape(identifier, appended.logStreamName, event));
    }
  }

  private keepsStream(name: string): boolean {
    const { logStreamNames, logStreamNamePrefixes } = this.selection;
    if (logStreamNames && !logStreamNames.includes(name)) return false;
    if (logStreamNamePrefixes && !logStreamNamePrefixes.some((p) => name.startsWith(p))) {
      return false;
    }
    return true;
  }

  /** Reservoir sampling: every match of the second has the same chance to be kept. */
  private offer(event: E): void {
    const order = this.matched++;
    const max = this.pacing.maxEventsPerUpdate;
    if (this.sample.length < max) {
      this.sample.push({ order, event });
      return;
    }
    const slot = Math.floor(Math.random() * this.matched);
    if (slot < max) this.sample[slot] = { order, event };
  }

  private tick(): void {
    const sampled = this.matched > this.pacing.maxEventsPerUpdate;
    const sessionResults = this.sample.sort((a, b) => a.order - b.order).map((s) => s.event);
    this.sample = [];
    this.matched = 0;
    this.queue.push({ sessionMetadata: { sampled }, sessionResults });
    this.queuedEvents += sessionResults.length;
    while (
      this.queue.length > this.pacing.maxBufferedUpdates ||
      (this.queuedEvents > this.pacing.maxBufferedEvents && this.queue.length > 1)
    ) {
      this.queuedEvents -= this.queue.shift()?.sessionResults.length ?? 0;
    }
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.ticker);
    this.tail.close();
    this.lifetime.abort();
    this.wake();
    this.onEnd();
  }
}

/** StartLiveTail's event shape. */
export function liveTailLogEvent(
  logGroupIdentifier: string,
  logStreamName: string,
  event: StoredLogEvent,
): LiveTailSessionLogEvent {
  return {
    logGroupIdentifier,
    logStreamName,
    message: event.message,
    timestamp: event.timestamp,
    ingestionTime: event.ingestionTime,
  };
}
