/** DescribeReplay, ListReplays and CancelReplay. */
import type { RequestContext } from '../../context.js';
import type { EventsDeps } from '../deps.js';
import { validationError } from '../errors.js';
import type {
  CancelReplayRequest,
  CancelReplayResponse,
  DescribeReplayRequest,
  DescribeReplayResponse,
  ListReplaysRequest,
  ListReplaysResponse,
  Replay,
} from '../generated/types.js';
import { pageOf, pageStart } from '../pages.js';
import { notCancellable, replayNotFound } from './errors.js';
import { replays, type ReplayRecord } from './records.js';
import { scopeOf } from '../../context.js';

function listedReplay(record: ReplayRecord): Replay {
  return {
    ReplayName: record.name,
    EventSourceArn: record.eventSourceArn,
    State: record.state,
    ...(record.stateReason !== undefined ? { StateReason: record.stateReason } : {}),
    EventStartTime: new Date(record.eventStartTime),
    EventEndTime: new Date(record.eventEndTime),
    ...(record.eventLastReplayedTime !== undefined
      ? { EventLastReplayedTime: new Date(record.eventLastReplayedTime) }
      : {}),
    ReplayStartTime: new Date(record.replayStartTime),
    ...(record.replayEndTime !== undefined
      ? { ReplayEndTime: new Date(record.replayEndTime) }
      : {}),
  };
}

export async function describeReplay(
  deps: EventsDeps,
  input: DescribeReplayRequest,
  ctx: RequestContext,
): Promise<DescribeReplayResponse> {
  const record = await replays(deps.store).get(scopeOf(ctx), input.ReplayName);
  if (!record) throw replayNotFound(input.ReplayName);
  return {
    ...listedReplay(record),
    ReplayArn: record.arn,
    ...(record.description !== undefined ? { Description: record.description } : {}),
    Destination: structuredClone(record.destination),
  };
}

export async function listReplays(
  deps: EventsDeps,
  input: ListReplaysRequest,
  ctx: RequestContext,
): Promise<ListReplaysResponse> {
  const filters = [input.NamePrefix, input.EventSourceArn, input.State].filter(
    (f) => f !== undefined,
  );
  if (filters.length > 1) {
    // A peer implementation's record of AWS's wording (not confirmed here).
    throw validationError(
      'At most one filter is allowed for ListReplays. Use either : State, EventSourceArn, or NamePrefix.',
    );
  }
  const after = pageStart(input.NextToken);
  const all = (
    await replays(deps.store).list(scopeOf(ctx), { prefix: input.NamePrefix ?? '' })
  ).map((entry) => entry.value);
  const kept = all.filter(
    (record) =>
      (input.State === undefined || record.state === input.State) &&
      (input.EventSourceArn === undefined || record.eventSourceArn === input.EventSourceArn),
  );
  const page = pageOf(kept, (record) => record.name, after, input.Limit);
  return {
    Replays: page.items.map(listedReplay),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}

/** A STARTING or RUNNING replay becomes CANCELLING; the runner ends it CANCELLED. */
export async function cancelReplay(
  deps: EventsDeps,
  input: CancelReplayRequest,
  ctx: RequestContext,
): Promise<CancelReplayResponse> {
  const scope = scopeOf(ctx);
  const record = await deps.store.transaction(async (tx) => {
    const current = await replays(tx).get(scope, input.ReplayName);
    if (!current) throw replayNotFound(input.ReplayName);
    if (current.state !== 'STARTING' && current.state !== 'RUNNING') {
      throw notCancellable(input.ReplayName);
    }
    const next: ReplayRecord = { ...current, state: 'CANCELLING' };
    await replays(tx).put(scope, next.name, next);
    return next;
  });
  deps.replays.poke(scope, record.name);
  return { ReplayArn: record.arn, State: record.state };
}
