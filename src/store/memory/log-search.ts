/**
 * The memory store's search: granule summaries kept beside the events they cover (see
 * ../log-search/granules.ts), planned and merged by the shared search.
 */
import type { GroupScanOptions, StoredLogEvent } from '../log-events.js';
import { SCAN_BATCH, groupRange, streamFilter } from '../log-order.js';
import type { Granule } from '../log-search/granules.js';
import {
  CandidateMerge,
  countStraddling,
  filterScan,
  planSearch,
  searchTerms,
  worthSearching,
  type IndexedGranule,
} from '../log-search/search.js';
import type { Runner } from './collection.js';

export interface MemoryGranule extends Granule {
  stream: string;
  /** The stored events it covers (shared with the group's arrays, never handed out). */
  events: StoredLogEvent[];
}

/**
 * A group scan that uses the granules when `contains` names a substring of three or more
 * characters and the summaries leave out most of the range; else `plain`, filtered.
 */
export function searchingScan(
  run: Runner,
  granulesOf: () => readonly MemoryGranule[],
  options: GroupScanOptions,
  plain: AsyncIterable<StoredLogEvent[]>,
): AsyncIterable<StoredLogEvent[]> {
  const terms = searchTerms(options.contains);
  if (!terms) return plain;
  if (terms.bits.length === 0) return filterScan(plain, terms, options.onSkipped);
  const range = groupRange(options);
  const keep = streamFilter(options);
  const skipped = { events: 0, bytes: 0 };
  const skip = (events: number, bytes: number) => {
    skipped.events += events;
    skipped.bytes += bytes;
  };
  return {
    async *[Symbol.asyncIterator]() {
      const plan = await run.read(() =>
        planSearch(
          granulesOf()
            .filter((g) => !keep || keep(g.stream))
            .map((g): IndexedGranule => ({
              ...g,
              offset: 0,
              load: () => g.events.map(copy),
            })),
          range,
          terms,
        ),
      );
      if (!worthSearching(plan)) {
        yield* filterScan(plain, terms, options.onSkipped);
        return;
      }
      skip(plan.skippedEvents, plan.skippedBytes);
      if (options.onSkipped) {
        const straddling = await run.read(() => countStraddling(plan.straddling, range));
        skip(straddling.events, straddling.bytes);
      }
      const merge = new CandidateMerge(plan.candidates, range, terms, skip);
      const flush = () => {
        if (skipped.events > 0) options.onSkipped?.(skipped.events, skipped.bytes);
        skipped.events = 0;
        skipped.bytes = 0;
      };
      for (;;) {
        const batch = await run.read(() => merge.take(SCAN_BATCH));
        flush();
        if (batch.length === 0) return;
        yield batch;
        if (merge.done) return;
      }
    },
  };
}

function copy(e: StoredLogEvent): StoredLogEvent {
  return {
    logStreamName: e.logStreamName,
    timestamp: e.timestamp,
    message: e.message,
    ingestionTime: e.ingestionTime,
    seq: e.seq,
  };
}
