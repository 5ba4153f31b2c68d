/**
 * Log ingestion for teiki's own producers (the ECS `awslogs` driver), without HTTP.
 *
 * `putBatch` is PutLogEvents exactly: the same limits, errors and rejections.
 * `ingest` takes any number of lines as a producer collects them and does what the awslogs
 * driver does before calling PutLogEvents: skips empty lines, splits a line too long for one
 * event into several (at character boundaries), orders them by time (stably) and cuts them
 * into batches within AWS's count, byte and 24-hour limits. Neither creates a group or a
 * stream; a missing one is ResourceNotFoundException, as from the API.
 */
import type { NewLogEvent } from '../../store/log-events.js';
import type { Scope } from '../../store/types.js';
import type { LogsDeps } from './deps.js';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_EVENT_BYTES,
  putBatch,
  putBatchToNewStream,
  type BatchOutcome,
} from './put-events.js';
import { eventBytes } from './records.js';
import { DAY_MS, RetentionSweeper } from './retention.js';

export interface IngestOutcome {
  accepted: number;
  rejected: { tooOld: number; expired: number; tooNew: number };
}

export interface LogIngestion {
  putBatch(
    scope: Scope,
    logGroupName: string,
    logStreamName: string,
    events: readonly NewLogEvent[],
  ): Promise<BatchOutcome>;
  /** `putBatch` into a stream it creates; undefined, writing nothing, when it exists. */
  putBatchToNewStream(
    scope: Scope,
    logGroupName: string,
    logStreamName: string,
    events: readonly NewLogEvent[],
  ): Promise<BatchOutcome | undefined>;
  ingest(
    scope: Scope,
    logGroupName: string,
    logStreamName: string,
    events: readonly NewLogEvent[],
  ): Promise<IngestOutcome>;
}

export function createLogIngestion(
  deps: LogsDeps,
  sweeper = new RetentionSweeper(deps),
): LogIngestion {
  const put = (scope: Scope, group: string, stream: string, events: readonly NewLogEvent[]) =>
    putBatch(deps, sweeper, scope, group, stream, events);
  return {
    putBatch: put,
    putBatchToNewStream: (scope, group, stream, events) =>
      putBatchToNewStream(deps, sweeper, scope, group, stream, events),
    async ingest(scope, group, stream, events) {
      const outcome: IngestOutcome = {
        accepted: 0,
        rejected: { tooOld: 0, expired: 0, tooNew: 0 },
      };
      for (const batch of toBatches(events)) {
        const result = await put(scope, group, stream, batch);
        outcome.accepted += result.accepted;
        const info = result.rejectedLogEventsInfo;
        if (info?.tooOldLogEventEndIndex !== undefined) {
          outcome.rejected.tooOld += info.tooOldLogEventEndIndex + 1;
        }
        if (info?.expiredLogEventEndIndex !== undefined) {
          outcome.rejected.expired +=
            info.expiredLogEventEndIndex - (info.tooOldLogEventEndIndex ?? -1);
        }
        if (info?.tooNewLogEventStartIndex !== undefined) {
          outcome.rejected.tooNew += batch.length - info.tooNewLogEventStartIndex;
        }
      }
      return outcome;
    },
  };
}

/** Splits, orders and cuts producer lines into PutLogEvents-sized batches. */
export function toBatches(events: readonly NewLogEvent[]): NewLogEvent[][] {
  const pieces = events
    .flatMap((event) =>
      splitMessage(event.message).map((message) => ({ timestamp: event.timestamp, message })),
    )
    .map((event, order) => ({ event, order }))
    .sort((a, b) => a.event.timestamp - b.event.timestamp || a.order - b.order)
    .map(({ event }) => event);
  const batches: NewLogEvent[][] = [];
  let batch: NewLogEvent[] = [];
  let bytes = 0;
  for (const event of pieces) {
    const size = eventBytes(event.message);
    const first = batch[0];
    if (
      first &&
      (batch.length === MAX_BATCH_EVENTS ||
        bytes + size > MAX_BATCH_BYTES ||
        event.timestamp - first.timestamp > DAY_MS)
    ) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The message in pieces that each fit one event; none for an empty message. */
function splitMessage(message: string): string[] {
  const limit = MAX_EVENT_BYTES - 26;
  if (message.length === 0) return [];
  if (Buffer.byteLength(message, 'utf8') <= limit) return [message];
  const pieces: string[] = [];
  let piece = '';
  let pieceBytes = 0;
  for (const char of message) {
    const size = Buffer.byteLength(char, 'utf8');
    if (pieceBytes + size > limit) {
      pieces.push(piece);
      piece = '';
      pieceBytes = 0;
    }
    piece += char;
    pieceBytes += size;
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}
