/**
 * The `stats` functions. Each call in a stats item becomes one Aggregator per group; it
 * sees the group's rows one by one and answers its value at any time (partial results).
 */
import type { Expr } from '../ast.js';
import { naturalCompare, isSortable } from '../natural-sort.js';
import type { Row } from '../row.js';
import { TimeValue, type Value, formatValue, toNumber } from '../values.js';
import type { CompileContext, Evaluator } from './context.js';

export interface Aggregator {
  add(row: Row): void;
  result(): Value;
}

export type AggregatorFactory = () => Aggregator;

type Call = Extract<Expr, { type: 'call' }>;

export function aggregatorFor(
  call: Call,
  ctx: CompileContext,
  compile: (e: Expr) => Evaluator,
): AggregatorFactory {
  const name = call.name;
  const arity = (min: number, max: number) => {
    if (call.star || call.args.length < min || call.args.length > max) {
      throw ctx.error(`Invalid number of arguments for function ${name}`, call);
    }
  };
  if (name === 'count') {
    if (call.star || call.args.length === 0) return countAll;
    arity(1, 1);
    const arg = compile(call.args[0]!);
    return () => new Count(arg);
  }
  if (name === 'pct') {
    arity(2, 2);
    const p = call.args[1]!;
    if (p.type !== 'literal' || typeof p.value !== 'number' || p.value < 0 || p.value > 100) {
      throw ctx.error('pct needs a percentile between 0 and 100', p);
    }
    const arg = compile(call.args[0]!);
    const percent = p.value;
    return () => new Percentile(arg, percent);
  }
  arity(1, 1);
  const arg = compile(call.args[0]!);
  switch (name) {
    case 'count_distinct':
      return () => new CountDistinct(arg);
    case 'sum':
      return () => new Sum(arg, false);
    case 'avg':
      return () => new Sum(arg, true);
    case 'stddev':
      return () => new StdDev(arg);
    case 'min':
      return () => new Extreme(arg, -1);
    case 'max':
      return () => new Extreme(arg, 1);
    case 'sortsfirst':
      return () => new Sorts(arg, -1);
    case 'sortslast':
      return () => new Sorts(arg, 1);
    case 'earliest':
      return () => new ByTime(arg, -1);
    case 'latest':
      return () => new ByTime(arg, 1);
    default:
      throw ctx.error(`unexpected symbol found ${name}`, call);
  }
}

const countAll: AggregatorFactory = () => {
  let n = 0;
  return {
    add: () => {
      n++;
    },
    result: () => n,
  };
};

class Count implements Aggregator {
  private n = 0;
  constructor(private readonly arg: Evaluator) {}
  add(row: Row) {
    if (this.arg(row) !== null) this.n++;
  }
  result() {
    return this.n;
  }
}

/** Exact: AWS approximates at very high cardinality; teiki's volumes allow an exact set. */
class CountDistinct implements Aggregator {
  private readonly seen = new Set<string>();
  constructor(private readonly arg: Evaluator) {}
  add(row: Row) {
    const v = formatValue(this.arg(row));
    if (v !== null) this.seen.add(v);
  }
  result() {
    return this.seen.size;
  }
}

class Sum implements Aggregator {
  private total = 0;
  private n = 0;
  constructor(
    private readonly arg: Evaluator,
    private readonly average: boolean,
  ) {}
  add(row: Row) {
    const x = toNumber(this.arg(row));
    if (x === null) return;
    this.total += x;
    this.n++;
  }
  result() {
    if (this.n === 0) return null;
    return this.average ? this.total / this.n : this.total;
  }
}

/** Sample standard deviation (n − 1), by Welford's method; one value gives 0. */
class StdDev implements Aggregator {
  private n = 0;
  private mean = 0;
  private m2 = 0;
  constructor(private readonly arg: Evaluator) {}
  add(row: Row) {
    const x = toNumber(this.arg(row));
    if (x === null) return;
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  result() {
    if (this.n === 0) return null;
    return this.n === 1 ? 0 : Math.sqrt(this.m2 / (this.n - 1));
  }
}

/** min/max: over the numeric values when there are any, else in sort order. */
class Extreme implements Aggregator {
  private best: Value = null;
  private bestNumber: number | null = null;
  private numeric: Value = null;
  constructor(
    private readonly arg: Evaluator,
    private readonly sign: 1 | -1,
  ) {}
  add(row: Row) {
    const v = this.arg(row);
    if (!isSortable(v)) return;
    const n = toNumber(v);
    if (n !== null) {
      if (this.bestNumber === null || (n - this.bestNumber) * this.sign > 0) {
        this.bestNumber = n;
        this.numeric = v;
      }
    } else if (this.best === null || naturalCompare(v, this.best) * this.sign > 0) {
      this.best = v;
    }
  }
  result() {
    if (this.numeric !== null)
      return typeof this.numeric === 'string' ? this.bestNumber : this.numeric;
    return this.best;
  }
}

class Sorts implements Aggregator {
  private best: Value = null;
  constructor(
    private readonly arg: Evaluator,
    private readonly sign: 1 | -1,
  ) {}
  add(row: Row) {
    const v = this.arg(row);
    if (isSortable(v) && (this.best === null || naturalCompare(v, this.best) * this.sign > 0)) {
      this.best = v;
    }
  }
  result() {
    return this.best;
  }
}

/**
 * earliest/latest: the value from the event with the earliest (latest) timestamp. A
 * timestamp comes back as epoch milliseconds, as the real service answers
 * `earliest(@timestamp)`.
 */
class ByTime implements Aggregator {
  private at: number | null = null;
  private value: Value = null;
  constructor(
    private readonly arg: Evaluator,
    private readonly sign: 1 | -1,
  ) {}
  add(row: Row) {
    const ts = row.timestamp;
    if (ts === undefined) return;
    const v = this.arg(row);
    if (v === null) return;
    if (this.at === null || (ts - this.at) * this.sign > 0) {
      this.at = ts;
      this.value = v instanceof TimeValue ? v.ms : v;
    }
  }
  result() {
    return this.value;
  }
}

/** Nearest-rank percentile over the numeric values (AWS documents no method). */
class Percentile implements Aggregator {
  private values = new Float64Array(16);
  private n = 0;
  private sorted = true;
  constructor(
    private readonly arg: Evaluator,
    private readonly percent: number,
  ) {}
  add(row: Row) {
    const x = toNumber(this.arg(row));
    if (x === null) return;
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.n * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.n++] = x;
    this.sorted = false;
  }
  result() {
    if (this.n === 0) return null;
    if (!this.sorted) {
      this.values.subarray(0, this.n).sort();
      this.sorted = true;
    }
    const rank = Math.max(1, Math.ceil((this.percent / 100) * this.n));
    return this.values[rank - 1]!;
  }
}
