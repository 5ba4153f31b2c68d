/** Log streams: creation, deletion and DescribeLogStreams with AWS's orderings. */
import type { Entry, Scope } from '../../store/types.js';
import { encodePageToken } from '../paging.js';
import type { RequestContext } from '../context.js';
import type { LogsDeps } from './deps.js';
import {
  InvalidParameterException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from './generated/errors.js';
import type {
  CreateLogStreamRequest,
  DeleteLogStreamRequest,
  DescribeLogStreamsRequest,
  DescribeLogStreamsResponse,
  LogStream,
} from './generated/types.js';
import { groupNameOf, requireGroup, STREAM_NOT_FOUND } from './lookup.js';
import { filteredPage, readToken } from './pages.js';
import {
  logStreamArn,
  sequenceToken,
  STREAMS,
  streamId,
  streamPrefix,
  type LogStreamRecord,
} from './records.js';
import type { RetentionSweeper } from './retention.js';
import { scopeOf } from '../context.js';

type Empty = Record<string, never>;

const DEFAULT_LIMIT = 50;

export async function createLogStream(
  deps: LogsDeps,
  input: CreateLogStreamRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const created = await insertLogStream(deps, scopeOf(ctx), input);
  if (!created) {
    throw new ResourceAlreadyExistsException('The specified log stream already exists');
  }
  return {};
}

/**
 * Creates a stream as CreateLogStream does (ResourceNotFoundException without its group),
 * for teiki's own producers that have no request; `false`, and no change, when it exists.
 */
export async function insertLogStream(
  deps: LogsDeps,
  scope: Scope,
  input: CreateLogStreamRequest,
): Promise<boolean> {
  await requireGroup(deps, scope, input.logGroupName);
  const record: LogStreamRecord = {
    logGroupName: input.logGroupName,
    logStreamName: input.logStreamName,
    creationTime: deps.clock.nowMs(),
    uploads: 0,
    storedBytes: 0,
  };
  return deps.store
    .collection<LogStreamRecord>(STREAMS)
    .insert(scope, streamId(input.logGroupName, input.logStreamName), record);
}

export async function deleteLogStream(
  deps: LogsDeps,
  input: DeleteLogStreamRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const scope = scopeOf(ctx);
  await requireGroup(deps, scope, input.logGroupName);
  const deleted = await deps.store
    .collection<LogStreamRecord>(STREAMS)
    .delete(scope, streamId(input.logGroupName, input.logStreamName));
  if (!deleted) throw new ResourceNotFoundException(STREAM_NOT_FOUND);
  await deps.store.logEvents.deleteStream(scope, input.logGroupName, input.logStreamName);
  return {};
}

export async function describeLogStreams(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  input: DescribeLogStreamsRequest,
  ctx: RequestContext,
): Promise<DescribeLogStreamsResponse> {
  const scope = scopeOf(ctx);
  const orderBy = input.orderBy ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) {
    throw new InvalidParameterException(
      'Cannot order by LastEventTime with a logStreamNamePrefix.',
    );
  }
  const groupName = groupNameOf(scope, input);
  const group = await requireGroup(deps, scope, groupName);
  const after = readToken(input.nextToken);
  await sweeper.sweep(scope, group);
  const pageSize = input.limit ?? DEFAULT_LIMIT;
  const collection = deps.store.collection<LogStreamRecord>(STREAMS);

  if (orderBy === 'LogStreamName' && !input.descending) {
    // The collection's own order is the answer: page through it without loading the rest.
    const page = await filteredPage(collection, scope, {
      prefix: streamPrefix(groupName) + (input.logStreamNamePrefix ?? ''),
      afterId: after === undefined ? undefined : streamId(groupName, after),
      pageSize,
      keep: () => true,
    });
    return answer(
      scope,
      page.items,
      page.nextToken === undefined ? undefined : tokenAfter(page.items, sortKeyByName),
    );
  }

  const sortKey = orderBy === 'LastEventTime' ? sortKeyByLastEvent : sortKeyByName;
  const all = await collection.list(scope, {
    prefix: streamPrefix(groupName) + (input.logStreamNamePrefix ?? ''),
  });
  const ordered = all
    .map((entry) => ({ entry, key: sortKey(entry.value) }))
    .sort((a, b) => compare(a.key, b.key) * (input.descending ? -1 : 1));
  const start =
    after === undefined
      ? 0
      : ordered.findIndex((item) => compare(item.key, after) * (input.descending ? -1 : 1) > 0);
  const rest = start < 0 ? [] : ordered.slice(start);
  const items = rest.slice(0, pageSize).map((item) => item.entry);
  return answer(scope, items, rest.length > pageSize ? tokenAfter(items, sortKey) : undefined);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeyByName(stream: LogStreamRecord): string {
  return stream.logStreamName;
}

/** Sorts by last event time then name; streams without events come first. */
function sortKeyByLastEvent(stream: LogStreamRecord): string {
  return `${String(stream.lastEventTimestamp ?? 0).padStart(16, '0')}:${stream.logStreamName}`;
}

function tokenAfter(
  items: Entry<LogStreamRecord>[],
  sortKey: (stream: LogStreamRecord) => string,
): string | undefined {
  const last = items[items.length - 1];
  return last ? encodePageToken(sortKey(last.value)) : undefined;
}

function answer(
  scope: Scope,
  items: Entry<LogStreamRecord>[],
  nextToken: string | undefined,
): DescribeLogStreamsResponse {
  return {
    logStreams: items.map((entry) => describeStream(scope, entry.value)),
    ...(nextToken !== undefined ? { nextToken } : {}),
  };
}

export function describeStream(scope: Scope, stream: LogStreamRecord): LogStream {
  const out: LogStream = {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
  };
  if (stream.firstEventTimestamp !== undefined)
    out.firstEventTimestamp = stream.firstEventTimestamp;
  if (stream.lastEventTimestamp !== undefined) out.lastEventTimestamp = stream.lastEventTimestamp;
  if (stream.lastIngestionTime !== undefined) out.lastIngestionTime = stream.lastIngestionTime;
  if (stream.uploads > 0) out.uploadSequenceToken = sequenceToken(stream.uploads);
  out.arn = logStreamArn(scope, stream.logGroupName, stream.logStreamName);
  // Deprecated for streams: AWS has reported 0 since June 2019 (the group's count is real).
  out.storedBytes = 0;
  return out;
}
