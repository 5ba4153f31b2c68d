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
  {
    version: 5,
    name: 'claims in one call',
    // A group of fire-ledger claims in one round trip (claims.ts). A function rather than
    // one statement: it takes the store's transaction lock shared and only then runs the
    // claim, and a VOLATILE function's every statement takes a fresh snapshot, so the
    // fence is read after the lock is held — what BEGIN; lock; claim; COMMIT did in three
    // round trips. The ledger's collection and scope, the fence and the lock key are
    // arguments: nothing here freezes what the code may change.
    //
    // p_claims: [[key, value], …], the ledger rows; each row changes only when the stored
    // instant is older. p_writes: [[claim key, collection, account, region, id, value], …],
    // the staged writes, inserted only for the claims that held. JSON rather than arrays:
    // pg encodes a text[] parameter element by element in JavaScript, escaping every quote
    // of every staged record, where JSON.stringify is one native pass. Answers a row per
    // claim that held (claimed_key) and one row with claimed_key NULL; every row's
    // fence_rows counts the runner's live leases (0: a fence given is refused; none asked
    // when p_fence is NULL).
    sql: `
      CREATE FUNCTION teiki_claim_instants(
        p_lock_space integer, p_lock_key integer, p_fence text,
        p_collection text, p_account_id text, p_region text,
        p_claims jsonb, p_writes jsonb
      ) RETURNS TABLE (claimed_key text, fence_rows bigint)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'teiki claims instants only under READ COMMITTED, not %',
            current_setting('transaction_isolation');
        END IF;
        PERFORM pg_advisory_xact_lock_shared(p_lock_space, p_lock_key);
        RETURN QUERY
        WITH fence AS (
          SELECT 1 FROM teiki_nodes
          WHERE runner_id = p_fence AND ended_at IS NULL AND lease_until > clock_timestamp()
        ),
        claimed AS (
          INSERT INTO records (collection, account_id, region, id, value)
          SELECT p_collection, p_account_id, p_region, c.e->>0, c.e->>1
          FROM jsonb_array_elements(p_claims) AS c(e)
          WHERE p_fence IS NULL OR EXISTS (SELECT 1 FROM fence)
          ON CONFLICT (collection, account_id, region, id) DO UPDATE SET value = excluded.value
          WHERE (records.value::json->>'lastClaimedMs')::numeric
              < (excluded.value::json->>'lastClaimedMs')::numeric
          RETURNING records.id
        ),
        staged AS (
          INSERT INTO records (collection, account_id, region, id, value)
          SELECT w.e->>1, w.e->>2, w.e->>3, w.e->>4, w.e->>5
          FROM jsonb_array_elements(p_writes) AS w(e)
          WHERE w.e->>0 IN (SELECT id FROM claimed)
          ON CONFLICT (collection, account_id, region, id) DO UPDATE SET value = excluded.value
        )
        SELECT claimed.id::text, (SELECT count(*) FROM fence) FROM claimed
        -- One row even when nothing was claimed, to tell a refused fence from old instants.
        UNION ALL SELECT NULL::text, (SELECT count(*) FROM fence);
      END
      $fn$;
    `,
  },
  {
    version: 6,
    name: 'room for updates in place',
    // Most records are written again soon after their insert (an invocation: pending with
    // its claim, then its final record; a fire-ledger row: at every instant; a log stream's
    // record: at every upload). An UPDATE that finds room on the row's own page changes no
    // index (a HOT update: no index covers the value); one that does not adds an entry to
    // both indexes and spreads the row's versions over new pages. Pages filled to 60 % keep
    // that room (measured on the two-node firing bench: the invocations' final writes touch
    // about 40 % fewer pages and write a third less WAL). Pages written before this step
    // keep their fill until they are rewritten.
    sql: 'ALTER TABLE records SET (fillfactor = 60)',
  },
];
