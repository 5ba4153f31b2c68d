/** A pending virtual sleep. */
export interface Sleeper {
  atMs: number;
  /** Registration order, which breaks ties between equal instants. */
  seq: number;
  wake(): void;
  cancelled: boolean;
}

/**
 * A binary min-heap of sleepers by (instant, registration order). Aborted sleepers are
 * marked and dropped lazily; the heap is rebuilt when they make up most of it, so a
 * caller that keeps aborting far-future sleeps cannot make it grow without bound.
 */
export class SleeperQueue {
  private heap: Sleeper[] = [];
  private cancelled = 0;

  get size(): number {
    return this.heap.length - this.cancelled;
  }

  push(sleeper: Sleeper): void {
    this.heap.push(sleeper);
    this.up(this.heap.length - 1);
  }

  /** The earliest live sleeper, without removing it. */
  peek(): Sleeper | undefined {
    this.dropCancelledTop();
    return this.heap[0];
  }

  pop(): Sleeper | undefined {
    this.dropCancelledTop();
    return this.removeTop();
  }

  cancel(sleeper: Sleeper): void {
    if (sleeper.cancelled) return;
    sleeper.cancelled = true;
    this.cancelled++;
    if (this.cancelled > 64 && this.cancelled * 2 > this.heap.length) this.compact();
  }

  private dropCancelledTop(): void {
    while (this.heap[0]?.cancelled) {
      this.removeTop();
      this.cancelled--;
    }
  }

  private removeTop(): Sleeper | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top !== last && last !== undefined) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private compact(): void {
    const live = this.heap.filter((s) => !s.cancelled);
    this.heap = [];
    this.cancelled = 0;
    for (const sleeper of live) this.push(sleeper);
  }

  private up(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  private down(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}

function before(a: Sleeper, b: Sleeper): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}
