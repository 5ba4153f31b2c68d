/**
 * Running a compiled query over log events: synchronously batch by batch
 * ({@link QueryExecution.push}), with statistics and partial results readable at any
 * time, and an async driver ({@link consume}) that slices the work so the event loop is
 * never held for long and a stop request is honoured between slices.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { QueryAst } from './ast.js';
import { CompileContext, type QueryWindow } from './exec/context.js';
import type { RowStage } from './exec/parse.js';
import { type Pipeline, compilePipeline } from './exec/pipeline.js';
import type { Sink } from './exec/sinks.js';
import { EVENT_OVERHEAD_BYTES } from './limits.js';
import { type LogRecord, Row } from './row.js';
import { formatValue } from './values.js';

export interface ResultField {
  field: string;
  value: string;
}

/** One row as GetQueryResults returns it. */
export type ResultRow = ResultField[];

export interface QueryStatistics {
  /** Events that passed the query's filters (before any stats, sort or limit). */
  recordsMatched: number;
  /** Events read from the log groups in the time range. */
  recordsScanned: number;
  /** Their size: each message's UTF-8 bytes plus the per-event overhead. */
  bytesScanned: number;
}

export interface ExecutionOptions extends QueryWindow {
  /** StartQuery's `limit`: at most this many rows (else 10,000, or the query's own `limit`). */
  limit?: number;
}

export class QueryExecution {
  private readonly pipeline: Pipeline;
  private readonly ctx: CompileContext;
  private readonly entry: RowStage;
  private readonly first: Sink;
  private seq = 0;
  private matchedThis = false;
  private finished: ResultRow[] | undefined;
  private readonly stats: QueryStatistics = {
    recordsMatched: 0,
    recordsScanned: 0,
    bytesScanned: 0,
  };

  constructor(ast: QueryAst, options: ExecutionOptions) {
    this.ctx = new CompileContext(ast.text, options);
    this.pipeline = compilePipeline(ast, this.ctx, options.limit);
    const segment = this.pipeline.segments[0]!;
    this.first = segment.sink!();
    const toSink = (row: Row) => {
      this.matchedThis = true;
      this.first.add(row);
    };
    this.entry = chain(segment.stages, this.nextSeq, toSink);
  }

  private readonly nextSeq = () => this.seq++;

  /** True once the query needs no more events (`limit any` is satisfied). */
  get done(): boolean {
    return this.finished !== undefined || this.first.done;
  }

  /** Runs a batch of events through the query, synchronously. */
  push(records: readonly LogRecord[]): void {
    if (this.finished) throw new Error('the query has finished');
    const stats = this.stats;
    for (const record of records) {
      if (this.first.done) return;
      stats.recordsScanned++;
      stats.bytesScanned += Buffer.byteLength(record.message, 'utf8') + EVENT_OVERHEAD_BYTES;
      this.matchedThis = false;
      this.entry(new Row(record, this.nextSeq()), noop);
      if (this.matchedThis) stats.recordsMatched++;
    }
  }

  statistics(): QueryStatistics {
    return { ...this.stats };
  }

  /**
   * The rows so far (partial while running, as GetQueryResults shows them). A query with
   * two stats commands shows nothing until the first aggregation is complete.
   */
  results(): ResultRow[] {
    if (this.finished) return this.finished;
    if (this.pipeline.statsCount > 1) return [];
    // Sorting every row so far on each GetQueryResults would hold the event loop: a query
    // that keeps more than this shows its rows when it completes.
    if (this.first.size > PARTIAL_RESULTS_MAX) return [];
    return this.render(this.first.rows());
  }

  /** Ends the input: the final rows. */
  finish(): ResultRow[] {
    if (!this.finished) this.finished = this.render(this.first.rows());
    return this.finished;
  }

  private render(firstRows: Row[]): ResultRow[] {
    let rows = firstRows;
    for (const segment of this.pipeline.segments.slice(1)) {
      const sink = segment.sink!();
      const entry = chain(segment.stages, this.nextSeq, (row) => sink.add(row));
      for (const row of rows) entry(row, noop);
      rows = sink.rows();
    }
    const columns = this.pipeline.columns;
    return rows.map((row) => {
      const out: ResultField[] = [];
      for (const field of columns) {
        const value = formatValue(row.get(field));
        if (value !== null) out.push({ field, value });
      }
      if (row.record && !columns.includes('@ptr'))
        out.push({ field: '@ptr', value: row.record.ptr });
      return out;
    });
  }
}

const noop = () => {};

/** The most rows (or groups) partial results are computed from. */
export const PARTIAL_RESULTS_MAX = 10_000;

/** Composes row stages into one function that ends in `last`. */
function chain(
  factories: readonly ((nextSeq: () => number) => RowStage)[],
  nextSeq: () => number,
  last: (row: Row) => void,
): RowStage {
  let next = last;
  for (let i = factories.length - 1; i >= 0; i--) {
    const stage = factories[i]!(nextSeq);
    const after = next;
    next = (row) => stage(row, after);
  }
  const run = next;
  return (row) => run(row);
}

export interface ConsumeOptions {
  /** StopQuery: checked between slices; the query ends Cancelled. */
  signal?: AbortSignal;
  /** Work done before giving the event loop a turn (default 20 ms). */
  sliceMs?: number;
  /** Called after each slice with the statistics so far. */
  onProgress?: (statistics: QueryStatistics) => void;
}

export type ConsumeOutcome = 'Complete' | 'Cancelled';

/**
 * A step between clock reads: this many events, or fewer when their messages are long
 * (events reach 256 KB), so a slice overshoots its time by little either way.
 */
const STEP_EVENTS = 512;
const STEP_CHARS = 1_000_000;

/** Where the step starting at `from` ends. */
function stepEnd(batch: readonly LogRecord[], from: number): number {
  let chars = 0;
  let i = from;
  const last = Math.min(batch.length, from + STEP_EVENTS);
  while (i < last) {
    chars += batch[i]!.message.length;
    i++;
    if (chars >= STEP_CHARS) break;
  }
  return i;
}

/**
 * Feeds every batch of `source` through the execution, yielding to the event loop at least
 * every `sliceMs` of work, and finishes it. Stops early when `limit any` is satisfied.
 */
export async function consume(
  execution: QueryExecution,
  source: AsyncIterable<readonly LogRecord[]> | Iterable<readonly LogRecord[]>,
  options: ConsumeOptions = {},
): Promise<ConsumeOutcome> {
  const sliceMs = options.sliceMs ?? 20;
  const { signal } = options;
  let sliceStart = performance.now();
  const breathe = async () => {
    options.onProgress?.(execution.statistics());
    await yieldToEventLoop();
    sliceStart = performance.now();
  };
  for await (const batch of source) {
    for (let i = 0; i < batch.length;) {
      if (signal?.aborted) return 'Cancelled';
      const end = stepEnd(batch, i);
      execution.push(i === 0 && end === batch.length ? batch : batch.slice(i, end));
      i = end;
      if (execution.done) break;
      if (performance.now() - sliceStart >= sliceMs) await breathe();
    }
    if (execution.done) break;
    if (performance.now() - sliceStart >= sliceMs) await breathe();
  }
  if (signal?.aborted) return 'Cancelled';
  execution.finish();
  options.onProgress?.(execution.statistics());
  return 'Complete';
}
