/**
 * PutLogEvents' rules, shared by the API operation and by teiki's own producers (the ECS
 * log driver) through `createLogIngestion`:
 * - 1 to 10,000 events, each a non-empty message; an event counts its message's UTF-8
 *   bytes plus 26, and neither one event nor the batch may exceed 1,048,576 bytes;
 * - events in chronological order, spanning at most 24 hours;
 * - events more than 14 days old (`tooOldLogEventEndIndex`), older than the group's
 *   retention (`expiredLogEventEndIndex`) or more than 2 hours ahead of the clock
 *   (`tooNewLogEventStartIndex`) are rejected while the rest are kept;
 * - the sequence token is ignored, and a token is still returned, as AWS does.
 */
import type { NewLogEvent, StoredLogEvent } from '../../store/log-events.js';
import type { Entry, Scope } from '../../store/types.js';
import type { MetricFilterRecord } from './metric-filters/records.js';
import { logAppendFeed } from './append-feed.js';
import type { LogsDeps } from './deps.js';
import { InvalidParameterException } from './generated/errors.js';
import type { RejectedLogEventsInfo } from './generated/types.js';
import { requireGroup, requireStream } from './lookup.js';
import {
  eventBytes,
  sequenceToken,
  STREAMS,
  streamId,
  type LogGroupRecord,
  type LogStreamRecord,
} from './records.js';
import { applyMetricFilters } from './metric-filters/apply.js';
import { DAY_MS, retentionCutoff, type RetentionSweeper } from './retention.js';

export const MAX_BATCH_EVENTS = 10_000;
export const MAX_BATCH_BYTES = 1_048_576;
export const MAX_EVENT_BYTES = 1_048_576;
const MAX_SPAN_MS = DAY_MS;
const TOO_OLD_MS = 14 * DAY_MS;
const TOO_NEW_MS = 2 * 60 * 60 * 1000;

export interface BatchOutcome {
  nextSequenceToken: string;
  rejectedLogEventsInfo?: RejectedLogEventsInfo;
  /** How many events were stored. */
  accepted: number;
}

/** Throws AWS's InvalidParameterException when a batch breaks PutLogEvents' limits. */
export function checkBatch(events: readonly NewLogEvent[]): void {
  if (events.length < 1 || events.length > MAX_BATCH_EVENTS) {
    const bound =
      events.length < 1
        ? 'Member must have length greater than or equal to 1'
        : `Member must have length less than or equal to ${MAX_BATCH_EVENTS}`;
    throw new InvalidParameterException(
      `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: ${bound}`,
    );
  }
  let total = 0;
  for (const [index, event] of events.entries()) {
    if (event.message.length === 0) {
      throw new InvalidParameterException(
        `1 validation error detected: Value '' at 'logEvents.${index + 1}.member.message' ` +
          'failed to satisfy constraint: Member must have length greater than or equal to 1',
      );
    }
    const bytes = eventBytes(event.message);
    if (bytes > MAX_EVENT_BYTES) {
      throw new InvalidParameterException(
        `Log event too large: ${bytes} bytes exceeds limit of ${MAX_EVENT_BYTES}`,
      );
    }
    total += bytes;
  }
  if (total > MAX_BATCH_BYTES) {
    throw new InvalidParameterException(
      `Upload too large: ${total} bytes exceeds limit of ${MAX_BATCH_BYTES}`,
    );
  }
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as NewLogEvent).timestamp < (events[i - 1] as NewLogEvent).timestamp) {
      throw new InvalidParameterException(
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    }
  }
  const first = events[0] as NewLogEvent;
  const last = events[events.length - 1] as NewLogEvent;
  if (last.timestamp - first.timestamp > MAX_SPAN_MS) {
    throw new InvalidParameterException(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
}

/** Stores one batch under PutLogEvents' rules. Creates nothing: group and stream must exist. */
export async function putBatch(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  scope: Scope,
  logGroupName: string,
  logStreamName: string,
  events: readonly NewLogEvent[],
): Promise<BatchOutcome> {
  const group = await requireGroup(deps, scope, logGroupName);
  await requireStream(deps, scope, logGroupName, logStreamName);
  checkBatch(events);

  const now = deps.clock.nowMs();
  const { accepted, rejected } = screen(events, group, now);
  const stored = await appendAccepted(deps, scope, logGroupName, logStreamName, accepted, now);
  const uploads = await recordUpload(deps, scope, logGroupName, logStreamName, accepted, now);
  await afterAppend(deps, sweeper, scope, group, logStreamName, stored);
  return outcome(uploads, rejected, accepted);
}

/**
 * PutLogEvents into a stream made for this one batch (a CloudWatch Logs target writes each
 * event to a stream named after it): the stream's record is inserted with the upload
 * already counted, as `putBatch` would leave it, instead of being inserted empty and then
 * updated in a store transaction. Undefined, having written nothing, when the stream
 * exists already. A batch PutLogEvents refuses still leaves the empty stream, as creating
 * it first and then putting would.
 */
export async function putBatchToNewStream(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  scope: Scope,
  logGroupName: string,
  logStreamName: string,
  events: readonly NewLogEvent[],
): Promise<BatchOutcome | undefined> {
  const group = await requireGroup(deps, scope, logGroupName);
  const streams = deps.store.collection<LogStreamRecord>(STREAMS);
  const id = streamId(logGroupName, logStreamName);
  const now = deps.clock.nowMs();
  const empty: LogStreamRecord = {
    logGroupName,
    logStreamName,
    creationTime: now,
    uploads: 0,
    storedBytes: 0,
  };
  try {
    checkBatch(events);
  } catch (error) {
    await streams.insert(scope, id, empty);
    throw error;
  }
  const { accepted, rejected } = screen(events, group, now);
  if (!(await streams.insert(scope, id, uploaded(empty, accepted, now)))) return undefined;
  const stored = await appendAccepted(deps, scope, logGroupName, logStreamName, accepted, now);
  // Deleted while the events were being written: nothing may outlive the stream.
  if (stored.length > 0 && !(await streams.get(scope, id))) {
    await deps.store.logEvents.deleteStream(scope, logGroupName, logStreamName);
  }
  await afterAppend(deps, sweeper, scope, group, logStreamName, stored);
  return outcome(1, rejected, accepted);
}

/** Stores the events a batch keeps (none: nothing to write). */
async function appendAccepted(
  deps: LogsDeps,
  scope: Scope,
  logGroupName: string,
  logStreamName: string,
  accepted: readonly NewLogEvent[],
  now: number,
) {
  if (accepted.length === 0) return [];
  return deps.store.logEvents.append(scope, logGroupName, logStreamName, accepted, now);
}

/** The events PutLogEvents keeps, and what it reports about the ones it rejects. */
export function screen(events: readonly NewLogEvent[], group: LogGroupRecord, now: number) {
  const rejected: RejectedLogEventsInfo = {};
  const cutoff = retentionCutoff(group, now);
  // Events are in time order, so the rejected ones are a prefix (old) and a suffix (new).
  for (const [index, event] of events.entries()) {
    if (event.timestamp < now - TOO_OLD_MS) rejected.tooOldLogEventEndIndex = index;
    if (cutoff !== undefined && event.timestamp < cutoff) rejected.expiredLogEventEndIndex = index;
    if (event.timestamp > now + TOO_NEW_MS && rejected.tooNewLogEventStartIndex === undefined) {
      rejected.tooNewLogEventStartIndex = index;
    }
  }
  const start =
    Math.max(rejected.tooOldLogEventEndIndex ?? -1, rejected.expiredLogEventEndIndex ?? -1) + 1;
  const end = rejected.tooNewLogEventStartIndex ?? events.length;
  const accepted = start < end ? events.slice(start, end) : [];
  return { accepted, rejected };
}

/** Metric filters, the append feed and retention, once the events are stored. */
async function afterAppend(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  scope: Scope,
  group: LogGroupRecord,
  logStreamName: string,
  stored: StoredLogEvent[],
): Promise<void> {
  await afterAppends(deps, sweeper, scope, group, [{ logStreamName, stored }]);
}

/** `afterAppend` for appends to many streams of one group: its filters listed once. */
export async function afterAppends(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  scope: Scope,
  group: LogGroupRecord,
  appended: ReadonlyArray<{ logStreamName: string; stored: readonly StoredLogEvent[] }>,
  filters?: ReadonlyArray<Entry<MetricFilterRecord>>,
): Promise<void> {
  const { logGroupName } = group;
  await applyMetricFilters(
    deps,
    scope,
    logGroupName,
    appended.flatMap((a) => a.stored),
    filters,
  );
  // Told once the stream's times are up to date, so a listener reading the stream agrees.
  const feed = logAppendFeed(deps.store.logEvents);
  for (const { logStreamName, stored } of appended) {
    feed.publish({ scope, logGroupName, logStreamName, events: stored });
  }
  await sweeper.sweep(scope, group);
}

export function outcome(
  uploads: number,
  rejected: RejectedLogEventsInfo,
  accepted: readonly NewLogEvent[],
): BatchOutcome {
  return {
    nextSequenceToken: sequenceToken(uploads),
    ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
    accepted: accepted.length,
  };
}

/** A stream's record after one more upload of `accepted`. */
export function uploaded(
  stream: LogStreamRecord,
  accepted: readonly NewLogEvent[],
  now: number,
): LogStreamRecord {
  const first = accepted[0];
  const last = accepted[accepted.length - 1];
  let bytes = 0;
  for (const event of accepted) bytes += eventBytes(event.message);
  // One literal with every field (undefined ones stay out of the stored JSON), not a
  // spread copy with fields added: V8 (Node 20) adds a member to a spread copy many times
  // slower than it builds a literal ("Copies without spread", docs/decisions.md).
  return {
    logGroupName: stream.logGroupName,
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    firstEventTimestamp: first
      ? Math.min(stream.firstEventTimestamp ?? first.timestamp, first.timestamp)
      : stream.firstEventTimestamp,
    lastEventTimestamp: last
      ? Math.max(stream.lastEventTimestamp ?? last.timestamp, last.timestamp)
      : stream.lastEventTimestamp,
    lastIngestionTime: first ? now : stream.lastIngestionTime,
    uploads: stream.uploads + 1,
    storedBytes: stream.storedBytes + bytes,
  } satisfies EveryField<LogStreamRecord>;
}

/** Every member of T named, optional ones too: a field added to T cannot be dropped here. */
type EveryField<T> = { [K in keyof Required<T>]: T[K] };

/** Keeps the stream's first/last timestamps, ingestion time and byte count up to date. */
async function recordUpload(
  deps: LogsDeps,
  scope: Scope,
  logGroupName: string,
  logStreamName: string,
  accepted: readonly NewLogEvent[],
  now: number,
): Promise<number> {
  const id = streamId(logGroupName, logStreamName);
  const outcome = await deps.store.transaction(async (tx) => {
    const streams = tx.collection<LogStreamRecord>(STREAMS);
    const stream = await streams.get(scope, id);
    // Deleted while the events were being written: nothing may outlive the stream.
    if (!stream) return undefined;
    const next = uploaded(stream, accepted, now);
    await streams.put(scope, id, next);
    return next.uploads;
  });
  if (outcome === undefined) {
    await deps.store.logEvents.deleteStream(scope, logGroupName, logStreamName);
    return 1;
  }
  return outcome;
}
