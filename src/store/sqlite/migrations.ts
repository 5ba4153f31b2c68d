import type { Migration } from '../sql/migration.js';

export type { Migration };

/**
 * The SQLite schema, as an ordered list of steps. A database records the last step it
 * has in `PRAGMA user_version`; opening applies the missing steps in one transaction.
 * Never edit a released step: add a new one.
 */

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records',
    sql: `
      CREATE TABLE records (
        collection TEXT NOT NULL,
        account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        id TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (collection, account_id, region, id)
      ) WITHOUT ROWID;
      -- listAllScopes reads one collection across scopes in id order.
      CREATE INDEX records_by_id ON records (collection, id, account_id, region);
    `,
  },
  {
    version: 2,
    name: 'log events',
    // The layout, measured with 1,000,000 events of ~90 bytes in 20 streams of a group:
    // - Names are stored once, in log_groups and log_streams; an event carries two small
    //   integer ids. Repeating account, region, group and stream in the table and in both
    //   indexes made the file 2.2x larger and appends ~40% slower.
    // - Rows live in append order (the implicit rowid), so an append writes at the end of
    //   the table and the two indexes hold only keys. seq is a column of its own, not the
    //   rowid: SQLite does not use a row-value range like (timestamp, seq) > (?, ?) on an
    //   index whose seq is the rowid, so resuming inside a run of equal timestamps would
    //   rescan the run.
    // - The group index carries stream_id so that a scan limited to some streams rejects
    //   the others inside the index, without reading their rows.
    // - AUTOINCREMENT on the name tables: an id is never reused, so a scan that cached
    //   the name of a stream id cannot misname the events of a later stream.
    sql: `
      CREATE TABLE log_groups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (account_id, region, name)
      );
      CREATE TABLE log_streams (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        group_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (group_id, name)
      );
      CREATE TABLE log_events (
        group_id INTEGER NOT NULL,
        stream_id INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        ingestion_time INTEGER NOT NULL,
        message TEXT NOT NULL
      );
      -- readStream in either direction, and deleteStream.
      CREATE INDEX log_events_by_stream ON log_events (stream_id, timestamp, seq);
      -- scanGroup, expire and deleteGroup.
      CREATE INDEX log_events_by_group ON log_events (group_id, timestamp, seq, stream_id);
      -- The last seq handed out. It never goes back (not on delete, not on reset), so a
      -- cursor a client holds never comes to mean another event.
      CREATE TABLE log_event_seq (last INTEGER NOT NULL);
      INSERT INTO log_event_seq (last) VALUES (0);
    `,
  },
  {
    version: 3,
    name: 'log search index',
    // One row per segment of up to 64 granule summaries of one stream (a granule: up to 16
    // consecutive events; see src/store/log-search/). Searches read a group's rows by
    // (group_id, max_timestamp); appends extend the stream's newest row. `granules` is the
    // last column so that reading the others never loads the blob.
    // Events stored before this step are indexed when the store next opens
    // (log_search_state.backfilled), in JavaScript, which a migration step cannot run.
    sql: `
      CREATE TABLE log_event_granules (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL,
        stream_id INTEGER NOT NULL,
        min_timestamp INTEGER NOT NULL,
        max_timestamp INTEGER NOT NULL,
        granules BLOB NOT NULL
      );
      CREATE INDEX log_event_granules_by_group ON log_event_granules (group_id, max_timestamp);
      CREATE INDEX log_event_granules_by_stream ON log_event_granules (stream_id, id);
      CREATE TABLE log_search_state (backfilled INTEGER NOT NULL);
      INSERT INTO log_search_state (backfilled) VALUES (0);
    `,
  },
];
