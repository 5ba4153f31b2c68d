/**
 * `putBatchToNewStream` for many streams of one group at once: what a CloudWatch Logs
 * target does for the firings of one instant (each event in a stream of its own). The
 * group is read once, the streams' records are inserted by one batch write, every stream's
 * events appended by another, the streams read back by one read (nothing may outlive a
 * stream deleted meanwhile), and the group's metric filters listed once (alongside the
 * group's read). Each batch gets
 * the answer `putBatchToNewStream` would have given it: its outcome, undefined (nothing
 * written) when its stream existed, or its own error when PutLogEvents refuses it (the
 * empty stream is still made, as creating it and then putting would leave it).
 */
import { manyElseEach } from '../../engine/group-commit.js';
import type { NewLogEvent, StoredLogEvent, StreamAppend } from '../../store/log-events.js';
import type { Scope } from '../../store/types.js';
import type { LogsDeps } from './deps.js';
import { requireGroup } from './lookup.js';
import { groupMetricFilters } from './metric-filters/apply.js';
import {
  afterAppends,
  checkBatch,
  outcome,
  screen,
  uploaded,
  type BatchOutcome,
} from './put-events.js';
import { STREAMS, streamId, type LogStreamRecord } from './records.js';
import type { RetentionSweeper } from './retention.js';

export interface NewStreamBatch {
  logStreamName: string;
  events: readonly NewLogEvent[];
}

export type NewStreamAnswer = PromiseSettledResult<BatchOutcome | undefined>;

/**
 * Stream names must be distinct. Throws (for every batch) only before anything is
 * written: the group is missing, or reading it or inserting the streams failed (one
 * atomic write), so the caller may make each delivery again on its own.
 */
export async function putBatchesToNewStreams(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  scope: Scope,
  logGroupName: string,
  batches: readonly NewStreamBatch[],
): Promise<NewStreamAnswer[]> {
  // The group's filters are read alongside the group: one round trip fewer to wait for.
  const [group, filters] = await Promise.all([
    requireGroup(deps, scope, logGroupName),
    groupMetricFilters(deps, scope, logGroupName),
  ]);
  const streams = deps.store.collection<LogStreamRecord>(STREAMS);
  const now = deps.clock.nowMs();
  const planned = batches.map((batch) => {
    const empty: LogStreamRecord = {
      logGroupName,
      logStreamName: batch.logStreamName,
      creationTime: now,
      uploads: 0,
      storedBytes: 0,
    };
    try {
      checkBatch(batch.events);
    } catch (refused) {
      return { batch, record: empty, refused };
    }
    const screened = screen(batch.events, group, now);
    return { batch, record: uploaded(empty, screened.accepted, now), screened };
  });
  const inserted = await streams.insertMany(
    planned.map((p) => ({
      scope,
      id: streamId(logGroupName, p.batch.logStreamName),
      value: p.record,
    })),
  );
  // From here the streams exist: nothing may be done twice, so no failure is thrown to
  // the caller (who would make every delivery again); each is reported where it belongs.
  const written = planned.filter(
    (p, i) => inserted[i] === true && p.screened && p.screened.accepted.length > 0,
  );
  const appends = await appendEach(
    deps,
    written.map((p) => ({
      scope,
      logGroupName,
      logStreamName: p.batch.logStreamName,
      events: p.screened!.accepted,
    })),
    now,
  );
  const failed = new Map<PlannedBatch, unknown>();
  const appended: Array<{ logStreamName: string; stored: StoredLogEvent[] }> = [];
  written.forEach((p, i) => {
    const append = appends[i]!;
    if (append.status === 'rejected') failed.set(p, append.reason);
    else appended.push({ logStreamName: p.batch.logStreamName, stored: append.value });
  });
  try {
    await dropEventsOfDeletedStreams(deps, scope, logGroupName, appended);
    await afterAppends(deps, sweeper, scope, group, appended, filters);
  } catch (error) {
    // As putBatchToNewStream fails after its append: the deliveries whose events were stored.
    for (const p of written) if (!failed.has(p)) failed.set(p, error);
  }
  return planned.map((p, i): NewStreamAnswer => {
    if (!p.screened) return { status: 'rejected', reason: p.refused };
    if (inserted[i] !== true) return { status: 'fulfilled', value: undefined };
    if (failed.has(p)) return { status: 'rejected', reason: failed.get(p) };
    return { status: 'fulfilled', value: outcome(1, p.screened.rejected, p.screened.accepted) };
  });
}

type PlannedBatch = { batch: NewStreamBatch };

/** Every stream's events in one write; should it fail, each stream's on its own. */
async function appendEach(
  deps: LogsDeps,
  appends: readonly StreamAppend[],
  now: number,
): Promise<Array<PromiseSettledResult<StoredLogEvent[]>>> {
  const { logEvents } = deps.store;
  return manyElseEach(
    appends,
    (all) => logEvents.appendMany(all, now),
    (a) => logEvents.append(a.scope, a.logGroupName, a.logStreamName, a.events, now),
  );
}

/** Streams deleted while their events were being written lose those events. */
async function dropEventsOfDeletedStreams(
  deps: LogsDeps,
  scope: Scope,
  logGroupName: string,
  appended: ReadonlyArray<{ logStreamName: string }>,
): Promise<void> {
  if (appended.length === 0) return;
  const records = await deps.store
    .collection<LogStreamRecord>(STREAMS)
    .getMany(appended.map((a) => ({ scope, id: streamId(logGroupName, a.logStreamName) })));
  for (const [i, record] of records.entries()) {
    if (record) continue;
    const { logStreamName } = appended[i]!;
    await deps.store.logEvents.deleteStream(scope, logGroupName, logStreamName);
  }
}
