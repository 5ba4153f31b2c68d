/**
 * The order of log events, (timestamp, seq), and the translation of a read's options into
 * one open interval of positions, shared by every store so they select exactly alike.
 *
 * Every bound becomes a position: startTime t means "after (t, 0)" and endTime t means
 * "before (t, 0)", which is exact because seq starts at 1. A read is then always
 * `after < (timestamp, seq) < before`, one index range in SQL and two binary searches in
 * memory, whatever mix of time bounds and cursor the caller gave.
 */
import { prefixUpperBound } from './ids.js';
import type { GroupScanOptions, LogCursor, StreamReadOptions } from './log-events.js';

/** Events a scan yields per batch (and reads per SQL query). */
export const SCAN_BATCH = 1_000;

/** Sentinels that stay integers in every SQL engine (PostgreSQL `bigint` included). */
const FIRST: LogCursor = { timestamp: Number.MIN_SAFE_INTEGER, seq: 0 };
const LAST: LogCursor = { timestamp: Number.MAX_SAFE_INTEGER, seq: 0 };

export interface PositionRange {
  /** Exclusive. */
  after: LogCursor;
  /** Exclusive. */
  before: LogCursor;
}

export function comparePositions(a: LogCursor, b: LogCursor): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

function later(a: LogCursor, b: LogCursor): LogCursor {
  return comparePositions(a, b) >= 0 ? a : b;
}

function earlier(a: LogCursor, b: LogCursor): LogCursor {
  return comparePositions(a, b) <= 0 ? a : b;
}

function timeRange(startTime: number | undefined, endTime: number | undefined): PositionRange {
  return {
    after: startTime === undefined ? FIRST : later(FIRST, { timestamp: startTime, seq: 0 }),
    before: endTime === undefined ? LAST : earlier(LAST, { timestamp: endTime, seq: 0 }),
  };
}

export function streamRange(options: StreamReadOptions): PositionRange {
  const range = timeRange(options.startTime, options.endTime);
  const from = options.from;
  if (from === undefined) return range;
  return options.ascending
    ? { after: later(range.after, from), before: range.before }
    : { after: range.after, before: earlier(range.before, from) };
}

export function groupRange(options: GroupScanOptions): PositionRange {
  const range = timeRange(options.startTime, options.endTime);
  return options.from === undefined
    ? range
    : { after: later(range.after, options.from), before: range.before };
}

export function isEmptyRange(range: PositionRange): boolean {
  return comparePositions(range.after, range.before) >= 0;
}

/** `undefined` for "no limit"; otherwise a whole number, never negative. */
export function normalizeEventLimit(limit: number): number | undefined {
  if (!Number.isFinite(limit)) return limit < 0 ? 0 : undefined;
  return Math.max(0, Math.floor(limit));
}

/**
 * Which streams a scan covers, as a test on the name; `undefined` when it covers every
 * stream. With both a list and a prefix, a stream must satisfy both.
 */
export function streamFilter(options: GroupScanOptions): ((name: string) => boolean) | undefined {
  const names = options.logStreamNames === undefined ? undefined : new Set(options.logStreamNames);
  const prefix = options.logStreamNamePrefix ?? '';
  if (names === undefined && prefix === '') return undefined;
  return (name) => (names === undefined || names.has(name)) && name.startsWith(prefix);
}

/**
 * A batch in (timestamp, seq) order. SQL aggregates are fed the rows of an ordered LIMIT
 * subquery in order in practice, but SQL does not promise it, and a scan's cursor is
 * taken from a batch's last event.
 */
export function inPositionOrder<E extends LogCursor>(batch: E[]): E[] {
  for (let i = 1; i < batch.length; i++) {
    if (comparePositions(batch[i - 1]!, batch[i]!) > 0) return batch.sort(comparePositions);
  }
  return batch;
}

/**
 * How a SQL store finds the streams a filtered scan reads: by name (a list, already
 * narrowed to the prefix), or as the name range [prefix, upper) (no upper bound when
 * `upper` is undefined) whose rows it keeps when they start with the prefix. `undefined`
 * when the scan reads every stream.
 */
export type StreamChoice =
  { kind: 'names'; names: string[] } | { kind: 'range'; prefix: string; upper: string | undefined };

export function streamChoice(options: GroupScanOptions): StreamChoice | undefined {
  const prefix = options.logStreamNamePrefix ?? '';
  if (options.logStreamNames !== undefined) {
    return { kind: 'names', names: options.logStreamNames.filter((n) => n.startsWith(prefix)) };
  }
  if (prefix === '') return undefined;
  return { kind: 'range', prefix, upper: prefixUpperBound(prefix) };
}
