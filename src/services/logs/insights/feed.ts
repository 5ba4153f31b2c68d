/**
 * What a query reads: each of its log groups' events in the time range, from the store's
 * keyset scans, as the engine's LogRecords. The query's leading `like` filters become the
 * scan's `contains`, so a store with a search index reads only events that may match; the
 * events it passes over still count as scanned, as they would on AWS.
 */
import {
  requiredMessageSubstrings,
  type CompiledQuery,
  type LogRecord,
} from '../../../engine/logs-insights/index.js';
import { EVENT_OVERHEAD_BYTES } from '../../../engine/logs-insights/limits.js';
import type { StoredLogEvent } from '../../../store/log-events.js';
import type { Scope } from '../../../store/types.js';
import type { LogsDeps } from '../deps.js';
import { encodePointer } from './pointers.js';

/** A stored event as the engine reads it; its pointer is only written if a row shows it. */
class FedRecord implements LogRecord {
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly logStream: string;
  private readonly seq: number;

  constructor(
    event: StoredLogEvent,
    private readonly scope: Scope,
    private readonly group: string,
    readonly log: string,
  ) {
    this.timestamp = event.timestamp;
    this.ingestionTime = event.ingestionTime;
    this.message = event.message;
    this.logStream = event.logStreamName;
    this.seq = event.seq;
  }

  get ptr(): string {
    return encodePointer({
      scope: this.scope,
      logGroupName: this.group,
      logStreamName: this.logStream,
      timestamp: this.timestamp,
      seq: this.seq,
    });
  }
}

export interface QueryFeed {
  batches: AsyncIterable<LogRecord[]>;
  /** Events (and their bytes, as the engine counts them) the search index passed over. */
  skipped: { records: number; bytes: number };
  /** Groups read so far. */
  groupsScanned: number;
}

export function queryFeed(
  deps: LogsDeps,
  scope: Scope,
  groups: readonly string[],
  query: CompiledQuery,
  window: { startMs: number; endMsExclusive: number },
): QueryFeed {
  const contains = requiredMessageSubstrings(query.ast.commands);
  const feed: QueryFeed = {
    skipped: { records: 0, bytes: 0 },
    groupsScanned: 0,
    batches: {
      async *[Symbol.asyncIterator]() {
        for (const group of groups) {
          feed.groupsScanned++;
          const log = `${scope.accountId}:${group}`;
          const scan = deps.store.logEvents.scanGroup(scope, group, {
            startTime: window.startMs,
            endTime: window.endMsExclusive,
            ...(contains.length > 0
              ? {
                  contains,
                  onSkipped: (events: number, bytes: number) => {
                    feed.skipped.records += events;
                    feed.skipped.bytes += bytes + events * EVENT_OVERHEAD_BYTES;
                  },
                }
              : {}),
          });
          for await (const batch of scan) {
            yield batch.map((event) => new FedRecord(event, scope, group, log));
          }
        }
      },
    },
  };
  return feed;
}
