import type { Command, Expr } from '../ast.js';
import { unknownAfterStats } from '../errors.js';
import { AGGREGATE_NAMES } from '../functions/index.js';
import { Row } from '../row.js';
import { TimeValue, type Value } from '../values.js';
import { type Aggregator, type AggregatorFactory, aggregatorFor } from './aggregates.js';
import type { CompileContext, Evaluator } from './context.js';
import { compileExpression } from './expressions.js';

type StatsCommand = Extract<Command, { kind: 'stats' }>;

/** A compiled `stats`: groups rows by its `by` values and aggregates each group. */
export interface StatsPlan {
  /** Output names, in row order: the `by` items, then the stats items. */
  names: string[];
  create(): StatsSink;
}

export interface StatsSink {
  add(row: Row): void;
  /** Groups so far. */
  readonly size: number;
  /** The groups as rows, now; adding more rows afterwards is allowed (partial results). */
  rows(): Row[];
}

const SLOT = '\u0000slot';

export function compileStats(cmd: StatsCommand, ctx: CompileContext): StatsPlan {
  const byNames = cmd.by.map((b) => b.name);
  const keyOf = cmd.by.map((b) => compileExpression(b.expr, ctx));
  const factories: AggregatorFactory[] = [];
  const plain = (e: Expr) => compileExpression(e, ctx);
  const known = new Set(byNames);
  const items: { name: string; evaluate: Evaluator }[] = [];
  for (const item of cmd.items) {
    const unknown = freeFields(item.expr).filter((f) => !known.has(f.name));
    if (unknown.length > 0) {
      throw unknownAfterStats(
        unknown.map((f) => f.name),
        unknown[0]!.start,
        unknown[0]!.end,
      );
    }
    let aggregates = 0;
    const evaluate = compileExpression(item.expr, ctx, (call) => {
      const slot = `${SLOT}${factories.length}`;
      factories.push(aggregatorFor(call, ctx, plain));
      aggregates++;
      return (row) => row.get(slot);
    });
    if (aggregates === 0 && !referencesAlias(item.expr, known)) {
      throw ctx.error(`stats needs an aggregate function in ${item.name}`, item.expr);
    }
    items.push({ name: item.name, evaluate });
    known.add(item.name);
  }
  const names = [...byNames, ...items.map((i) => i.name)];
  return { names, create: () => new Groups(keyOf, byNames, factories, items) };
}

interface Group {
  keys: Value[];
  aggregators: Aggregator[];
  latest: number;
  first: number;
}

/**
 * Groups come out newest first: by the latest event each holds, as Insights reads a log
 * group from its newest events (so `by bin(5m)` lists the latest bin first). Groups of rows
 * without events (a second stats) keep their input order.
 */
class Groups implements StatsSink {
  private readonly groups = new Map<string, Group>();
  private order = 0;

  constructor(
    private readonly keyOf: Evaluator[],
    private readonly byNames: string[],
    private readonly factories: AggregatorFactory[],
    private readonly items: { name: string; evaluate: Evaluator }[],
  ) {}

  get size(): number {
    return this.groups.size;
  }

  add(row: Row): void {
    const keys = this.keyOf.map((k) => k(row));
    const id = keys.length === 1 ? keyText(keys[0]!) : keys.map(keyText).join('\u0001');
    let group = this.groups.get(id);
    if (!group) {
      group = {
        keys,
        aggregators: this.factories.map((f) => f()),
        latest: -Infinity,
        first: this.order++,
      };
      this.groups.set(id, group);
    }
    const ts = row.timestamp;
    if (ts !== undefined && ts > group.latest) group.latest = ts;
    for (const a of group.aggregators) a.add(row);
  }

  rows(): Row[] {
    if (this.groups.size === 0 && this.byNames.length === 0) {
      // No `by`: one row even over no events (count 0).
      this.groups.set('', {
        keys: [],
        aggregators: this.factories.map((f) => f()),
        latest: -Infinity,
        first: 0,
      });
    }
    const groups = [...this.groups.values()].sort((a, b) =>
      b.latest === a.latest ? a.first - b.first : b.latest > a.latest ? 1 : -1,
    );
    return groups.map((g, i) => {
      const row = new Row(null, i);
      g.keys.forEach((k, j) => row.set(this.byNames[j]!, k));
      g.aggregators.forEach((a, j) => row.set(`${SLOT}${j}`, a.result()));
      for (const item of this.items) row.set(item.name, item.evaluate(row));
      return row;
    });
  }
}

function keyText(v: Value): string {
  if (v === null) return '\u0002';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v instanceof TimeValue) return `\u0003${v.ms}`;
  return JSON.stringify(v);
}

/** Field references outside aggregate calls: in a stats item they must name a `by` item or alias. */
export function freeFields(expr: Expr): Extract<Expr, { type: 'field' }>[] {
  const out: Extract<Expr, { type: 'field' }>[] = [];
  const visit = (e: Expr): void => {
    switch (e.type) {
      case 'field':
        out.push(e);
        return;
      case 'unary':
        return visit(e.arg);
      case 'binary':
        visit(e.left);
        return visit(e.right);
      case 'match':
        visit(e.arg);
        return visit(e.pattern);
      case 'in':
        visit(e.arg);
        return e.list.forEach(visit);
      case 'call':
        if (isAggregateName(e.name)) return;
        return e.args.forEach(visit);
      case 'member':
        return visit(e.object);
      case 'index':
        visit(e.object);
        return visit(e.index);
      default:
        return;
    }
  };
  visit(expr);
  return out;
}

function referencesAlias(expr: Expr, known: Set<string>): boolean {
  return freeFields(expr).some((f) => known.has(f.name));
}

function isAggregateName(name: string): boolean {
  return AGGREGATE_NAMES.has(name);
}
