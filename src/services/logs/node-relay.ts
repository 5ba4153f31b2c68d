/**
 * Log appends across the nodes of a cluster: a node's appends to a log group some other
 * node tails go to the others as a message (LISTEN/NOTIFY on PostgreSQL), so a live tail on
 * any node hears every node's events as they are stored, without polling the event table.
 * Which groups are tailed, and the guarantee that a tail hears every event stored after it
 * started, is tail-interests.ts's; with no tail open, no event leaves its node. A batch
 * too large for one message goes as its position (stream, seq and time range), read back
 * by the node that hears it. The appends of one turn of the event loop go out together, packed into as
 * few messages as fit: a Logs target delivering an instant's 200 firings sends a handful.
 */
import type { Membership } from '../../engine/cluster/types.js';
import type { Logger } from '../../engine/log.js';
import { MAX_MESSAGE_BYTES } from '../../store/cluster.js';
import type { LogEventStore, StoredLogEvent } from '../../store/log-events.js';
import type { Scope } from '../../store/types.js';
import { logAppendFeed, type AppendedLogEvents } from './append-feed.js';
import { TailInterests } from './tail-interests.js';

interface AppendMessage {
  scope: Scope;
  logGroupName: string;
  logStreamName: string;
  events?: StoredLogEvent[];
  /** When the events did not fit: where to read them. */
  range?: { startTime: number; endTime: number; fromSeq: number; toSeq: number; count: number };
}

/** Room left in a message for the events, after the envelope. */
const EVENTS_BUDGET = MAX_MESSAGE_BYTES - 1024;

export interface LogRelay {
  /** What this node knows of the other nodes' tails (undefined alone on a store). */
  readonly interests: TailInterests | undefined;
  stop(): void;
}

export function relayLogAppendsAcrossNodes(deps: {
  logEvents: LogEventStore;
  membership: Membership;
  logger: Logger;
}): LogRelay {
  const { membership, logEvents, logger } = deps;
  if (membership.kind === 'solo') return { interests: undefined, stop: () => {} };
  const feed = logAppendFeed(logEvents);
  const interests = new TailInterests(membership, logger);
  const stopAnnouncing = feed.announceTailsWith((groups) => interests.open(groups));
  // The appends made until the relay's timer fires (a Logs target's deliveries for one
  // instant) go out together, as few messages as fit, all in one round trip, each turn's
  // after the previous one's so the other nodes hear them in order. No two messages are
  // alike (each carries other appends), so none is folded into another.
  const outgoing: SizedAppend[] = [];
  let sending = Promise.resolve();
  const send = () => {
    const messages = packed(outgoing.splice(0)).map((appends) => ({ appends }));
    sending = sending.then(() =>
      membership
        .publishMany('log-events', messages)
        .catch((error: unknown) =>
          logger.warn('other nodes could not be told of new log events', { error }),
        ),
    );
  };
  const fromHere = feed.subscribe((appended) => {
    if (appended.remote || appended.events.length === 0) return;
    if (!interests.relays(appended.scope, appended.logGroupName)) return;
    // A timer rather than the next turn: the timer phase comes after the turns already
    // queued, among them the group commits of the firings' final records, so packing and
    // encoding an instant's events (every node's CPU, on a loaded machine ~10 ms) no
    // longer stands between its appends and its final records. Nothing the relay does
    // reads the clock or is waited for, so a virtual clock moving on meanwhile is fine.
    if (outgoing.length === 0) setTimeout(send, 0);
    outgoing.push(appendMessage(appended));
  });
  const fromOthers = membership.subscribe('log-events', (raw) => {
    // One append per message from a node of an earlier teiki; several from this one.
    const { appends = [raw as unknown as AppendMessage] } = raw as { appends?: AppendMessage[] };
    for (const message of appends) {
      // Nobody here listens but this relay: a large batch need not be read back at all.
      if (!message.events && feed.size <= 1) continue;
      void eventsOf(logEvents, message)
        .then((events) =>
          feed.publish({
            scope: message.scope,
            logGroupName: message.logGroupName,
            logStreamName: message.logStreamName,
            events,
            remote: true,
          }),
        )
        .catch((error: unknown) =>
          logger.warn('log events another node stored could not be read', { error }),
        );
    }
  });
  interests.start();
  return {
    interests,
    stop() {
      stopAnnouncing();
      interests.stop();
      fromHere();
      fromOthers();
    },
  };
}

/** An append as it goes in a message, and its size there (a comma included). */
interface SizedAppend {
  append: AppendMessage;
  bytes: number;
}

/**
 * One append as a message: its events, or where to read them when they do not fit. Its
 * JSON is made once, to measure it: an instant's 200 appends are on every firing's path.
 */
function appendMessage(appended: AppendedLogEvents): SizedAppend {
  const where = {
    scope: appended.scope,
    logGroupName: appended.logGroupName,
    logStreamName: appended.logStreamName,
  };
  const whole: AppendMessage = { ...where, events: [...appended.events] };
  const bytes = Buffer.byteLength(JSON.stringify(whole)) + 1;
  if (bytes <= EVENTS_BUDGET) return { append: whole, bytes };
  const seqs = appended.events.map((e) => e.seq);
  const times = appended.events.map((e) => e.timestamp);
  const ranged: AppendMessage = {
    ...where,
    range: {
      startTime: Math.min(...times),
      endTime: Math.max(...times) + 1,
      fromSeq: Math.min(...seqs),
      toSeq: Math.max(...seqs),
      count: appended.events.length,
    },
  };
  return { append: ranged, bytes: Buffer.byteLength(JSON.stringify(ranged)) + 1 };
}

/** Appends in order, cut into messages that each fit (an append alone always fits). */
function packed(appends: readonly SizedAppend[]): AppendMessage[][] {
  const messages: AppendMessage[][] = [];
  let current: AppendMessage[] = [];
  let bytes = 0;
  for (const { append, bytes: size } of appends) {
    if (current.length > 0 && bytes + size > EVENTS_BUDGET) {
      messages.push(current);
      current = [];
      bytes = 0;
    }
    current.push(append);
    bytes += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

async function eventsOf(
  logEvents: LogEventStore,
  message: AppendMessage,
): Promise<StoredLogEvent[]> {
  if (message.events) return message.events;
  const range = message.range;
  if (!range) return [];
  const read = await logEvents.readStream(
    message.scope,
    message.logGroupName,
    message.logStreamName,
    {
      startTime: range.startTime,
      endTime: range.endTime,
      ascending: true,
      // Events of other appends may share the time range: read enough to hold them too.
      limit: 10_000,
    },
  );
  return read.filter((e) => e.seq >= range.fromSeq && e.seq <= range.toSeq);
}
