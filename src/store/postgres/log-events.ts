import type pg from 'pg';
import type { GroupScanOptions, LogCursor, LogEventStore, StoredLogEvent } from '../log-events.js';
import {
  SCAN_BATCH,
  groupRange,
  inPositionOrder,
  isEmptyRange,
  normalizeEventLimit,
  streamChoice,
  streamRange,
} from '../log-order.js';
import { filterScan, searchTerms } from '../log-search/search.js';
import type { LogEventStatements } from '../sql/log-events.js';
import type { Scope } from '../types.js';
import { inTransaction, query, queryValue, type Queryable } from './connection.js';
import type { PostgresDialect } from './dialect.js';
import { jsonRows, jsonRowsFrom } from './json-param.js';
import { searchStatement, searchedBatch, sqlTerms } from './log-search.js';

/** Rows a delete removes per transaction, as in SQLite: deletes of millions stay short. */
const DELETE_CHUNK = 10_000;

/**
 * One append is one statement: it creates the group and the stream when missing (or finds
 * them), and inserts every event from two arrays (`unnest`), numbering them from the
 * sequence in the order given. Upserting the stream row locks it until the append commits,
 * so appends to one stream are serialized and their seqs commit in order; appends to
 * different streams run side by side. Parameters: account_id, region, group, stream,
 * ingestion_time, timestamps, messages → the seqs, in event order.
 */
const APPEND =
  'WITH g AS (INSERT INTO log_groups (account_id, region, name) VALUES ($1, $2, $3) ' +
  'ON CONFLICT (account_id, region, name) DO UPDATE SET name = excluded.name RETURNING id), ' +
  's AS (INSERT INTO log_streams (group_id, name) SELECT id, $4 FROM g ' +
  'ON CONFLICT (group_id, name) DO UPDATE SET name = excluded.name RETURNING id, group_id) ' +
  'INSERT INTO log_events (group_id, stream_id, timestamp, seq, ingestion_time, message) ' +
  "SELECT s.group_id, s.id, e.timestamp, nextval('log_event_seq'), $5, e.message " +
  'FROM s, unnest($6::bigint[], $7::text[]) WITH ORDINALITY AS e (timestamp, message, n) ' +
  'ORDER BY e.n RETURNING seq';

/**
 * `APPEND` for many streams at once: the groups and streams of every append upserted (each
 * once, in one order so two such statements lock rows alike), then every event inserted
 * in the order given. Parameters: the events as one JSON array of rows (`jsonRows`:
 * account_id, region, group, stream, timestamp, message), ingestion_time → the seqs, in
 * event order.
 */
const APPEND_MANY =
  'WITH a AS (SELECT j.e->>0 AS account_id, j.e->>1 AS region, j.e->>2 AS grp, ' +
  'j.e->>3 AS stream, (j.e->>4)::bigint AS timestamp, j.e->>5 AS message, j.n ' +
  `FROM ${jsonRowsFrom('$1', 'j')}), ` +
  'g AS (INSERT INTO log_groups (account_id, region, name) ' +
  'SELECT DISTINCT account_id, region, grp FROM a ORDER BY 1, 2, 3 ' +
  'ON CONFLICT (account_id, region, name) DO UPDATE SET name = excluded.name ' +
  'RETURNING id, account_id, region, name), ' +
  's AS (INSERT INTO log_streams (group_id, name) ' +
  'SELECT DISTINCT g.id, a.stream FROM a JOIN g ON g.account_id = a.account_id ' +
  'AND g.region = a.region AND g.name = a.grp ORDER BY 1, 2 ' +
  'ON CONFLICT (group_id, name) DO UPDATE SET name = excluded.name RETURNING id, group_id, name) ' +
  'INSERT INTO log_events (group_id, stream_id, timestamp, seq, ingestion_time, message) ' +
  "SELECT s.group_id, s.id, a.timestamp, nextval('log_event_seq'), $2, a.message " +
  'FROM a JOIN g ON g.account_id = a.account_id AND g.region = a.region AND g.name = a.grp ' +
  'JOIN s ON s.group_id = g.id AND s.name = a.stream ORDER BY a.n RETURNING seq';

const SEARCH_GROUP = searchStatement(false);
const SEARCH_STREAMS = searchStatement(true);

/** Locks a stream's or a group's row so no append lands while it is being deleted. */
const LOCK_STREAM = 'SELECT id FROM log_streams WHERE id = $1 FOR UPDATE';
const LOCK_GROUP = 'SELECT id FROM log_groups WHERE id = $1 FOR UPDATE';

export interface PostgresLogEventsContext {
  pool: pg.Pool;
  dialect: PostgresDialect;
  /** Fails once the store is closed. */
  assertOpen(): void;
  /** Runs a write outside any transaction through the store's gate. */
  write<R>(fn: () => Promise<R>): Promise<R>;
}

/**
 * Reads run on the pool and see committed events. Appends and deletes go through the
 * store's gate (so they wait for a transaction of this process, as the port says) but not
 * through the cluster-wide transaction lock: log events never join a record transaction,
 * so other nodes' transactions have nothing to protect from them.
 */
export function postgresLogEvents(
  sql: LogEventStatements,
  context: PostgresLogEventsContext,
): LogEventStore {
  const { pool, dialect: d } = context;
  const read = (text: string, values: readonly unknown[]) => {
    context.assertOpen();
    return query(pool, text, values);
  };
  const groupIdOn = (on: Queryable, scope: Scope, group: string) =>
    queryValue<number>(on, sql.groupId, [scope.accountId, scope.region, d.storedText(group)]);
  const streamIdOn = (on: Queryable, scope: Scope, group: string, stream: string) =>
    queryValue<number>(on, sql.streamIdByNames, [
      scope.accountId,
      scope.region,
      d.storedText(group),
      d.storedText(stream),
    ]);

  /** Deletes in chunks, each its own transaction, until `step` reports it is done. */
  async function inChunks(step: (client: pg.PoolClient) => Promise<boolean>): Promise<void> {
    while (!(await context.write(() => inTransaction(pool, 'BEGIN', step)))) {
      // Each chunk commits on its own, so requests keep being served in between.
    }
  }

  return {
    append: async (scope, logGroupName, logStreamName, events, ingestionTime) => {
      // Taken now: later changes by the caller to its array do not count.
      const timestamps = events.map((e) => e.timestamp);
      const messages = events.map((e) => e.message);
      if (events.length === 0) return context.write(() => Promise.resolve([]));
      const { rows } = await context.write(() =>
        query(pool, APPEND, [
          scope.accountId,
          scope.region,
          d.storedText(logGroupName),
          d.storedText(logStreamName),
          ingestionTime,
          timestamps,
          messages.map((m) => d.storedText(m)),
        ]),
      );
      return rows.map(([seq], i): StoredLogEvent => ({
        logStreamName,
        timestamp: timestamps[i]!,
        message: messages[i]!,
        ingestionTime,
        seq: seq as number,
      }));
    },

    appendMany: async (appends, ingestionTime) => {
      // Taken now, as `append` does; one element per event in each array.
      const events = appends.flatMap((a, index) =>
        a.events.map((e) => ({ append: a, index, timestamp: e.timestamp, message: e.message })),
      );
      if (events.length === 0) return context.write(() => Promise.resolve(appends.map(() => [])));
      const { rows } = await context.write(() =>
        query(pool, APPEND_MANY, [
          jsonRows(
            events.map((e) => [
              e.append.scope.accountId,
              e.append.scope.region,
              d.storedText(e.append.logGroupName),
              d.storedText(e.append.logStreamName),
              e.timestamp,
              d.storedText(e.message),
            ]),
          ),
          ingestionTime,
        ]),
      );
      const stored = appends.map((): StoredLogEvent[] => []);
      events.forEach((e, i) =>
        stored[e.index]!.push({
          logStreamName: e.append.logStreamName,
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime,
          seq: rows[i]![0] as number,
        }),
      );
      return stored;
    },

    readStream: async (scope, logGroupName, logStreamName, options) => {
      const limit = normalizeEventLimit(options.limit);
      const range = streamRange(options);
      if (limit === 0 || isEmptyRange(range)) {
        context.assertOpen();
        return [];
      }
      context.assertOpen();
      const streamId = await streamIdOn(pool, scope, logGroupName, logStreamName);
      if (streamId === undefined) return [];
      const { rows } = await read(options.ascending ? sql.readAscending : sql.readDescending, [
        streamId,
        range.after.timestamp,
        range.after.seq,
        range.before.timestamp,
        range.before.seq,
        limit ?? d.noLimit,
      ]);
      return rows.map(([timestamp, seq, ingestionTime, message]): StoredLogEvent => ({
        logStreamName,
        timestamp: timestamp as number,
        message: d.loadedText(message as string),
        ingestionTime: ingestionTime as number,
        seq: seq as number,
      }));
    },

    scanGroup: (scope, logGroupName, options) => {
      const range = groupRange(options);
      const select = streamSelection(options);
      const terms = searchTerms(options.contains);
      const pushed = terms ? sqlTerms(terms.substrings) : [];
      // Stream ids are never reused, so a name learnt once stays right for the scan.
      const names = new Map<number, string>();
      const nameOf = async (id: number): Promise<string> => {
        let name = names.get(id);
        if (name === undefined) {
          const stored = await queryValue<string>(pool, sql.streamName, [id]);
          name = stored === undefined ? '' : d.loadedText(stored);
          names.set(id, name);
        }
        return name;
      };

      /** The next batch's parameters (bounds, stream ids), or undefined when none is left. */
      const batchAt = async (
        after: LogCursor,
      ): Promise<{ args: unknown[]; streams: boolean } | undefined> => {
        context.assertOpen();
        if (isEmptyRange({ after, before: range.before })) return undefined;
        const groupId = await groupIdOn(pool, scope, logGroupName);
        if (groupId === undefined) return undefined;
        const bounds = [
          groupId,
          after.timestamp,
          after.seq,
          range.before.timestamp,
          range.before.seq,
        ];
        if (select === undefined) return { args: bounds, streams: false };
        // Chosen again for every batch, so a matching stream created mid-scan is included.
        const chosen = await select(groupId);
        if (chosen.size === 0) return undefined;
        for (const [id, name] of chosen) names.set(id, name);
        return { args: [...bounds, d.bindIntegerList([...chosen.keys()])], streams: true };
      };

      // json_agg over no rows is NULL; pg parses the JSON arrays.
      const decode = async (columns: Array<unknown[] | null>): Promise<StoredLogEvent[]> => {
        const [timestamps, seqs, streamIds, ingestionTimes, messages] = columns;
        if (!timestamps) return [];
        const batch = new Array<StoredLogEvent>(timestamps.length);
        for (let i = 0; i < batch.length; i++) {
          batch[i] = {
            logStreamName: await nameOf(streamIds![i] as number),
            timestamp: timestamps[i] as number,
            message: d.loadedText(messages![i] as string),
            ingestionTime: ingestionTimes![i] as number,
            seq: seqs![i] as number,
          };
        }
        return inPositionOrder(batch);
      };

      const plain: AsyncIterable<StoredLogEvent[]> = {
        async *[Symbol.asyncIterator]() {
          let after = range.after;
          for (;;) {
            const at = await batchAt(after);
            if (!at) return;
            const text = at.streams ? sql.scanStreams : sql.scanGroup;
            const columns = (await read(text, [...at.args, SCAN_BATCH])).rows[0];
            const batch = await decode((columns ?? []) as Array<unknown[] | null>);
            if (batch.length === 0) return;
            yield batch;
            if (batch.length < SCAN_BATCH) return;
            after = batch[batch.length - 1]!;
          }
        },
      };
      if (!terms) return plain;
      if (pushed.length === 0) return filterScan(plain, terms, options.onSkipped);

      const searched: AsyncIterable<StoredLogEvent[]> = {
        async *[Symbol.asyncIterator]() {
          let after = range.after;
          for (;;) {
            const at = await batchAt(after);
            if (!at) return;
            const text = at.streams ? SEARCH_STREAMS : SEARCH_GROUP;
            const found = searchedBatch(
              (await read(text, [...at.args, SCAN_BATCH, pushed])).rows[0],
            );
            if (found.skipped > 0) options.onSkipped?.(found.skipped, found.skippedBytes);
            const batch = await decode(found.columns);
            if (batch.length > 0) yield batch;
            if (!found.more || !found.last) return;
            after = found.last;
          }
        },
      };
      // Each event the SQL kept is tested again here, for the terms SQL could not test.
      return filterScan(searched, terms, options.onSkipped);
    },

    deleteStream: (scope, logGroupName, logStreamName) =>
      inChunks(async (client) => {
        const id = await streamIdOn(client, scope, logGroupName, logStreamName);
        if (id === undefined) return true;
        // Appends to the stream wait from here to the commit; the chunk sees every event
        // committed before.
        await query(client, LOCK_STREAM, [id]);
        const { rowCount } = await query(client, sql.deleteStreamEvents, [id, DELETE_CHUNK]);
        if (rowCount === DELETE_CHUNK) return false;
        await query(client, sql.deleteStream, [id]);
        return true;
      }),

    deleteGroup: (scope, logGroupName) =>
      inChunks(async (client) => {
        const id = await groupIdOn(client, scope, logGroupName);
        if (id === undefined) return true;
        await query(client, LOCK_GROUP, [id]);
        const { rowCount } = await query(client, sql.deleteGroupEvents, [id, DELETE_CHUNK]);
        if (rowCount === DELETE_CHUNK) return false;
        await query(client, sql.deleteGroupStreams, [id]);
        await query(client, sql.deleteGroup, [id]);
        return true;
      }),

    expire: async (scope, logGroupName, before) => {
      let removed = 0;
      await inChunks(async (client) => {
        const id = await groupIdOn(client, scope, logGroupName);
        if (id === undefined) return true;
        const { rowCount } = await query(client, sql.expireEvents, [id, before, DELETE_CHUNK]);
        removed += rowCount;
        return rowCount < DELETE_CHUNK;
      });
      return removed;
    },
  };

  /** The streams of a group a filtered scan reads, by id, at the moment of asking. */
  function streamSelection(
    options: GroupScanOptions,
  ): ((groupId: number) => Promise<Map<number, string>>) | undefined {
    const choice = streamChoice(options);
    if (choice === undefined) return undefined;
    return async (groupId) => {
      const chosen = new Map<number, string>();
      if (choice.kind === 'names') {
        for (const name of choice.names) {
          const id = await queryValue<number>(pool, sql.streamId, [groupId, d.storedText(name)]);
          if (id !== undefined) chosen.set(id, name);
        }
        return chosen;
      }
      const { prefix, upper } = choice;
      const { rows } =
        upper === undefined
          ? await query(pool, sql.streamsFrom, [groupId, d.storedText(prefix)])
          : await query(pool, sql.streamsBetween, [
              groupId,
              d.storedText(prefix),
              d.storedText(upper),
            ]);
      for (const [id, stored] of rows) {
        const name = d.loadedText(stored as string);
        if (name.startsWith(prefix)) chosen.set(id as number, name);
      }
      return chosen;
    };
  }
}
