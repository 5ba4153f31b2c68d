/**
 * CloudWatch Logs events: the one kind of data teiki keeps in bulk (every line every task
 * prints), so it has its own port beside the record collections, indexed by
 * (scope, group, stream, timestamp) so that reading a stream, filtering a group and
 * expiring old events stay fast when a group holds millions of events.
 *
 * The Logs service owns the meaning (AWS's PutLogEvents rules, tokens, retention); this
 * port only stores, orders and scans. Order is (timestamp, seq): `seq` is assigned by the
 * store at append, increasing per store, so events with equal timestamps keep the order
 * they were appended in and a cursor is exact.
 */
import type { Scope } from './types.js';

export interface NewLogEvent {
  /** Milliseconds since the epoch, as the producer stamped it. */
  timestamp: number;
  message: string;
}

export interface StoredLogEvent extends NewLogEvent {
  logStreamName: string;
  /** Milliseconds since the epoch, when the store received it. */
  ingestionTime: number;
  /** Store-assigned, increasing; ties on timestamp are ordered by it. */
  seq: number;
}

/** A position between events: everything strictly after (or before) it. */
export interface LogCursor {
  timestamp: number;
  seq: number;
}

export interface StreamReadOptions {
  /** Inclusive lower bound on timestamp. */
  startTime?: number;
  /** Exclusive upper bound on timestamp (AWS's endTime is exclusive). */
  endTime?: number;
  /** Ascending from the oldest (true) or descending from the newest (false). */
  ascending: boolean;
  /** Resume strictly after this position in the chosen direction. */
  from?: LogCursor;
  limit: number;
}

export interface GroupScanOptions {
  /** Only these streams; absent means every stream of the group. */
  logStreamNames?: readonly string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  /** Resume strictly after this position (ascending order only, as FilterLogEvents). */
  from?: LogCursor;
  /**
   * Case-sensitive substrings every wanted event contains (a filter pattern's terms, an
   * Insights `like`). A store with a search index yields only events containing all of
   * them and reads as few others as it can; a store without one may ignore this and yield
   * every event, so callers still test each event they get. A search sees the events
   * stored when it starts.
   */
  contains?: readonly string[];
  /**
   * Told how many events in the range (and their messages' UTF-8 bytes) the scan passed
   * over for lacking one of `contains`, so a caller can count what it searched (Logs
   * Insights' recordsScanned). Never called by a store that ignores `contains`.
   */
  onSkipped?: (events: number, bytes: number) => void;
}

/** Events for one stream, one of many appended together (`appendMany`). */
export interface StreamAppend {
  scope: Scope;
  logGroupName: string;
  logStreamName: string;
  events: readonly NewLogEvent[];
}

export interface LogEventStore {
  /** Appends events to one stream in one atomic write; returns them as stored. */
  append(
    scope: Scope,
    logGroupName: string,
    logStreamName: string,
    events: readonly NewLogEvent[],
    ingestionTime: number,
  ): Promise<StoredLogEvent[]>;
  /**
   * `append` to many streams (of any groups) in one atomic write: one statement on
   * PostgreSQL, one transaction elsewhere. Answers each append's events as stored, in order.
   */
  appendMany(appends: readonly StreamAppend[], ingestionTime: number): Promise<StoredLogEvent[][]>;
  /** One stream's events in time order (or reverse), at most `limit`. */
  readStream(
    scope: Scope,
    logGroupName: string,
    logStreamName: string,
    options: StreamReadOptions,
  ): Promise<StoredLogEvent[]>;
  /**
   * A group's events across streams, interleaved by (timestamp, seq), ascending, yielded
   * in batches so a caller filtering a million events never holds them all at once.
   * Batches are never empty; with `contains` they may be shorter than the store's batch.
   */
  scanGroup(
    scope: Scope,
    logGroupName: string,
    options: GroupScanOptions,
  ): AsyncIterable<StoredLogEvent[]>;
  deleteStream(scope: Scope, logGroupName: string, logStreamName: string): Promise<void>;
  deleteGroup(scope: Scope, logGroupName: string): Promise<void>;
  /** Removes a group's events with timestamp < `before`; returns how many went. */
  expire(scope: Scope, logGroupName: string, before: number): Promise<number>;
}
