import type { SqlDialect } from './dialect.js';

/**
 * The statements over the search index table `log_event_granules` (one row per segment of
 * granule summaries, see ../log-search/segments.ts). Parameters are bound positionally in
 * the order each member documents.
 */
export interface LogSearchStatements {
  /** stream_id → id, min_timestamp, max_timestamp, granules of the stream's newest segment. */
  openSegment: string;
  /** group_id, stream_id, min_timestamp, max_timestamp, granules. */
  insertSegment: string;
  /** min_timestamp, max_timestamp, granules, id. */
  updateSegment: string;
  /**
   * group_id, lowest timestamp, highest timestamp → stream_id, granules of the segments
   * that may hold events in between.
   */
  groupSegments: string;
  /**
   * stream_id, min timestamp, max timestamp, first seq, last seq → timestamp, seq,
   * ingestion_time, message of one granule's events (by the stream index).
   */
  granuleEvents: string;
  /**
   * first rowid, last rowid, stream_id, first seq, last seq → the same columns, for a
   * granule whose rows are contiguous (one range of SQLite's row ids; another engine would
   * read its granules by its own means).
   */
  granuleRows: string;
  /** stream_id. */
  deleteStream: string;
  /** group_id. */
  deleteGroup: string;
  /** group_id, before: the segments whose every event is older than before. */
  expire: string;
  /** group_id, before → id, stream_id, granules of the segments holding events on both sides. */
  straddling: string;
  reset: string;
}

export function logSearchStatements(d: SqlDialect): LogSearchStatements {
  const q = (template: string) => {
    let n = 0;
    return template.replace(/#/g, () => d.param(++n));
  };
  return {
    openSegment: q(
      'SELECT id, min_timestamp, max_timestamp, granules FROM log_event_granules ' +
        'WHERE stream_id = # ORDER BY id DESC LIMIT 1',
    ),
    insertSegment: q(
      'INSERT INTO log_event_granules (group_id, stream_id, min_timestamp, max_timestamp, granules) ' +
        'VALUES (#, #, #, #, #)',
    ),
    updateSegment: q(
      'UPDATE log_event_granules SET min_timestamp = #, max_timestamp = #, granules = # WHERE id = #',
    ),
    groupSegments: q(
      'SELECT stream_id, granules FROM log_event_granules ' +
        'WHERE group_id = # AND max_timestamp >= # AND min_timestamp <= #',
    ),
    granuleEvents: q(
      'SELECT timestamp, seq, ingestion_time, message FROM log_events ' +
        'WHERE stream_id = # AND timestamp >= # AND timestamp <= # AND seq >= # AND seq <= #',
    ),
    granuleRows: q(
      'SELECT timestamp, seq, ingestion_time, message FROM log_events ' +
        // `+stream_id` keeps SQLite from preferring the stream index over the row range.
        'WHERE rowid >= # AND rowid <= # AND +stream_id = # AND seq >= # AND seq <= #',
    ),
    deleteStream: q('DELETE FROM log_event_granules WHERE stream_id = #'),
    deleteGroup: q('DELETE FROM log_event_granules WHERE group_id = #'),
    expire: q('DELETE FROM log_event_granules WHERE group_id = # AND max_timestamp < #'),
    straddling: q(
      'SELECT id, stream_id, granules FROM log_event_granules ' +
        'WHERE group_id = # AND max_timestamp >= # AND min_timestamp < #',
    ),
    reset: 'DELETE FROM log_event_granules',
  };
}
