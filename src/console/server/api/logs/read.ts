/**
 * The logs page's reads, each through the Logs service's own operations (DescribeLogGroups,
 * DescribeLogStreams, FilterLogEvents), so what the console shows is what the API answers.
 */
import { ResourceNotFoundException } from '../../../../services/logs/generated/errors.js';
import type { FilteredLogEvent, LogStream } from '../../../../services/logs/generated/types.js';
import { STREAM_NOT_FOUND } from '../../../../services/logs/lookup.js';
import type {
  LogEventView,
  LogEventsResponse,
  LogGroupsResponse,
  LogStreamsResponse,
} from '../../../shared/api-types.js';
import { callAws, pagesOf, type ConsoleDeps, type ConsoleScope } from '../context.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export async function listGroups(
  deps: ConsoleDeps,
  scope: ConsoleScope,
): Promise<LogGroupsResponse> {
  const groups: LogGroupsResponse['groups'] = [];
  const pages = pagesOf(deps, scope, 'logs', 'DescribeLogGroups', {
    limit: 50,
  });
  for await (const page of pages) {
    for (const group of page.logGroups ?? []) {
      groups.push({
        name: group.logGroupName ?? '',
        arn: group.logGroupArn ?? group.arn ?? '',
        storedBytes: group.storedBytes ?? 0,
        ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
        creationTime: iso(group.creationTime ?? 0) as string,
      });
    }
  }
  return { groups };
}

export async function listStreams(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  group: string,
  limit: number,
): Promise<LogStreamsResponse> {
  const streams: LogStreamsResponse['streams'] = [];
  const pages = pagesOf(deps, scope, 'logs', 'DescribeLogStreams', {
    logGroupName: group,
    orderBy: 'LastEventTime',
    descending: true,
    limit: 50,
  });
  for await (const page of pages) {
    for (const stream of page.logStreams ?? []) {
      if (streams.length === limit) return { streams, truncated: true };
      streams.push(streamView(stream));
    }
  }
  return { streams, truncated: false };
}

function streamView(stream: LogStream): LogStreamsResponse['streams'][number] {
  const first = iso(stream.firstEventTimestamp);
  const last = iso(stream.lastEventTimestamp);
  return {
    name: stream.logStreamName ?? '',
    ...(first ? { firstEventTime: first } : {}),
    ...(last ? { lastEventTime: last } : {}),
    creationTime: iso(stream.creationTime ?? 0) as string,
    storedBytes: stream.storedBytes ?? 0,
  };
}

/** One stream by exact name, or AWS's ResourceNotFoundException. */
export async function findStream(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  group: string,
  stream: string,
): Promise<LogStream> {
  // Names sort, so the exact name is the first stream its own prefix lists.
  const page = await callAws(deps, scope, 'logs', 'DescribeLogStreams', {
    logGroupName: group,
    logStreamNamePrefix: stream,
    limit: 1,
  });
  const found = page.logStreams?.[0];
  if (found?.logStreamName !== stream) throw new ResourceNotFoundException(STREAM_NOT_FOUND);
  return found;
}

/** The newest event time of a group (or of one stream), to start looking back from. */
async function latestEventTime(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  group: string,
  stream: string | undefined,
): Promise<{ latest?: number; earliest?: number }> {
  if (stream) {
    const found = await findStream(deps, scope, group, stream);
    return {
      ...(found.lastEventTimestamp !== undefined ? { latest: found.lastEventTimestamp } : {}),
      ...(found.firstEventTimestamp !== undefined ? { earliest: found.firstEventTimestamp } : {}),
    };
  }
  const page = await callAws(deps, scope, 'logs', 'DescribeLogStreams', {
    logGroupName: group,
    orderBy: 'LastEventTime',
    descending: true,
    limit: 1,
  });
  const latest = page.logStreams?.[0]?.lastEventTimestamp;
  return latest === undefined ? {} : { latest };
}

const FIRST_WINDOW_MS = 60 * 60 * 1000;
/** Past this look-back the whole group is scanned, however old its first event. */
const LONGEST_WINDOW_MS = 32 * 24 * 60 * 60 * 1000;
/** FilterLogEvents pages (of at most 10,000 events) read for one request, at most. */
const MAX_PAGES = 200;

/**
 * The newest `limit` matching events, oldest first. FilterLogEvents reads forward in time,
 * so rather than scanning a group from its first event the search looks back a window
 * from the newest event and widens it until it holds `limit` matches or covers everything:
 * a page of a busy stream reads about the events it shows, not the stream's whole life.
 */
export async function newestEvents(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  query: { group: string; stream?: string; filter?: string; limit: number },
): Promise<LogEventsResponse> {
  const { latest, earliest } = await latestEventTime(deps, scope, query.group, query.stream);
  let window = FIRST_WINDOW_MS;
  let pages = 0;
  for (;;) {
    const everything =
      latest === undefined ||
      window > LONGEST_WINDOW_MS ||
      (earliest !== undefined && latest - window <= earliest);
    const startTime = everything ? undefined : latest - window;
    const kept: FilteredLogEvent[] = [];
    let truncated = false;
    const found = pagesOf(deps, scope, 'logs', 'FilterLogEvents', {
      logGroupName: query.group,
      ...(query.stream ? { logStreamNames: [query.stream] } : {}),
      ...(query.filter ? { filterPattern: query.filter } : {}),
      ...(startTime !== undefined ? { startTime } : {}),
    });
    for await (const page of found) {
      kept.push(...(page.events ?? []));
      // Only the newest `limit` are shown: drop the rest as the scan goes.
      if (kept.length > query.limit) kept.splice(0, kept.length - query.limit);
      pages += 1;
      if (pages >= MAX_PAGES && page.nextToken) {
        truncated = true;
        break;
      }
    }
    if (everything || truncated || kept.length >= query.limit) {
      return { events: kept.map(eventView), truncated };
    }
    window *= 8;
  }
}

export function eventView(event: FilteredLogEvent): LogEventView {
  return {
    stream: event.logStreamName ?? '',
    timestamp: iso(event.timestamp ?? 0) as string,
    ingestionTime: iso(event.ingestionTime ?? 0) as string,
    message: event.message ?? '',
    eventId: event.eventId ?? '',
  };
}
