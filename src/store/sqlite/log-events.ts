import type {
  GroupScanOptions,
  LogCursor,
  LogEventStore,
  NewLogEvent,
  StoredLogEvent,
  StreamAppend,
} from '../log-events.js';
import {
  SCAN_BATCH,
  groupRange,
  inPositionOrder,
  isEmptyRange,
  normalizeEventLimit,
  streamChoice,
  streamRange,
} from '../log-order.js';
import { INSERT_ROWS, type LogEventStatements } from '../sql/log-events.js';
import type { LogSearchStatements } from '../sql/log-search.js';
import type { Scope } from '../types.js';
import type { SqliteSession } from './collection.js';
import type { Connection } from './connection.js';
import { sqliteDialect } from './dialect.js';
import { sqliteLogSearch } from './log-search.js';

/**
 * Rows a delete removes per step. Deleting or expiring a group of millions of events
 * runs as many short writes, each through the gate, so requests keep being served in
 * between; events appended to the doomed stream or group meanwhile go too.
 */
const DELETE_CHUNK = 10_000;

type ReadRow = [timestamp: number, seq: number, ingestionTime: number, message: string];
/** JSON arrays, one element per event: see `LogEventStatements.scanGroup`. */
type ScanColumns = [
  timestamps: string,
  seqs: string,
  streamIds: string,
  ingestionTimes: string,
  messages: string,
];

export interface SqliteLogEvents {
  readonly port: LogEventStore;
  /** Deletes every event; synchronous, for the store's reset (inside its transaction). */
  clear(): void;
  /** Indexes events an older teiki stored without the search index; once, at open. */
  backfillIndex(): void;
}

/**
 * Appends and deletes run on the writer through the store's gate, so they never land
 * inside an open transaction; reads run on the reader and see committed events only.
 * Statements come from the connection's cache; rows are read as arrays (`raw`), which
 * better-sqlite3 builds faster than objects, and a scan reads each batch as columns.
 */
export function sqliteLogEvents(
  sql: LogEventStatements,
  searchSql: LogSearchStatements,
  session: SqliteSession,
): SqliteLogEvents {
  const { reader, writer } = session;
  const search = sqliteLogSearch(searchSql, session);
  /** The single value of a statement's single row, if any. */
  const value = <V>(connection: Connection, statement: string, ...args: Array<string | number>) =>
    connection
      .statement(statement)
      .pluck()
      .get(...args) as V | undefined;
  const groupIdOn = (connection: Connection, scope: Scope, group: string) =>
    value<number>(connection, sql.groupId, scope.accountId, scope.region, group);
  const streamIdOn = (connection: Connection, scope: Scope, group: string, stream: string) =>
    value<number>(connection, sql.streamIdByNames, scope.accountId, scope.region, group, stream);

  const appendAll = writer.db.transaction(
    (
      scope: Scope,
      logGroupName: string,
      logStreamName: string,
      events: readonly NewLogEvent[],
      ingestionTime: number,
    ): StoredLogEvent[] => {
      const groupId = ensureId(sql.groupId, sql.insertGroup, [
        scope.accountId,
        scope.region,
        logGroupName,
      ]);
      const streamId = ensureId(sql.streamId, sql.insertStream, [groupId, logStreamName]);
      // Read inside the write lock, so even another process sharing the file cannot hand
      // out the same seq.
      const last = value<number>(writer, sql.lastSeq)!;
      const stored = events.map(({ timestamp, message }, i): StoredLogEvent => ({
        logStreamName,
        timestamp,
        message,
        ingestionTime,
        seq: last + i + 1,
      }));
      const rows = writer.statement(sql.insertEventRows);
      let lastRowid = 0;
      const args = new Array<string | number>(INSERT_ROWS * 6);
      let i = 0;
      for (; i + INSERT_ROWS <= stored.length; i += INSERT_ROWS) {
        for (let j = 0; j < INSERT_ROWS; j++) {
          const e = stored[i + j]!;
          const k = j * 6;
          args[k] = groupId;
          args[k + 1] = streamId;
          args[k + 2] = e.timestamp;
          args[k + 3] = e.seq;
          args[k + 4] = ingestionTime;
          args[k + 5] = e.message;
        }
        lastRowid = Number(rows.run(args).lastInsertRowid);
      }
      const one = writer.statement(sql.insertEvent);
      for (; i < stored.length; i++) {
        const e = stored[i]!;
        lastRowid = Number(
          one.run(groupId, streamId, e.timestamp, e.seq, ingestionTime, e.message).lastInsertRowid,
        );
      }
      writer.statement(sql.setLastSeq).run(last + stored.length);
      // Rows of one statement, and of one transaction, get consecutive ids.
      const firstRowid = lastRowid - stored.length + 1;
      search.index(groupId, streamId, stored, (i) => firstRowid + i);
      return stored;
    },
  );

  const appendEach = writer.db.transaction(
    (appends: readonly StreamAppend[], ingestionTime: number): StoredLogEvent[][] =>
      appends.map((a) =>
        a.events.length === 0
          ? []
          : appendAll(a.scope, a.logGroupName, a.logStreamName, a.events, ingestionTime),
      ),
  );

  function ensureId(find: string, insert: string, args: Array<string | number>): number {
    return value<number>(writer, find, ...args) ?? value<number>(writer, insert, ...args)!;
  }

  /** Deletes in chunks until `step` reports it is done; `step` runs as one write each. */
  async function inChunks(step: () => boolean): Promise<void> {
    const chunk = writer.db.transaction(step);
    while (!(await session.write(() => chunk.immediate()))) {
      // Each chunk is a separate write, so queued requests run between them.
    }
  }

  const port: LogEventStore = {
    append: async (scope, logGroupName, logStreamName, events, ingestionTime) => {
      // Taken now: later changes by the caller to its array do not count.
      const incoming = events.map((e) => ({ timestamp: e.timestamp, message: e.message }));
      return session.write(() =>
        incoming.length === 0
          ? []
          : appendAll.immediate(scope, logGroupName, logStreamName, incoming, ingestionTime),
      );
    },

    appendMany: async (appends, ingestionTime) => {
      const incoming = appends.map((a) => ({
        ...a,
        events: a.events.map((e) => ({ timestamp: e.timestamp, message: e.message })),
      }));
      // Each append a savepoint inside one transaction: all of them commit, or none.
      return session.write(() => appendEach.immediate(incoming, ingestionTime));
    },

    readStream: (scope, logGroupName, logStreamName, options) =>
      session.read(() => {
        const limit = normalizeEventLimit(options.limit);
        const range = streamRange(options);
        if (limit === 0 || isEmptyRange(range)) return [];
        const streamId = streamIdOn(reader, scope, logGroupName, logStreamName);
        if (streamId === undefined) return [];
        const rows = reader
          .statement(options.ascending ? sql.readAscending : sql.readDescending)
          .raw()
          .all(
            streamId,
            range.after.timestamp,
            range.after.seq,
            range.before.timestamp,
            range.before.seq,
            limit ?? sqliteDialect.noLimit,
          ) as ReadRow[];
        return rows.map(([timestamp, seq, ingestionTime, message]): StoredLogEvent => ({
          logStreamName,
          timestamp,
          message,
          ingestionTime,
          seq,
        }));
      }),

    scanGroup: (scope, logGroupName, options) => {
      const nameOf = streamNames();
      return search.scan(
        () => groupIdOn(reader, scope, logGroupName),
        streamSelection(options),
        nameOf,
        options,
        plainScan(scope, logGroupName, options, nameOf),
      );
    },

    deleteStream: (scope, logGroupName, logStreamName) =>
      inChunks(() => {
        const id = streamIdOn(writer, scope, logGroupName, logStreamName);
        if (id === undefined) return true;
        if (
          writer.statement(sql.deleteStreamEvents).run(id, DELETE_CHUNK).changes === DELETE_CHUNK
        ) {
          return false;
        }
        writer.statement(searchSql.deleteStream).run(id);
        writer.statement(sql.deleteStream).run(id);
        return true;
      }),

    deleteGroup: (scope, logGroupName) =>
      inChunks(() => {
        const id = groupIdOn(writer, scope, logGroupName);
        if (id === undefined) return true;
        if (
          writer.statement(sql.deleteGroupEvents).run(id, DELETE_CHUNK).changes === DELETE_CHUNK
        ) {
          return false;
        }
        writer.statement(searchSql.deleteGroup).run(id);
        writer.statement(sql.deleteGroupStreams).run(id);
        writer.statement(sql.deleteGroup).run(id);
        return true;
      }),

    expire: async (scope, logGroupName, before) => {
      let removed = 0;
      await inChunks(() => {
        const id = groupIdOn(writer, scope, logGroupName);
        if (id === undefined) return true;
        const changes = writer.statement(sql.expireEvents).run(id, before, DELETE_CHUNK).changes;
        removed += changes;
        if (changes < DELETE_CHUNK) search.expire(id, before);
        return changes < DELETE_CHUNK;
      });
      return removed;
    },
  };

  /** The scan without a search: the group index read in batches of columns. */
  function plainScan(
    scope: Scope,
    logGroupName: string,
    options: GroupScanOptions,
    nameOf: (streamId: number) => string,
  ): AsyncIterable<StoredLogEvent[]> {
    const range = groupRange(options);
    const filter = streamSelection(options);

    const batchAfter = (after: LogCursor): StoredLogEvent[] => {
      if (isEmptyRange({ after, before: range.before })) return [];
      const groupId = groupIdOn(reader, scope, logGroupName);
      if (groupId === undefined) return [];
      const bounds = [
        groupId,
        after.timestamp,
        after.seq,
        range.before.timestamp,
        range.before.seq,
      ];
      let columns: ScanColumns;
      if (filter === undefined) {
        columns = reader
          .statement(sql.scanGroup)
          .raw()
          .get(...bounds, SCAN_BATCH) as ScanColumns;
      } else {
        // Chosen again for every batch, so a matching stream created mid-scan is included.
        const chosen = filter(groupId);
        if (chosen.size === 0) return [];
        const list = sqliteDialect.bindIntegerList([...chosen.keys()]);
        columns = reader
          .statement(sql.scanStreams)
          .raw()
          .get(...bounds, list, SCAN_BATCH) as ScanColumns;
      }
      const timestamps = JSON.parse(columns[0]) as number[];
      const seqs = JSON.parse(columns[1]) as number[];
      const streamIds = JSON.parse(columns[2]) as number[];
      const ingestionTimes = JSON.parse(columns[3]) as number[];
      const messages = JSON.parse(columns[4]) as string[];
      const batch = new Array<StoredLogEvent>(timestamps.length);
      for (let i = 0; i < batch.length; i++) {
        batch[i] = {
          logStreamName: nameOf(streamIds[i]!),
          timestamp: timestamps[i]!,
          message: messages[i]!,
          ingestionTime: ingestionTimes[i]!,
          seq: seqs[i]!,
        };
      }
      return inPositionOrder(batch);
    };

    return {
      async *[Symbol.asyncIterator]() {
        let after = range.after;
        for (;;) {
          const batch = await session.read(() => batchAfter(after));
          if (batch.length === 0) return;
          yield batch;
          if (batch.length < SCAN_BATCH) return;
          after = batch[batch.length - 1]!;
        }
      },
    };
  }

  /** Stream names by id, each read once: ids are never reused, so a name stays right. */
  function streamNames(): (id: number) => string {
    const names = new Map<number, string>();
    return (id) => {
      let name = names.get(id);
      if (name === undefined) {
        name = value<string>(reader, sql.streamName, id) ?? '';
        names.set(id, name);
      }
      return name;
    };
  }

  /** The streams of a group a filtered scan reads, by id, at the moment of asking. */
  function streamSelection(
    options: GroupScanOptions,
  ): ((groupId: number) => Map<number, string>) | undefined {
    const choice = streamChoice(options);
    if (choice === undefined) return undefined;
    return (groupId) => {
      const chosen = new Map<number, string>();
      if (choice.kind === 'names') {
        for (const name of choice.names) {
          const id = value<number>(reader, sql.streamId, groupId, name);
          if (id !== undefined) chosen.set(id, name);
        }
        return chosen;
      }
      const { prefix, upper } = choice;
      const rows = (
        upper === undefined
          ? reader.statement(sql.streamsFrom).raw().all(groupId, prefix)
          : reader.statement(sql.streamsBetween).raw().all(groupId, prefix, upper)
      ) as Array<[number, string]>;
      for (const [id, name] of rows) if (name.startsWith(prefix)) chosen.set(id, name);
      return chosen;
    };
  }

  return {
    port,
    backfillIndex: () => search.backfill(),
    clear: () => {
      writer.statement(searchSql.reset).run();
      for (const statement of sql.reset) writer.statement(statement).run();
    },
  };
}
