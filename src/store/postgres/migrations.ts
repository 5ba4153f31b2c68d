import type { Migration } from '../sql/migration.js';

/**
 * The PostgreSQL schema, numbered as SQLite's (1: records, 2: log events, 3: the log
 * search index, empty here). Applied versions are rows of `teiki_schema_migrations`; see
 * `migrate.ts`. Never edit a released step: add a new one.
 *
 * Every text compared as an id or a name is `COLLATE "C"`: byte order over UTF-8, which is
 * code-point order, the order the store port promises (and SQLite's BINARY gives). Declared
 * on the columns, so the indexes are in that order and queries need no COLLATE of their own.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records',
    // `value` is the record's JSON as text, not jsonb: text round-trips exactly (jsonb
    // reorders keys, drops duplicates, rewrites numbers and refuses \u0000), and the store
    // never queries inside a value, so the server need not parse it at all.
    sql: `
      CREATE TABLE records (
        collection text COLLATE "C" NOT NULL,
        account_id text COLLATE "C" NOT NULL,
        region text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (collection, account_id, region, id)
      );
      -- listAllScopes reads one collection across scopes in id order.
      CREATE INDEX records_by_id ON records (collection, id, account_id, region);
    `,
  },
  {
    version: 2,
    name: 'log events',
    // The layout of SQLite's step 2, for the same reasons (names stored once, two small
    // integer ids per event, one index per kind of read). Differences:
    // - seq comes from a sequence, so appends to different streams run concurrently; an
    //   append locks its stream's row (see log-events.ts), so within a stream seqs commit
    //   in order.
    // - Identity ids are never reused, as AUTOINCREMENT in SQLite.
    sql: `
      CREATE TABLE log_groups (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id text COLLATE "C" NOT NULL,
        region text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        UNIQUE (account_id, region, name)
      );
      CREATE TABLE log_streams (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        group_id bigint NOT NULL,
        name text COLLATE "C" NOT NULL,
        UNIQUE (group_id, name)
      );
      CREATE TABLE log_events (
        group_id bigint NOT NULL,
        stream_id bigint NOT NULL,
        timestamp bigint NOT NULL,
        seq bigint NOT NULL,
        ingestion_time bigint NOT NULL,
        message text NOT NULL
      );
      -- readStream in either direction, and deleteStream.
      CREATE INDEX log_events_by_stream ON log_events (stream_id, timestamp, seq);
      -- scanGroup, expire and deleteGroup.
      CREATE INDEX log_events_by_group ON log_events (group_id, timestamp, seq, stream_id);
      -- Never goes back (not on delete, not on reset), so a cursor a client holds never
      -- comes to mean another event.
      CREATE SEQUENCE log_event_seq AS bigint;
    `,
  },
  {
    version: 3,
    name: 'log search index',
    // SQLite's step 3 creates its search index. PostgreSQL has none yet: a scan's
    // `contains` is tested in SQL over the rows of the range (log-search.ts). The step is
    // kept so that a version means the same step in both stores' histories; the index, when
    // it comes, is a later step.
    sql: 'SELECT 1',
  },
  {
    version: 4,
    name: 'nodes',
    // Several nodes on one database (see ../cluster.ts). A row per incarnation of a node,
    // its lease on the database's clock; ended_at set once the lease ended (a graceful
    // leave, or run out and swept). The shared virtual clock is one row, and each runner's
    // acknowledgement of the last move it finished is one row more.
    sql: `
      CREATE SEQUENCE teiki_node_epoch AS bigint;
      CREATE TABLE teiki_nodes (
        runner_id text COLLATE "C" PRIMARY KEY,
        node_id text COLLATE "C" NOT NULL,
        epoch bigint NOT NULL,
        started_at timestamptz NOT NULL,
        heartbeat_at timestamptz NOT NULL,
        lease_until timestamptz NOT NULL,
        ended_at timestamptz,
        ended_how text,
        info text NOT NULL
      );
      CREATE INDEX teiki_nodes_by_node ON teiki_nodes (node_id, epoch);
      CREATE TABLE teiki_clock (
        id integer PRIMARY KEY CHECK (id = 1),
        now_ms bigint NOT NULL,
        move_id bigint NOT NULL DEFAULT 0,
        to_ms bigint,
        mover text
      );
      CREATE TABLE teiki_clock_acks (
        runner_id text COLLATE "C" PRIMARY KEY,
        move_id bigint NOT NULL,
        view text NOT NULL
      );
    `,
  },
];
