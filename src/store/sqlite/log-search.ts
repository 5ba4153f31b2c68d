/**
 * The SQLite store's search index: segments of granule summaries in `log_event_granules`
 * (see ../log-search/), written in the same transaction as the events they cover and read
 * by the shared planner and merge.
 */
import type { GroupScanOptions, StoredLogEvent } from '../log-events.js';
import { groupRange, type PositionRange } from '../log-order.js';
import {
  narrowedScan,
  SearchPlanner,
  type IndexedGranule,
  type SearchTerms,
} from '../log-search/search.js';
import {
  bitsOffset,
  decodeSegment,
  encodeSegment,
  extendSegments,
  granuleHeader,
  GRANULE_DOUBLES,
  headerDoubles,
  reopen,
  segmentLength,
  segmentSpan,
} from '../log-search/segments.js';
import { GRANULE_EVENTS, type Granule } from '../log-search/granules.js';
import type { LogSearchStatements } from '../sql/log-search.js';
import type { SqliteSession } from './collection.js';
import type { Connection } from './connection.js';

type GranuleRow = [timestamp: number, seq: number, ingestionTime: number, message: string];

/** Appends of fewer events than this extend the stream's newest segment. */
const REOPEN_BELOW = 4 * GRANULE_EVENTS;

/** Events read per step while indexing what an older teiki stored. */
const BACKFILL_CHUNK = 10_000;

export interface SqliteLogSearch {
  /**
   * Adds one append's events (seq order) to the stream's segments, inside its transaction;
   * `rowidOf(i)` is the table row of `events[i]`.
   */
  index(
    groupId: number,
    streamId: number,
    events: readonly StoredLogEvent[],
    rowidOf: (i: number) => number,
  ): void;
  /** Indexes the events stored before the index existed, once; at open, before serving. */
  backfill(): void;
  /**
   * After a group's events older than `before` were deleted: drops the segments that held
   * only those, and recounts the granules that held some, so skipped counts stay exact.
   * Inside the write step that deleted the last of them.
   */
  expire(groupId: number, before: number): void;
  /**
   * `plain` narrowed to the events containing `options.contains`, through the index when
   * it leaves out most of the range. `streams` are the stream ids and names the scan covers
   * (undefined: all, named by `nameOf`).
   */
  scan(
    groupId: () => number | undefined,
    streams: ((groupId: number) => Map<number, string>) | undefined,
    nameOf: (streamId: number) => string,
    options: GroupScanOptions,
    plain: AsyncIterable<StoredLogEvent[]>,
  ): AsyncIterable<StoredLogEvent[]>;
}

export function sqliteLogSearch(sql: LogSearchStatements, session: SqliteSession): SqliteLogSearch {
  const { reader, writer } = session;

  function index(
    groupId: number,
    streamId: number,
    events: readonly StoredLogEvent[],
    rowidOf: (i: number) => number,
  ): void {
    if (events.length === 0) return;
    // A large append starts segments of its own, leaving a partly filled last granule
    // behind, rather than rewrite the stream's newest segment to top it up: rewriting a
    // segment costs its whole blob again, while a short granule costs only its summary.
    const row =
      events.length >= REOPEN_BELOW
        ? undefined
        : (writer.statement(sql.openSegment).raw().get(streamId) as
            [id: number, min: number, max: number, granules: Buffer] | undefined);
    const open = row ? reopen(row[3]) : undefined;
    const segments = extendSegments(open?.tail ?? [], events, open?.room, rowidOf);
    segments.forEach((granules, i) => {
      if (granules.length === 0) return;
      const span = segmentSpan(granules);
      if (i === 0 && open && row) {
        // Only the granules that changed are encoded again; the sealed ones are copied.
        const blob = Buffer.concat([open.sealed, encodeSegment(granules)]);
        const min = open.sealed.length > 0 ? Math.min(row[1], span.min) : span.min;
        const max = open.sealed.length > 0 ? Math.max(row[2], span.max) : span.max;
        writer.statement(sql.updateSegment).run(min, max, blob, row[0]);
      } else {
        const blob = encodeSegment(granules);
        writer.statement(sql.insertSegment).run(groupId, streamId, span.min, span.max, blob);
      }
    });
  }

  const backfillAll = writer.db.transaction(() => {
    if (writer.statement('SELECT backfilled FROM log_search_state').pluck().get() === 1) return;
    const read = writer.statement(
      'SELECT rowid, group_id, stream_id, timestamp, seq, ingestion_time, message ' +
        'FROM log_events WHERE rowid > ? ORDER BY rowid LIMIT ?',
    );
    let after = 0;
    for (;;) {
      const rows = read.raw().all(after, BACKFILL_CHUNK) as Array<
        [number, number, number, number, number, number, string]
      >;
      if (rows.length === 0) break;
      // rowid order is append order, so each stream's events come in seq order.
      const byStream = new Map<
        number,
        { groupId: number; events: StoredLogEvent[]; rowids: number[] }
      >();
      for (const [rowid, groupId, streamId, timestamp, seq, ingestionTime, message] of rows) {
        let entry = byStream.get(streamId);
        if (!entry) byStream.set(streamId, (entry = { groupId, events: [], rowids: [] }));
        entry.events.push({ logStreamName: '', timestamp, seq, ingestionTime, message });
        entry.rowids.push(rowid);
      }
      for (const [streamId, { groupId, events, rowids }] of byStream) {
        index(groupId, streamId, events, (i) => rowids[i]!);
      }
      after = rows[rows.length - 1]![0];
    }
    writer.statement('UPDATE log_search_state SET backfilled = 1').run();
  });

  function scan(
    groupIdOf: () => number | undefined,
    streams: ((groupId: number) => Map<number, string>) | undefined,
    nameOf: (streamId: number) => string,
    options: GroupScanOptions,
    plain: AsyncIterable<StoredLogEvent[]>,
  ): AsyncIterable<StoredLogEvent[]> {
    const plan = (terms: SearchTerms, range: PositionRange) => {
      const groupId = groupIdOf();
      if (groupId === undefined) return undefined;
      const chosen = streams?.(groupId);
      const rows = reader
        .statement(sql.groupSegments)
        .raw()
        .all(groupId, range.after.timestamp, range.before.timestamp) as Array<
        [streamId: number, granules: Buffer]
      >;
      const planner = new SearchPlanner(range, terms);
      for (const [streamId, segment] of rows) {
        if (chosen && !chosen.has(streamId)) continue;
        const d = headerDoubles(segment);
        for (let i = 0; i < segmentLength(segment); i++) {
          const at = i * GRANULE_DOUBLES;
          planner.consider(
            segment,
            bitsOffset(i),
            d[at + 3]!,
            d[at]!,
            d[at + 4]!,
            d[at + 1]!,
            d[at + 2]!,
            d[at + 5]!,
            (): IndexedGranule => {
              const header = granuleHeader(segment, i);
              return {
                ...header,
                bits: segment,
                offset: bitsOffset(i),
                load: () => loadGranule(reader, streamId, header, nameOf),
              };
            },
          );
        }
      }
      return planner.finish();
    };
    return narrowedScan((fn) => session.read(fn), plan, groupRange(options), options, plain);
  }

  function expire(groupId: number, before: number): void {
    writer.statement(sql.expire).run(groupId, before);
    const rows = writer.statement(sql.straddling).raw().all(groupId, before, before) as Array<
      [id: number, streamId: number, granules: Buffer]
    >;
    for (const [id, streamId, segment] of rows) {
      const granules = decodeSegment(segment).filter((g) => {
        if (g.minTimestamp >= before) return true;
        const left = loadGranule(writer, streamId, g, () => '').filter(
          (e) => e.timestamp >= before,
        );
        g.count = left.length;
        g.bytes = left.reduce((n, e) => n + Buffer.byteLength(e.message, 'utf8'), 0);
        g.minTimestamp = Math.min(...left.map((e) => e.timestamp));
        return left.length > 0;
      });
      if (granules.length === 0) {
        writer.statement('DELETE FROM log_event_granules WHERE id = ?').run(id);
        continue;
      }
      const span = segmentSpan(granules);
      writer.statement(sql.updateSegment).run(span.min, span.max, encodeSegment(granules), id);
    }
  }

  return { index, backfill: () => backfillAll.immediate(), expire, scan };

  /**
   * A granule's events: by their rows when those are (nearly) contiguous, as a bulk append
   * leaves them (one short range of the table), else through the stream index. The row
   * range is a hint: when it holds fewer events than the granule counted (row ids
   * renumbered, as a VACUUM may do to a table without an INTEGER PRIMARY KEY; or events
   * expired), the stream index answers instead, so a granule is never read short.
   */
  function loadGranule(
    connection: Connection,
    streamId: number,
    g: Omit<Granule, 'bits'>,
    name: (streamId: number) => string,
  ): StoredLogEvent[] {
    const logStreamName = name(streamId);
    const byRows = g.firstRowid > 0 && g.lastRowid - g.firstRowid + 1 <= 2 * g.count;
    let rows = byRows
      ? (connection
          .statement(sql.granuleRows)
          .raw()
          .all(g.firstRowid, g.lastRowid, streamId, g.firstSeq, g.lastSeq) as GranuleRow[])
      : undefined;
    if (!rows || rows.length < g.count) {
      rows = connection
        .statement(sql.granuleEvents)
        .raw()
        .all(streamId, g.minTimestamp, g.maxTimestamp, g.firstSeq, g.lastSeq) as GranuleRow[];
    }
    return rows.map(([timestamp, seq, ingestionTime, message]) => ({
      logStreamName,
      timestamp,
      seq,
      ingestionTime,
      message,
    }));
  }
}
