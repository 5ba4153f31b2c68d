/**
 * A group scan that skips what cannot match: `contains` (substrings every wanted event has)
 * turned into a plan over the group's granule summaries, and the candidate granules read
 * back in the scan's order, (timestamp, seq). Shared by the SQLite and memory stores; each
 * supplies its granules and a way to load one granule's events.
 */
import type { LogCursor, StoredLogEvent } from '../log-events.js';
import { SCAN_BATCH, comparePositions, type PositionRange } from '../log-order.js';
import { MIN_INDEXED_LENGTH, mayContain, requiredBits, type Granule } from './granules.js';

export interface SearchTerms {
  /** Every non-empty substring asked for. */
  readonly substrings: readonly string[];
  /** The summary bits each long-enough substring needs, merged: all must be set. */
  readonly bits: readonly number[];
}

/** The terms of a scan's `contains`, or undefined when it asks for nothing. */
export function searchTerms(contains: readonly string[] | undefined): SearchTerms | undefined {
  const substrings = [...new Set((contains ?? []).filter((s) => s.length > 0))];
  if (substrings.length === 0) return undefined;
  const bits = new Set<number>();
  for (const s of substrings) {
    if (s.length >= MIN_INDEXED_LENGTH) for (const b of requiredBits(s)) bits.add(b);
  }
  return { substrings, bits: [...bits] };
}

export function containsAll(message: string, terms: SearchTerms): boolean {
  for (const s of terms.substrings) if (!message.includes(s)) return false;
  return true;
}

export type SkipListener = (events: number, bytes: number) => void;

/** A plain scan's batches with the events lacking a term taken out (and counted). */
export async function* filterScan(
  scan: AsyncIterable<StoredLogEvent[]>,
  terms: SearchTerms,
  onSkipped: SkipListener | undefined,
): AsyncIterable<StoredLogEvent[]> {
  for await (const batch of scan) {
    let skipped = 0;
    let bytes = 0;
    const kept: StoredLogEvent[] = [];
    for (const event of batch) {
      if (containsAll(event.message, terms)) kept.push(event);
      else {
        skipped++;
        if (onSkipped) bytes += Buffer.byteLength(event.message, 'utf8');
      }
    }
    if (skipped > 0) onSkipped?.(skipped, bytes);
    if (kept.length > 0) yield kept;
  }
}

/** A granule as a store lists it for planning: its summary and how to read its events. */
export interface IndexedGranule extends Omit<Granule, 'bits'> {
  /** The summary's bits start at `offset` of `bits` (several granules may share a buffer). */
  bits: Uint8Array;
  offset: number;
  /** Every event of the granule, in any order; called inside the store's read step. */
  load(): StoredLogEvent[];
}

export interface SearchPlan {
  /** Granules that may hold a match and overlap the range, by their first position. */
  candidates: IndexedGranule[];
  /** Granules that cannot match but lie partly outside the range: read to count. */
  straddling: IndexedGranule[];
  /** Events (and bytes) of granules that cannot match and lie wholly inside the range. */
  skippedEvents: number;
  skippedBytes: number;
  /** Events of the granules overlapping the range (an upper bound of the range's events). */
  overlapping: number;
  /** Events of the candidates. */
  candidateEvents: number;
}

/**
 * Decides which granules a scan reads, one granule at a time and without allocating for
 * the many it rules out (a million events are some 60,000 granules). A granule's events
 * all lie between (minTimestamp, firstSeq) and (maxTimestamp, lastSeq), so those two
 * positions decide overlap conservatively.
 */
export class SearchPlanner {
  readonly plan: SearchPlan = {
    candidates: [],
    straddling: [],
    skippedEvents: 0,
    skippedBytes: 0,
    overlapping: 0,
    candidateEvents: 0,
  };

  constructor(
    private readonly range: PositionRange,
    private readonly terms: SearchTerms,
  ) {}

  /**
   * Classifies one granule; `ref` is called only for a granule the scan must read
   * (a candidate, or one to count that straddles the range).
   */
  consider(
    bits: Uint8Array,
    offset: number,
    minTimestamp: number,
    firstSeq: number,
    maxTimestamp: number,
    lastSeq: number,
    count: number,
    bytes: number,
    ref: () => IndexedGranule,
  ): void {
    const { after, before } = this.range;
    // last <= after, or first >= before: no overlap.
    if (
      maxTimestamp < after.timestamp ||
      (maxTimestamp === after.timestamp && lastSeq <= after.seq)
    ) {
      return;
    }
    if (
      minTimestamp > before.timestamp ||
      (minTimestamp === before.timestamp && firstSeq >= before.seq)
    ) {
      return;
    }
    const plan = this.plan;
    plan.overlapping += count;
    if (mayContain(bits, offset, this.terms.bits)) {
      plan.candidates.push(ref());
      plan.candidateEvents += count;
      return;
    }
    const inside =
      (minTimestamp > after.timestamp ||
        (minTimestamp === after.timestamp && firstSeq > after.seq)) &&
      (maxTimestamp < before.timestamp ||
        (maxTimestamp === before.timestamp && lastSeq < before.seq));
    if (inside) {
      plan.skippedEvents += count;
      plan.skippedBytes += bytes;
    } else {
      plan.straddling.push(ref());
    }
  }

  /** The plan, its candidates in order of their first position. */
  finish(): SearchPlan {
    this.plan.candidates.sort((a, b) => a.minTimestamp - b.minTimestamp || a.firstSeq - b.firstSeq);
    return this.plan;
  }
}

/** Plans over granules already held as objects (the memory store). */
export function planSearch(
  granules: Iterable<IndexedGranule>,
  range: PositionRange,
  terms: SearchTerms,
): SearchPlan {
  const planner = new SearchPlanner(range, terms);
  for (const g of granules) {
    planner.consider(
      g.bits,
      g.offset,
      g.minTimestamp,
      g.firstSeq,
      g.maxTimestamp,
      g.lastSeq,
      g.count,
      g.bytes,
      () => g,
    );
  }
  return planner.finish();
}

/**
 * Reads candidate granules back in (timestamp, seq) order: a k-way merge whose runs are
 * granules, each loaded once no unread granule can start before the merge's next event.
 * Events outside the range are dropped; events in it lacking a term are counted as skipped.
 */
export class CandidateMerge {
  private next = 0;
  private readonly heap: Array<{ events: StoredLogEvent[]; at: number }> = [];
  private after: LogCursor;

  constructor(
    private readonly candidates: readonly IndexedGranule[],
    private readonly range: PositionRange,
    private readonly terms: SearchTerms,
    private readonly skip: (events: number, bytes: number) => void,
  ) {
    this.after = range.after;
  }

  get done(): boolean {
    return this.heap.length === 0 && this.next >= this.candidates.length;
  }

  /** Up to `max` events after the last one returned; fewer only when the merge is done. */
  take(max: number): StoredLogEvent[] {
    const out: StoredLogEvent[] = [];
    while (out.length < max) {
      this.loadUpTo();
      const top = this.heap[0];
      if (!top) break;
      const event = top.events[top.at]!;
      out.push(event);
      this.after = event;
      top.at++;
      if (top.at === top.events.length) {
        const last = this.heap.pop()!;
        if (this.heap.length > 0) {
          this.heap[0] = last;
          this.siftDown(0);
        }
      } else {
        this.siftDown(0);
      }
    }
    return out;
  }

  /** Loads every granule that could hold an event before the heap's first. */
  private loadUpTo(): void {
    for (;;) {
      const candidate = this.candidates[this.next];
      if (!candidate) return;
      const top = this.heap[0];
      if (top) {
        const head = top.events[top.at]!;
        const start = { timestamp: candidate.minTimestamp, seq: candidate.firstSeq };
        if (comparePositions(start, head) > 0) return;
      }
      this.next++;
      const events = this.accept(candidate.load());
      if (events.length > 0) this.push(events);
    }
  }

  private accept(events: StoredLogEvent[]): StoredLogEvent[] {
    const kept: StoredLogEvent[] = [];
    let skipped = 0;
    let bytes = 0;
    for (const e of events) {
      if (comparePositions(e, this.after) <= 0 || comparePositions(e, this.range.before) >= 0) {
        continue;
      }
      if (containsAll(e.message, this.terms)) kept.push(e);
      else {
        skipped++;
        bytes += Buffer.byteLength(e.message, 'utf8');
      }
    }
    if (skipped > 0) this.skip(skipped, bytes);
    return kept.sort(comparePositions);
  }

  private push(events: StoredLogEvent[]): void {
    this.heap.push({ events, at: 0 });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(i, parent)) {
        this.swap(i, parent);
        i = parent;
      } else break;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < this.heap.length && this.less(l, min)) min = l;
      if (r < this.heap.length && this.less(r, min)) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }

  private less(i: number, j: number): boolean {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    return comparePositions(a.events[a.at]!, b.events[b.at]!) < 0;
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i]!;
    this.heap[i] = this.heap[j]!;
    this.heap[j] = t;
  }
}

/** Counts the in-range events of granules that cannot match but straddle the range. */
export function countStraddling(
  granules: readonly IndexedGranule[],
  range: PositionRange,
): { events: number; bytes: number } {
  let events = 0;
  let bytes = 0;
  for (const g of granules) {
    for (const e of g.load()) {
      if (comparePositions(e, range.after) <= 0 || comparePositions(e, range.before) >= 0) continue;
      events++;
      bytes += Buffer.byteLength(e.message, 'utf8');
    }
  }
  return { events, bytes };
}

/**
 * Whether reading the candidates beats a plain scan: a scan reads rows in index order in
 * big batches, a candidate read seeks once per granule, so the index pays only when it
 * leaves out most of the range.
 */
export function worthSearching(plan: SearchPlan): boolean {
  return plan.candidateEvents * 2 <= plan.overlapping;
}

/**
 * A group scan narrowed to the events holding `contains`: through the index when the plan
 * says it pays, else `plain` filtered. `plan` runs inside the store's read step (`read`);
 * undefined means the group does not exist. Shared by the stores with an index.
 */
export function narrowedScan(
  read: <R>(fn: () => R) => Promise<R>,
  plan: (terms: SearchTerms, range: PositionRange) => SearchPlan | undefined,
  range: PositionRange,
  options: { contains?: readonly string[]; onSkipped?: SkipListener },
  plain: AsyncIterable<StoredLogEvent[]>,
): AsyncIterable<StoredLogEvent[]> {
  const terms = searchTerms(options.contains);
  if (!terms) return plain;
  if (terms.bits.length === 0) return filterScan(plain, terms, options.onSkipped);
  const skipped = { events: 0, bytes: 0 };
  const skip = (events: number, bytes: number) => {
    skipped.events += events;
    skipped.bytes += bytes;
  };
  const flush = () => {
    if (skipped.events > 0) options.onSkipped?.(skipped.events, skipped.bytes);
    skipped.events = 0;
    skipped.bytes = 0;
  };
  return {
    async *[Symbol.asyncIterator]() {
      const planned = await read(() => plan(terms, range));
      if (!planned) return;
      if (!worthSearching(planned)) {
        yield* filterScan(plain, terms, options.onSkipped);
        return;
      }
      skip(planned.skippedEvents, planned.skippedBytes);
      if (options.onSkipped) {
        const straddling = await read(() => countStraddling(planned.straddling, range));
        skip(straddling.events, straddling.bytes);
      }
      const merge = new CandidateMerge(planned.candidates, range, terms, skip);
      for (;;) {
        const batch = await read(() => merge.take(SCAN_BATCH));
        flush();
        if (batch.length === 0) return;
        yield batch;
        if (merge.done) return;
      }
    },
  };
}
