/** A binary min-heap of due instants: O(log n) push and pop, no timer per entry. */
export interface HeapItem {
  at: number;
  key: string;
  /** The entry's generation when pushed; a newer generation makes this item stale. */
  gen: number;
  /**
   * Set on the one item that stands for every instant of the entry from `skippedFromMs`
   * through `at`, past the cap one clock move fires (see Scheduler.MAX_FIRED_PER_MOVE).
   */
  skippedFromMs?: number;
}

export class InstantHeap {
  readonly #items: HeapItem[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): HeapItem | undefined {
    return this.#items[0];
  }

  push(item: HeapItem): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as HeapItem, items[parent] as HeapItem)) break;
      [items[i], items[parent]] = [items[parent] as HeapItem, items[i] as HeapItem];
      i = parent;
    }
  }

  pop(): HeapItem | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && before(items[left] as HeapItem, items[smallest] as HeapItem)) {
        smallest = left;
      }
      if (right < items.length && before(items[right] as HeapItem, items[smallest] as HeapItem)) {
        smallest = right;
      }
      if (smallest === i) break;
      [items[i], items[smallest]] = [items[smallest] as HeapItem, items[i] as HeapItem];
      i = smallest;
    }
    return top;
  }

  clear(): void {
    this.#items.length = 0;
  }
}

/** Earlier instant first; ties by key so firing order is deterministic. */
function before(a: HeapItem, b: HeapItem): boolean {
  return a.at < b.at || (a.at === b.at && a.key < b.key);
}
