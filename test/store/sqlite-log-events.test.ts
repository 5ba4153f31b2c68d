import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logEventStatements } from '../../src/store/sql/log-events.js';
import { logSearchStatements } from '../../src/store/sql/log-search.js';
import { sqliteDialect } from '../../src/store/sqlite/dialect.js';
import {
  DATABASE_FILE,
  MIGRATIONS,
  migrate,
  openSqliteStore,
} from '../../src/store/sqlite/index.js';
import type { Scope } from '../../src/store/types.js';

/** What only the SQLite log event store has: a file, a schema history and query plans. */

const A: Scope = { accountId: '000000000000', region: 'us-east-1' };
const T = 1_700_000_000_000;
const GROUP = '/ecs/sample-logger-task';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'teiki-sqlite-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = () => join(dir, DATABASE_FILE);

describe('sqlite log events on disk', () => {
  it('survive close and reopen, and seqs keep growing', async () => {
    const first = await openSqliteStore({ dataDir: dir });
    const kept = await first.logEvents.append(
      A,
      GROUP,
      's',
      [
        { timestamp: T + 2, message: 'two' },
        { timestamp: T + 1, message: 'one' },
      ],
      T + 5,
    );
    const dropped = await first.logEvents.append(
      A,
      GROUP,
      'gone',
      [{ timestamp: T, message: 'x' }],
      T + 5,
    );
    await first.logEvents.deleteStream(A, GROUP, 'gone');
    await first.close();

    const second = await openSqliteStore({ dataDir: dir });
    const read = await second.logEvents.readStream(A, GROUP, 's', { ascending: true, limit: 9 });
    expect(read).toEqual([kept[1], kept[0]]);
    const [next] = await second.logEvents.append(
      A,
      GROUP,
      's',
      [{ timestamp: T, message: 'n' }],
      T,
    );
    expect(next!.seq).toBeGreaterThan(dropped[0]!.seq);
    await second.close();
  });

  it('the migration upgrades a version-1 database without losing its records', async () => {
    const v1 = new Database(file());
    expect(
      migrate(
        v1,
        MIGRATIONS.filter((m) => m.version === 1),
      ),
    ).toEqual([1]);
    v1.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?)').run(
      'things',
      A.accountId,
      A.region,
      'x',
      '{"n":1}',
    );
    v1.close();

    const store = await openSqliteStore({ dataDir: dir });
    expect(await store.collection('things').get(A, 'x')).toEqual({ n: 1 });
    await store.logEvents.append(A, GROUP, 's', [{ timestamp: T, message: 'hello' }], T);
    const read = await store.logEvents.readStream(A, GROUP, 's', { ascending: true, limit: 1 });
    expect(read.map((e) => e.message)).toEqual(['hello']);
    await store.close();

    const after = new Database(file(), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    after.close();
  });

  it('indexes, at the next open, the events a teiki without the search index stored', async () => {
    const first = await openSqliteStore({ dataDir: dir });
    const stored = await first.logEvents.append(
      A,
      GROUP,
      's',
      Array.from({ length: 500 }, (_, i) => ({
        timestamp: T + i,
        message: i % 50 === 0 ? `ERROR ${i}` : `INFO ${i}`,
      })),
      T,
    );
    await first.close();
    // As an older teiki left it: events, and neither segments nor the backfill mark.
    const old = new Database(file());
    old.prepare('DELETE FROM log_event_granules').run();
    old.prepare('UPDATE log_search_state SET backfilled = 0').run();
    old.close();

    const store = await openSqliteStore({ dataDir: dir });
    const segments = () => {
      const db = new Database(file(), { readonly: true });
      const n = db.prepare('SELECT count(*) FROM log_event_granules').pluck().get();
      db.close();
      return n;
    };
    expect(segments()).toBeGreaterThan(0);
    let skipped = 0;
    const found: string[] = [];
    for await (const batch of store.logEvents.scanGroup(A, GROUP, {
      contains: ['ERROR'],
      onSkipped: (n) => (skipped += n),
    })) {
      found.push(...batch.map((e) => e.message));
    }
    expect(found).toEqual(
      stored.filter((e) => e.message.startsWith('ERROR')).map((e) => e.message),
    );
    expect(skipped).toBe(490);
    await store.close();
  });

  it('reads a granule whole when the rows its summary points at were renumbered', async () => {
    const first = await openSqliteStore({ dataDir: dir });
    const batch = (tag: string) =>
      Array.from({ length: 200 }, (_, i) => ({
        timestamp: T + i,
        message: i % 40 === 0 ? `ERROR ${tag} ${i}` : `INFO ${tag} ${i}`,
      }));
    await first.logEvents.append(A, GROUP, 'other', batch('other'), T);
    const kept = await first.logEvents.append(A, GROUP, 'kept', batch('kept'), T);
    await first.close();
    // SQLite allows VACUUM to renumber a table without an INTEGER PRIMARY KEY; moved by hand
    // here, as today's VACUUM happens to keep them.
    const db = new Database(file());
    db.prepare('UPDATE log_events SET rowid = rowid + 100000 WHERE stream_id = 2').run();
    db.close();

    const store = await openSqliteStore({ dataDir: dir });
    const found: string[] = [];
    for await (const events of store.logEvents.scanGroup(A, GROUP, {
      contains: ['ERROR'],
      logStreamNames: ['kept'],
    })) {
      found.push(...events.map((e) => e.message));
    }
    expect(found).toEqual(kept.filter((e) => e.message.startsWith('ERROR')).map((e) => e.message));
    await store.close();
  });

  it('deleting a stream or group leaves no names behind', async () => {
    const store = await openSqliteStore({ dataDir: dir });
    const one = [{ timestamp: T, message: 'm' }];
    await store.logEvents.append(A, GROUP, 'a', one, T);
    await store.logEvents.append(A, GROUP, 'b', one, T);
    await store.logEvents.append(A, 'other', 'a', one, T);
    await store.logEvents.deleteStream(A, GROUP, 'a');
    const count = (table: string) => {
      const db = new Database(file(), { readonly: true });
      const n = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
      db.close();
      return n;
    };
    expect(count('log_streams')).toBe(2);
    await store.logEvents.deleteGroup(A, GROUP);
    expect([count('log_groups'), count('log_streams'), count('log_events')]).toEqual([1, 1, 1]);
    expect(count('log_event_granules')).toBe(1);
    await store.reset();
    expect([count('log_groups'), count('log_streams'), count('log_events')]).toEqual([0, 0, 0]);
    expect(count('log_event_granules')).toBe(0);
    await store.close();
  });
});

/** A fresh migrated database per test, and its query plan for a statement, as one line. */
function useQueryPlans(): (statement: string) => string {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(file());
    migrate(db);
  });
  afterEach(() => db.close());
  return (statement) => {
    const params = (statement.match(/\?/g) ?? []).map(() => 1);
    return (
      db.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...params) as Array<{ detail: string }>
    )
      .map((row) => row.detail)
      .join(' | ');
  };
}

describe('sqlite log event query plans', () => {
  // The planner's choice decides whether a read is one index range or a scan of the
  // group; these pin it, since nothing else would notice a regression but a stopwatch.
  const sql = logEventStatements(sqliteDialect);
  const plan = useQueryPlans();
  const range = '(timestamp,seq)>(?,?) AND (timestamp,seq)<(?,?)';

  it.each([
    ['readAscending', sql.readAscending, `INDEX log_events_by_stream (stream_id=? AND ${range})`],
    ['readDescending', sql.readDescending, `INDEX log_events_by_stream (stream_id=? AND ${range})`],
    ['scanGroup', sql.scanGroup, `INDEX log_events_by_group (group_id=? AND ${range})`],
    ['scanStreams', sql.scanStreams, `INDEX log_events_by_group (group_id=? AND ${range})`],
    [
      'expireEvents',
      sql.expireEvents,
      'COVERING INDEX log_events_by_group (group_id=? AND timestamp<?)',
    ],
    [
      'deleteStreamEvents',
      sql.deleteStreamEvents,
      'COVERING INDEX log_events_by_stream (stream_id=?)',
    ],
    ['deleteGroupEvents', sql.deleteGroupEvents, 'COVERING INDEX log_events_by_group (group_id=?)'],
    [
      'search: granuleEvents',
      logSearchStatements(sqliteDialect).granuleEvents,
      'INDEX log_events_by_stream (stream_id=? AND timestamp>? AND timestamp<?)',
    ],
    [
      'search: granuleRows',
      logSearchStatements(sqliteDialect).granuleRows,
      'INTEGER PRIMARY KEY (rowid>? AND rowid<?)',
    ],
  ])('%s is one index range without sorting', (_, statement, want) => {
    const detail = plan(statement);
    expect(detail).toContain(want);
    expect(detail).not.toContain('TEMP B-TREE');
    expect(detail).not.toMatch(/\bSCAN log_events\b/);
  });
});

describe('sqlite search index query plans', () => {
  const sql = logSearchStatements(sqliteDialect);
  const plan = useQueryPlans();

  it.each([
    [
      'groupSegments',
      sql.groupSegments,
      'INDEX log_event_granules_by_group (group_id=? AND max_timestamp>?)',
    ],
    ['openSegment', sql.openSegment, 'INDEX log_event_granules_by_stream (stream_id=?)'],
    ['expire', sql.expire, 'INDEX log_event_granules_by_group (group_id=? AND max_timestamp<?)'],
    ['deleteStream', sql.deleteStream, 'INDEX log_event_granules_by_stream (stream_id=?)'],
  ])('%s reads one index range', (_, statement, want) => {
    const detail = plan(statement);
    expect(detail).toContain(want);
    expect(detail).not.toMatch(/\bSCAN log_event_granules\b/);
    expect(detail).not.toContain('TEMP B-TREE');
  });
});
