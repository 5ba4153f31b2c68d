import { expect } from 'vitest';
import {
  type ExecutionOptions,
  type LogRecord,
  MalformedQueryError,
  type ResultRow,
  compileQuery,
} from '../../../src/engine/logs-insights/index.js';

/** 2024-01-01 12:00:00.000 UTC: the events' time base. */
export const BASE = Date.UTC(2024, 0, 1, 12, 0, 0);

let counter = 0;

/** A log event `offsetMs` after BASE in stream `s1` of group `/app`. */
export function event(message: string, offsetMs = 0, extra: Partial<LogRecord> = {}): LogRecord {
  counter++;
  return {
    timestamp: BASE + offsetMs,
    ingestionTime: BASE + offsetMs + 250,
    message,
    logStream: 's1',
    log: '123456789012:/app',
    ptr: `ptr-${counter}`,
    ...extra,
  };
}

export const WINDOW: ExecutionOptions = {
  startTime: BASE - 3_600_000,
  endTime: BASE + 3_600_000,
  now: BASE + 3_600_000,
};

/** Runs `query` over `records` (one batch) and returns the final rows. */
export function run(
  query: string,
  records: readonly LogRecord[],
  options: Partial<ExecutionOptions> = {},
): ResultRow[] {
  const execution = compileQuery(query).start({ ...WINDOW, ...options });
  execution.push(records);
  return execution.finish();
}

/** Rows as objects without @ptr, for readable expectations. */
export function table(
  query: string,
  records: readonly LogRecord[],
  options: Partial<ExecutionOptions> = {},
) {
  return run(query, records, options).map((row) =>
    Object.fromEntries(row.filter((f) => f.field !== '@ptr').map((f) => [f.field, f.value])),
  );
}

/** The value `expr` gives for one event (undefined when the row omits it). */
export function value(expr: string, message = 'm', offsetMs = 0): string | undefined {
  const rows = run(`fields ${expr} as v`, [event(message, offsetMs)]);
  return rows[0]!.find((f) => f.field === 'v')?.value;
}

/** The MalformedQueryError compiling `query` throws; fails when it compiles. */
export function rejection(query: string): MalformedQueryError {
  try {
    compileQuery(query);
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedQueryError);
    return e as MalformedQueryError;
  }
  expect.fail(`query ${JSON.stringify(query)} compiled`);
}
