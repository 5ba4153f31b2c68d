/**
 * The memory store's search: granule summaries kept beside the events they cover (see
 * ../log-search/granules.ts), planned and merged by the shared search.
 */
import type { GroupScanOptions, StoredLogEvent } from '../log-events.js';
import { groupRange, streamFilter } from '../log-order.js';
import type { Granule } from '../log-search/granules.js';
import { narrowedScan, planSearch, type IndexedGranule } from '../log-search/search.js';
import type { Runner } from './collection.js';
import { copyEvent } from './copy-event.js';

export interface MemoryGranule extends Granule {
  stream: string;
  /** The stored events it covers (shared with the group's arrays, never handed out). */
  events: StoredLogEvent[];
}

/** A group scan narrowed by `options.contains` through the group's granules. */
export function searchingScan(
  run: Runner,
  granulesOf: () => readonly MemoryGranule[],
  options: GroupScanOptions,
  plain: AsyncIterable<StoredLogEvent[]>,
): AsyncIterable<StoredLogEvent[]> {
  const keep = streamFilter(options);
  return narrowedScan(
    (fn) => run.read(fn),
    (terms, range) =>
      planSearch(
        granulesOf()
          .filter((g) => !keep || keep(g.stream))
          .map((g): IndexedGranule => ({
            ...g,
            offset: 0,
            load: () => g.events.map(copyEvent),
          })),
        range,
        terms,
      ),
    groupRange(options),
    options,
    plain,
  );
}
