/**
 * Turns checked commands into a pipeline: runs of row stages (fields, display, filter,
 * parse) separated by sinks (stats, sort, dedup, limit), plus the columns the result
 * rows show.
 *
 * Ordering rules: rows of log events that reach a `limit` or `dedup` unsorted, or the end
 * of a query that never sorts, are taken newest first ("the default descending sort order
 * using @timestamp"); a sort directly followed by a limit keeps only that many rows as it
 * goes (top-K), so memory stays bounded however many events match.
 */
import type { Command, QueryAst } from '../ast.js';
import { DEFAULT_RESULT_LIMIT, MAX_RESULT_LIMIT } from '../limits.js';
import { isTruthy } from '../values.js';
import type { CompileContext, Evaluator } from './context.js';
import { compileExpression } from './expressions.js';
import { type RowStage, compileParse } from './parse.js';
import { DedupSink, LimitSink, type Sink, SortSink, type SortSpec, TopKSink } from './sinks.js';
import { compileStats } from './stats.js';

export type StageFactory = (nextSeq: () => number) => RowStage;
export type SinkFactory = () => Sink;

export interface Segment {
  stages: StageFactory[];
  /** Absent only for the last segment when nothing blocks at the end. */
  sink?: SinkFactory;
}

export interface Pipeline {
  segments: Segment[];
  /** Result columns, in order (@ptr is added to rows of log events). */
  columns: string[];
  statsCount: number;
}

const NEWEST_FIRST = (ctx: CompileContext): SortSpec => ({
  keys: [
    compileExpression(
      { type: 'field', name: '@timestamp', segments: ['@timestamp'], start: 0, end: 0 },
      ctx,
    ),
  ],
  descending: [true],
});

/**
 * `requestedLimit` is StartQuery's `limit`. Without it a query returns up to 10,000 rows,
 * or as many as its own `limit` asks for (up to 100,000).
 */
export function compilePipeline(
  ast: QueryAst,
  ctx: CompileContext,
  requestedLimit?: number,
): Pipeline {
  const ownLimit = ast.commands.some((c) => c.kind === 'limit');
  const resultLimit = requestedLimit ?? (ownLimit ? MAX_RESULT_LIMIT : DEFAULT_RESULT_LIMIT);
  const segments: Segment[] = [{ stages: [] }];
  const current = () => segments.at(-1)!;
  const close = (sink: SinkFactory) => {
    current().sink = sink;
    segments.push({ stages: [] });
  };
  let eventRows = true;
  let sorted = false;
  let statsCount = 0;
  const commands = ast.commands;
  for (let i = 0; i < commands.length; i++) {
    const cmd = commands[i]!;
    switch (cmd.kind) {
      case 'fields':
      case 'display': {
        // `fields @timestamp, x` shows fields as they are: only new values need storing.
        const items = cmd.items
          .filter(
            (p) =>
              !(p.expr.type === 'field' && p.expr.segments.length === 1 && p.expr.name === p.name),
          )
          .map((p) => ({ name: p.name, evaluate: compileExpression(p.expr, ctx) }));
        if (items.length > 0) current().stages.push(() => assignStage(items));
        break;
      }
      case 'filter': {
        const test = compileExpression(cmd.expr, ctx);
        current().stages.push(() => (row, emit) => {
          if (isTruthy(test(row))) emit(row);
        });
        break;
      }
      case 'parse': {
        const plan = compileParse(cmd, ctx);
        current().stages.push((nextSeq) => plan.stage(nextSeq));
        break;
      }
      case 'stats': {
        const plan = compileStats(cmd, ctx);
        close(() => {
          const groups = plan.create();
          return {
            add: (r) => groups.add(r),
            rows: () => groups.rows(),
            done: false,
            get size() {
              return groups.size;
            },
          };
        });
        eventRows = false;
        sorted = false;
        statsCount++;
        break;
      }
      case 'sort': {
        const spec: SortSpec = {
          keys: cmd.keys.map((k) => compileExpression(k.expr, ctx)),
          descending: cmd.keys.map((k) => k.descending),
        };
        const next = commands[i + 1];
        if (next?.kind === 'limit' && !next.any) {
          const k = Math.min(next.count, resultLimit);
          close(() => new TopKSink(spec, k));
          i++;
        } else if (onlyReshapes(commands.slice(i + 1))) {
          // Nothing after changes how many rows there are: only the first resultLimit matter.
          close(() => new TopKSink(spec, resultLimit));
        } else close(() => new SortSink(spec));
        sorted = true;
        break;
      }
      case 'limit': {
        const n = Math.min(cmd.count, resultLimit);
        if (cmd.any) close(() => new LimitSink(n, true));
        else if (eventRows && !sorted) close(() => new TopKSink(NEWEST_FIRST(ctx), n));
        else close(() => new LimitSink(n, false));
        if (eventRows) sorted = true;
        break;
      }
      case 'dedup': {
        if (eventRows && !sorted) close(() => new SortSink(NEWEST_FIRST(ctx)));
        const fields: Evaluator[] = cmd.fields.map((f) => compileExpression(f, ctx));
        close(() => new DedupSink(fields));
        sorted = true;
        break;
      }
    }
  }
  // Every query returns at most resultLimit rows; rows of events come newest first.
  if (eventRows && !sorted) close(() => new TopKSink(NEWEST_FIRST(ctx), resultLimit));
  else close(() => new LimitSink(resultLimit, false));
  segments.pop();
  return { segments, columns: resultColumns(commands), statsCount };
}

/** Whether `commands` keep every row they get, one for one (fields and display). */
function onlyReshapes(commands: readonly Command[]): boolean {
  return commands.every((c) => c.kind === 'fields' || c.kind === 'display');
}

/** `fields` and `display` compute every item from the row as it came in, then set them. */
function assignStage(items: { name: string; evaluate: Evaluator }[]): RowStage {
  return (row, emit) => {
    const values = items.map((item) => item.evaluate(row));
    for (let i = 0; i < items.length; i++) row.set(items[i]!.name, values[i]!);
    emit(row);
  };
}

/**
 * What rows show: the last `display`'s items; else every field `fields`, `parse` and the
 * last `stats` made, in order; a query that names none shows @timestamp and @message
 * (with what `parse` extracted).
 */
export function resultColumns(commands: readonly Command[]): string[] {
  let columns: string[] = [];
  let named = false;
  let display: string[] | undefined;
  const add = (name: string) => {
    if (!columns.includes(name)) columns.push(name);
  };
  for (const cmd of commands) {
    if (cmd.kind === 'fields') {
      named = true;
      cmd.items.forEach((p) => add(p.name));
    } else if (cmd.kind === 'parse') {
      cmd.aliases.forEach(add);
    } else if (cmd.kind === 'stats') {
      named = true;
      columns = [];
      [...cmd.by, ...cmd.items].forEach((p) => add(p.name));
    } else if (cmd.kind === 'display') {
      display = cmd.items.map((p) => p.name);
    }
  }
  if (display) return display;
  return named
    ? columns
    : ['@timestamp', '@message', ...columns.filter((c) => c !== '@timestamp' && c !== '@message')];
}
