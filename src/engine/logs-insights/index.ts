/**
 * The CloudWatch Logs Insights query language (Logs Insights QL): query text to a checked
 * plan, and a plan run over log events to GetQueryResults rows and statistics. Knows
 * nothing of HTTP or the store; the Logs service feeds it events and maps its errors.
 *
 *   const query = compileQuery(text);                 // MalformedQueryError if not valid
 *   const run = query.start({ startTime, endTime, now, limit });
 *   const outcome = await consume(run, batches, { signal });  // 'Complete' | 'Cancelled'
 *   run.statistics(); run.results();                  // readable while running, too
 */
import type { QueryAst } from './ast.js';
import { checkQuery } from './check.js';
import { CompileContext } from './exec/context.js';
import { compilePipeline } from './exec/pipeline.js';
import { parseQueryText } from './parser/index.js';
import { type ExecutionOptions, QueryExecution } from './run.js';

export type { Command, Expr, QueryAst } from './ast.js';
export { MalformedQueryError } from './errors.js';
export * from './limits.js';
export type { LogRecord } from './row.js';
// For GetLogGroupFields and GetLogRecord: the fields Insights sees in an event, and how it
// writes a timestamp.
export { discoverJsonFields } from './json-discovery.js';
export { formatTimestamp } from './values.js';
// For the service: substrings a store's search index can look for.
export { requiredMessageSubstrings } from './required-substrings.js';
export {
  type ConsumeOptions,
  type ConsumeOutcome,
  type ExecutionOptions,
  QueryExecution,
  type QueryStatistics,
  type ResultField,
  type ResultRow,
  consume,
} from './run.js';

export interface CompiledQuery {
  readonly ast: QueryAst;
  /** The result columns (without @ptr), e.g. for the console's table header. */
  readonly columns: readonly string[];
  /** A run of this query over one time window. */
  start(options: ExecutionOptions): QueryExecution;
}

/** Parses and checks a query; throws MalformedQueryError with AWS's message and location. */
export function compileQuery(text: string): CompiledQuery {
  const ast = parseQueryText(text);
  checkQuery(ast);
  // Compiling once here finds what only compiling can (unknown functions, bad periods,
  // regexes) while StartQuery can still refuse the query.
  const dryRun = new CompileContext(text, { startTime: 0, endTime: 0, now: 0 });
  const { columns } = compilePipeline(ast, dryRun);
  return { ast, columns, start: (options) => new QueryExecution(ast, options) };
}
