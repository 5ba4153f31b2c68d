import { scopeKey } from '../codec.js';
import type {
  GroupScanOptions,
  LogCursor,
  LogEventStore,
  NewLogEvent,
  StoredLogEvent,
  StreamAppend,
  StreamReadOptions,
} from '../log-events.js';
import {
  SCAN_BATCH,
  comparePositions,
  groupRange,
  isEmptyRange,
  normalizeEventLimit,
  streamFilter,
  streamRange,
} from '../log-order.js';
import type { Scope } from '../types.js';
import type { Runner } from './collection.js';
import { copyEvent } from './copy-event.js';
import { searchingScan, type MemoryGranule } from './log-search.js';
import { addToGranule, emptyGranule, isFull } from '../log-search/granules.js';

/**
 * A group keeps its events in the two orders the SQL stores keep as indexes: the whole
 * group by (timestamp, seq), which a scan walks from a binary-searched cursor whatever
 * its stream filter, and each stream by the same key, which a stream read slices. An
 * event object is shared by both arrays and never handed out (readers get copies).
 *
 * Chosen over per-stream arrays merged at scan time (k-way): a scan then re-seeks only
 * one array per batch, and picks up streams created mid-scan the way the SQL scan does.
 * The price is paid by the rare operations instead: deleting a stream filters the group
 * array.
 */
interface GroupEvents {
  all: StoredLogEvent[];
  streams: Map<string, StoredLogEvent[]>;
  /** The search index: every granule of the group, in the order they were opened. */
  granules: MemoryGranule[];
  /** Each stream's last granule, while it has room. */
  open: Map<string, MemoryGranule>;
}

export interface MemoryLogEvents {
  readonly port: LogEventStore;
  /** Drops every event; synchronous, for the store's reset and close. */
  clear(): void;
}

export function createMemoryLogEvents(run: Runner): MemoryLogEvents {
  /** scope key → group name → events. */
  const scopes = new Map<string, Map<string, GroupEvents>>();
  // Never reset, not even by `clear`: a cursor must not come to mean another event.
  let lastSeq = 0;

  function groupOf(scope: Scope, name: string): GroupEvents | undefined {
    return scopes.get(scopeKey(scope))?.get(name);
  }

  function ensureGroup(scope: Scope, name: string): GroupEvents {
    const key = scopeKey(scope);
    let groups = scopes.get(key);
    if (!groups) {
      groups = new Map();
      scopes.set(key, groups);
    }
    let group = groups.get(name);
    if (!group) {
      group = { all: [], streams: new Map(), granules: [], open: new Map() };
      groups.set(name, group);
    }
    return group;
  }

  function dropGroupIfEmpty(scope: Scope, name: string, group: GroupEvents): void {
    if (group.all.length > 0) return;
    const key = scopeKey(scope);
    const groups = scopes.get(key);
    groups?.delete(name);
    if (groups?.size === 0) scopes.delete(key);
  }

  function appendNow(append: StreamAppend, ingestionTime: number): StoredLogEvent[] {
    const { scope, logGroupName, logStreamName, events } = append;
    if (events.length === 0) return [];
    const stored = events.map((e): StoredLogEvent => ({
      logStreamName,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime,
      seq: ++lastSeq,
    }));
    const sorted = isSorted(stored) ? stored : [...stored].sort(comparePositions);
    const group = ensureGroup(scope, logGroupName);
    let stream = group.streams.get(logStreamName);
    if (!stream) {
      stream = [];
      group.streams.set(logStreamName, stream);
    }
    insertSorted(group.all, sorted);
    insertSorted(stream, sorted);
    index(group, logStreamName, stored);
    return stored.map(copyEvent);
  }

  const port: LogEventStore = {
    append: async (scope, logGroupName, logStreamName, events, ingestionTime) => {
      // Taken now, as the SQL stores bind them: later changes by the caller do not count.
      const incoming = snapshot(events);
      return run.write(() =>
        appendNow({ scope, logGroupName, logStreamName, events: incoming }, ingestionTime),
      );
    },

    appendMany: async (appends, ingestionTime) => {
      const incoming = appends.map((a) => ({ ...a, events: snapshot(a.events) }));
      return run.write(() => incoming.map((a) => appendNow(a, ingestionTime)));
    },

    readStream: (scope, logGroupName, logStreamName, options: StreamReadOptions) =>
      run.read(() => {
        const events = groupOf(scope, logGroupName)?.streams.get(logStreamName);
        const limit = normalizeEventLimit(options.limit) ?? Infinity;
        const range = streamRange(options);
        if (!events || limit === 0 || isEmptyRange(range)) return [];
        const start = firstAfter(events, range.after);
        const end = firstAtOrAfter(events, range.before);
        const out: StoredLogEvent[] = [];
        if (options.ascending) {
          for (let i = start; i < end && out.length < limit; i++) out.push(copyEvent(events[i]!));
        } else {
          for (let i = end - 1; i >= start && out.length < limit; i--) {
            out.push(copyEvent(events[i]!));
          }
        }
        return out;
      }),

    scanGroup: (scope, logGroupName, options: GroupScanOptions) =>
      searchingScan(
        run,
        () => groupOf(scope, logGroupName)?.granules ?? [],
        options,
        plainScan(scope, logGroupName, options),
      ),

    deleteStream: (scope, logGroupName, logStreamName) =>
      run.write(() => {
        const group = groupOf(scope, logGroupName);
        if (!group?.streams.delete(logStreamName)) return;
        group.all = group.all.filter((e) => e.logStreamName !== logStreamName);
        group.granules = group.granules.filter((g) => g.stream !== logStreamName);
        group.open.delete(logStreamName);
        dropGroupIfEmpty(scope, logGroupName, group);
      }),

    deleteGroup: (scope, logGroupName) =>
      run.write(() => {
        const key = scopeKey(scope);
        const groups = scopes.get(key);
        groups?.delete(logGroupName);
        if (groups?.size === 0) scopes.delete(key);
      }),

    expire: (scope, logGroupName, before) =>
      run.write(() => {
        const group = groupOf(scope, logGroupName);
        if (!group) return 0;
        const bound: LogCursor = { timestamp: before, seq: 0 };
        const removed = firstAtOrAfter(group.all, bound);
        if (removed === 0) return 0;
        group.all.splice(0, removed);
        for (const [name, events] of group.streams) {
          events.splice(0, firstAtOrAfter(events, bound));
          if (events.length === 0) group.streams.delete(name);
        }
        expireGranules(group, before);
        dropGroupIfEmpty(scope, logGroupName, group);
        return removed;
      }),
  };

  /** The scan without a search: a walk of the group's events from a binary-searched cursor. */
  function plainScan(
    scope: Scope,
    logGroupName: string,
    options: GroupScanOptions,
  ): AsyncIterable<StoredLogEvent[]> {
    const keep = streamFilter(options);
    const range = groupRange(options);
    return {
      async *[Symbol.asyncIterator]() {
        let after = range.after;
        for (;;) {
          const batch = await run.read(() => {
            const events = groupOf(scope, logGroupName)?.all;
            if (!events || comparePositions(after, range.before) >= 0) return [];
            // A fresh binary search each batch: the array may have changed in between.
            const out: StoredLogEvent[] = [];
            for (let i = firstAfter(events, after); i < events.length; i++) {
              const event = events[i]!;
              if (comparePositions(event, range.before) >= 0) break;
              if (keep && !keep(event.logStreamName)) continue;
              out.push(copyEvent(event));
              if (out.length === SCAN_BATCH) break;
            }
            return out;
          });
          if (batch.length === 0) return;
          yield batch;
          if (batch.length < SCAN_BATCH) return;
          after = batch[batch.length - 1]!;
        }
      },
    };
  }

  return { port, clear: () => scopes.clear() };
}

/** Adds a stream's new events (in seq order) to its granules. */
function index(group: GroupEvents, stream: string, stored: readonly StoredLogEvent[]): void {
  let open = group.open.get(stream);
  for (const event of stored) {
    if (!open || isFull(open)) {
      open = { ...emptyGranule(), stream, events: [] };
      group.granules.push(open);
      group.open.set(stream, open);
    }
    addToGranule(open, event);
    open.events.push(event);
  }
}

/** Drops granules whose events all expired and the expired events of the others. */
function expireGranules(group: GroupEvents, before: number): void {
  group.granules = group.granules.filter((g) => g.maxTimestamp >= before);
  for (const g of group.granules) {
    if (g.minTimestamp >= before) continue;
    g.events = g.events.filter((e) => e.timestamp >= before);
    g.count = g.events.length;
    g.bytes = g.events.reduce((sum, e) => sum + Buffer.byteLength(e.message, 'utf8'), 0);
    g.minTimestamp = Math.min(...g.events.map((e) => e.timestamp));
  }
  for (const [stream, open] of group.open) {
    if (!group.granules.includes(open)) group.open.delete(stream);
  }
}

function snapshot(events: readonly NewLogEvent[]): NewLogEvent[] {
  return events.map((e) => ({ timestamp: e.timestamp, message: e.message }));
}

function isSorted(events: readonly StoredLogEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    if (comparePositions(events[i - 1]!, events[i]!) > 0) return false;
  }
  return true;
}

/**
 * Adds `sorted` (whose seqs are all newer than the target's) keeping (timestamp, seq)
 * order. In-order appends, the common case, only push; otherwise only the tail from the
 * first displaced event is rewritten, so a batch that is a little late costs little.
 */
function insertSorted(target: StoredLogEvent[], sorted: readonly StoredLogEvent[]): void {
  const first = sorted[0];
  if (first === undefined) return;
  const last = target[target.length - 1];
  if (last === undefined || comparePositions(last, first) <= 0) {
    for (const event of sorted) target.push(event);
    return;
  }
  const tail = target.splice(firstAfter(target, first));
  let i = 0;
  let j = 0;
  while (i < tail.length && j < sorted.length) {
    target.push(comparePositions(tail[i]!, sorted[j]!) <= 0 ? tail[i++]! : sorted[j++]!);
  }
  while (i < tail.length) target.push(tail[i++]!);
  while (j < sorted.length) target.push(sorted[j++]!);
}

/** The first index whose event sorts strictly after `position`. */
function firstAfter(events: readonly StoredLogEvent[], position: LogCursor): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePositions(events[mid]!, position) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose event sorts at or after `position`. */
function firstAtOrAfter(events: readonly StoredLogEvent[], position: LogCursor): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePositions(events[mid]!, position) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
