/**
 * Log appends across the nodes of a cluster: each node's appends go to the others as a
 * message (LISTEN/NOTIFY on PostgreSQL), so a live tail on any node hears every node's
 * events as they are stored, without polling the event table. A batch too large for one
 * message goes as its position (stream, seq and time range), read back by the node that
 * hears it.
 */
import type { Membership } from '../../engine/cluster/types.js';
import type { Logger } from '../../engine/log.js';
import { MAX_MESSAGE_BYTES } from '../../store/cluster.js';
import type { LogEventStore, StoredLogEvent } from '../../store/log-events.js';
import type { Scope } from '../../store/types.js';
import { logAppendFeed } from './append-feed.js';

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

export function relayLogAppendsAcrossNodes(deps: {
  logEvents: LogEventStore;
  membership: Membership;
  logger: Logger;
}): () => void {
  const { membership, logEvents, logger } = deps;
  if (membership.kind === 'solo') return () => {};
  const feed = logAppendFeed(logEvents);
  const fromHere = feed.subscribe((appended) => {
    if (appended.remote || appended.events.length === 0) return;
    const message: AppendMessage = {
      scope: appended.scope,
      logGroupName: appended.logGroupName,
      logStreamName: appended.logStreamName,
    };
    const events = [...appended.events];
    if (Buffer.byteLength(JSON.stringify(events)) <= EVENTS_BUDGET) message.events = events;
    else {
      const seqs = events.map((e) => e.seq);
      const times = events.map((e) => e.timestamp);
      message.range = {
        startTime: Math.min(...times),
        endTime: Math.max(...times) + 1,
        fromSeq: Math.min(...seqs),
        toSeq: Math.max(...seqs),
        count: events.length,
      };
    }
    membership
      .publish('log-events', { ...message })
      .catch((error: unknown) =>
        logger.warn('other nodes could not be told of new log events', { error }),
      );
  });
  const fromOthers = membership.subscribe('log-events', (raw) => {
    const message = raw as unknown as AppendMessage;
    // Nobody here listens but this relay: a large batch need not be read back at all.
    if (!message.events && feed.size <= 1) return;
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
  });
  return () => {
    fromHere();
    fromOthers();
  };
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
