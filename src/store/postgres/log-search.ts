/**
 * PostgreSQL's answer to a group scan's `contains`: the substrings are tested in SQL, on
 * the batch of the range the plain scan would read, so only matching events cross the
 * wire and are decoded, and the others are counted (with their messages' UTF-8 bytes) for
 * `onSkipped`. Every row of the range is still read by the server: this store has no
 * search index (the SQLite and memory stores' granule summaries have no counterpart here
 * yet; see docs/decisions.md).
 */
import { SCAN_BATCH } from '../log-order.js';

/**
 * A message's UTF-8 bytes as the caller gave it: the stored text's minus one for each
 * escaped U+0000 or U+0001 (two stored characters, one byte each, for one byte; see
 * text.ts). The pairs are removed left to right, which keeps to their boundaries since
 * U+0001 appears only at the start of one.
 */
const ORIGINAL_BYTES =
  'octet_length(message) - (char_length(message) - ' +
  "char_length(replace(replace(message, chr(1) || chr(1), ''), chr(1) || chr(2), ''))) / 2";

/**
 * Parameters: group_id, after (timestamp, seq), before (timestamp, seq), [stream ids],
 * limit, terms (text[]) → the matching events as JSON arrays of columns (NULL when none),
 * the rows read, the rows skipped and their bytes, and the last row's position.
 */
export function searchStatement(streams: boolean): string {
  let n = 0;
  const p = () => `$${++n}`;
  const where =
    `group_id = ${p()} AND (timestamp, seq) > (${p()}, ${p()}) ` +
    `AND (timestamp, seq) < (${p()}, ${p()})` +
    (streams ? ` AND stream_id = ANY(${p()}::bigint[])` : '');
  const limit = p();
  const terms = p();
  const kept = (column: string) => `json_agg(${column} ORDER BY timestamp, seq) FILTER (WHERE hit)`;
  const last = (column: string) => `(array_agg(${column} ORDER BY timestamp DESC, seq DESC))[1]`;
  return (
    `SELECT ${kept('timestamp')}, ${kept('seq')}, ${kept('stream_id')}, ` +
    `${kept('ingestion_time')}, ${kept('message')}, count(*), ` +
    `count(*) FILTER (WHERE NOT hit), ` +
    `coalesce(sum(${ORIGINAL_BYTES}) FILTER (WHERE NOT hit), 0)::bigint, ` +
    `${last('timestamp')}, ${last('seq')} ` +
    `FROM (SELECT timestamp, seq, stream_id, ingestion_time, message, ` +
    `NOT EXISTS (SELECT 1 FROM unnest(${terms}::text[]) AS t (term) ` +
    `WHERE strpos(message, t.term) = 0) AS hit ` +
    `FROM log_events WHERE ${where} ORDER BY timestamp, seq LIMIT ${limit}) AS batch`
  );
}

export interface SearchedBatch {
  /** Columns of the matching events, as the plain scan's. */
  columns: Array<unknown[] | null>;
  read: number;
  skipped: number;
  skippedBytes: number;
  last: { timestamp: number; seq: number } | undefined;
  /** Whether the range may hold more rows after `last`. */
  more: boolean;
}

export function searchedBatch(row: unknown[] | undefined): SearchedBatch {
  const [timestamps, seqs, streamIds, ingestionTimes, messages, read, skipped, bytes, ts, seq] =
    row ?? [];
  const count = (read as number | undefined) ?? 0;
  return {
    columns: [timestamps, seqs, streamIds, ingestionTimes, messages] as Array<unknown[] | null>,
    read: count,
    skipped: (skipped as number | undefined) ?? 0,
    skippedBytes: (bytes as number | undefined) ?? 0,
    last: count > 0 ? { timestamp: ts as number, seq: seq as number } : undefined,
    more: count === SCAN_BATCH,
  };
}

/**
 * The terms SQL can test on stored text: a term holding U+0000, U+0001 or U+0002 could
 * match across an escape (text.ts), so it is left to the caller's own test of each event.
 */
export function sqlTerms(substrings: readonly string[]): string[] {
  return substrings.filter((s) => ![...s].some((c) => c <= '\u0002'));
}
