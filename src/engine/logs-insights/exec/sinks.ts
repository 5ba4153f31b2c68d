/**
 * The stages that must see every row before passing any on: sort (or its bounded form,
 * top-K, when a limit follows), dedup and limit. Each can report what it holds at any time,
 * which is how a running query shows partial results.
 */
import { isSortable, naturalCompare } from '../natural-sort.js';
import type { Row } from '../row.js';
import { TimeValue, type Value, formatValue } from '../values.js';
import type { Evaluator } from './context.js';

export interface Sink {
  add(row: Row): void;
  /** What the stage would pass on if the input ended now. */
  rows(): Row[];
  /** Set when the stage needs no more input (`limit any`). */
  readonly done: boolean;
  /** Rows (or groups) held: what `rows()` would cost. */
  readonly size: number;
}

export interface SortSpec {
  keys: Evaluator[];
  descending: boolean[];
}

interface Entry {
  row: Row;
  keys: Value[];
}

/** Missing values sort after present ones in either direction; ties keep arrival order. */
function entryComparator(spec: SortSpec): (a: Entry, b: Entry) => number {
  const n = spec.keys.length;
  const general = (a: Entry, b: Entry) => {
    for (let i = 0; i < n; i++) {
      const x = a.keys[i]!;
      const y = b.keys[i]!;
      const xs = isSortable(x);
      const ys = isSortable(y);
      if (!xs || !ys) {
        if (xs !== ys) return xs ? -1 : 1;
        continue;
      }
      const c = naturalCompare(x, y);
      if (c !== 0) return spec.descending[i] ? -c : c;
    }
    return a.row.seq - b.row.seq;
  };
  if (n !== 1) return general;
  // One timestamp key (`sort @timestamp desc`, the default order): compare the numbers.
  const sign = spec.descending[0] ? -1 : 1;
  return (a, b) => {
    const x = a.keys[0];
    const y = b.keys[0];
    if (x instanceof TimeValue && y instanceof TimeValue) {
      const c = x.ms - y.ms;
      return c !== 0 ? sign * c : a.row.seq - b.row.seq;
    }
    return general(a, b);
  };
}

function entryOf(spec: SortSpec, row: Row): Entry {
  return { row, keys: spec.keys.map((k) => k(row)) };
}

/** Every row, sorted when asked. */
export class SortSink implements Sink {
  readonly done = false;
  private readonly entries: Entry[] = [];
  private readonly compare: (a: Entry, b: Entry) => number;
  constructor(private readonly spec: SortSpec) {
    this.compare = entryComparator(spec);
  }
  get size() {
    return this.entries.length;
  }
  add(row: Row) {
    this.entries.push(entryOf(this.spec, row));
  }
  rows() {
    return [...this.entries].sort(this.compare).map((e) => e.row);
  }
}

/** The first `k` rows in sort order, holding never more than `k` (a max-heap of the kept). */
export class TopKSink implements Sink {
  readonly done = false;
  private readonly heap: Entry[] = [];
  private readonly compare: (a: Entry, b: Entry) => number;
  constructor(
    private readonly spec: SortSpec,
    private readonly k: number,
  ) {
    this.compare = entryComparator(spec);
  }

  get size() {
    return this.heap.length;
  }

  add(row: Row) {
    const entry = entryOf(this.spec, row);
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push(entry);
      this.up(heap.length - 1);
    } else if (this.compare(entry, heap[0]!) < 0) {
      // Most rows lose to the kept ones and stop at this one comparison.
      heap[0] = entry;
      this.down(0);
    }
  }

  rows() {
    return [...this.heap].sort(this.compare).map((e) => e.row);
  }

  private up(i: number) {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(heap[i]!, heap[parent]!) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private down(i: number) {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && this.compare(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < heap.length && this.compare(heap[r]!, heap[worst]!) > 0) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  }
}

/**
 * One row per combination of values, the first in the order rows arrive (sorted before
 * dedup); rows missing any of the fields are all kept ("Null values are not considered
 * duplicates").
 */
export class DedupSink implements Sink {
  readonly done = false;
  private readonly kept: Row[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly fields: Evaluator[]) {}
  get size() {
    return this.kept.length;
  }
  add(row: Row) {
    const parts: string[] = [];
    for (const f of this.fields) {
      const v = formatValue(f(row));
      if (v === null) {
        this.kept.push(row);
        return;
      }
      parts.push(v);
    }
    const id = parts.join('\u0001');
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.kept.push(row);
  }
  rows() {
    return [...this.kept];
  }
}

/** The first `n` rows in arrival order; with `any`, it asks for no more input once full. */
export class LimitSink implements Sink {
  private readonly kept: Row[] = [];
  constructor(
    private readonly n: number,
    private readonly stopsEarly: boolean,
  ) {}
  get done() {
    return this.stopsEarly && this.kept.length >= this.n;
  }
  get size() {
    return this.kept.length;
  }
  add(row: Row) {
    if (this.kept.length < this.n) this.kept.push(row);
  }
  rows() {
    return [...this.kept];
  }
}
