/**
 * FilterLogEvents: a group's events across its streams, in time order, that match a
 * filter pattern. The scan resumes from the store cursor a token carries, so paging over
 * a million events reads each of them once, and it hands the store the pattern's terms,
 * so a store with a search index reads only the events that may hold them. A token is only given when another matching
 * event is known to follow (or the look-ahead that checks was cut short), so the SDK
 * paginator stops on the last page instead of asking once more.
 */
import { compileFilterPattern, FilterPatternError } from '../../engine/log-patterns/index.js';
import type { CompiledFilterPattern, FilterPatternUsage } from '../../engine/log-patterns/api.js';
import type { LogCursor, StoredLogEvent } from '../../store/log-events.js';
import { WorkSlices } from '../../engine/work-slices.js';
import { decodePageToken, encodePageToken } from '../paging.js';
import type { RequestContext } from '../context.js';
import type { LogsDeps } from './deps.js';
import { eventId } from './event-ids.js';
import { MAX_RESPONSE_BYTES } from './get-events.js';
import { InvalidParameterException } from './generated/errors.js';
import type {
  FilteredLogEvent,
  FilterLogEventsRequest,
  FilterLogEventsResponse,
} from './generated/types.js';
import { groupNameOf, INVALID_NEXT_TOKEN, requireGroup } from './lookup.js';
import { eventBytes } from './records.js';
import { visibleStart, type RetentionSweeper } from './retention.js';
import { scopeOf } from '../context.js';

const MAX_EVENTS = 10_000;
/** Events examined past a full page while looking for one more match. */
const LOOKAHEAD = 10_000;

export function compilePattern(
  pattern: string,
  usage: FilterPatternUsage = 'filter',
): CompiledFilterPattern {
  try {
    return compileFilterPattern(pattern, { usage });
  } catch (error) {
    if (error instanceof FilterPatternError) throw new InvalidParameterException(error.message);
    throw error;
  }
}

export async function filterLogEvents(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  input: FilterLogEventsRequest,
  ctx: RequestContext,
): Promise<FilterLogEventsResponse> {
  const scope = scopeOf(ctx);
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw new InvalidParameterException(
      'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
    );
  }
  const groupName = groupNameOf(scope, input);
  const group = await requireGroup(deps, scope, groupName);
  const pattern =
    input.filterPattern === undefined ? undefined : compilePattern(input.filterPattern);
  const from = input.nextToken === undefined ? undefined : readCursor(input.nextToken);
  await sweeper.sweep(scope, group);

  const limit = Math.min(input.limit ?? MAX_EVENTS, MAX_EVENTS);
  const startTime = visibleStart(group, deps.clock.nowMs(), input.startTime);
  const scan = deps.store.logEvents.scanGroup(scope, groupName, {
    ...(input.logStreamNames !== undefined ? { logStreamNames: input.logStreamNames } : {}),
    ...(input.logStreamNamePrefix !== undefined
      ? { logStreamNamePrefix: input.logStreamNamePrefix }
      : {}),
    ...(startTime !== undefined ? { startTime } : {}),
    ...(input.endTime !== undefined ? { endTime: input.endTime } : {}),
    ...(from ? { from } : {}),
    // The pattern's terms let the store's search index skip events that cannot match.
    ...(pattern && pattern.requiredSubstrings.length > 0
      ? { contains: pattern.requiredSubstrings }
      : {}),
  });

  const events: FilteredLogEvent[] = [];
  let bytes = 0;
  let full = false;
  let lookedAhead = 0;
  let more = false;
  let last: StoredLogEvent | undefined;
  // A group of millions of events is scanned in slices, between which others are served.
  const slices = new WorkSlices();
  scanning: for await (const batch of scan) {
    await slices.pause();
    for (const event of batch) {
      if (full && ++lookedAhead > LOOKAHEAD) {
        more = true;
        break scanning;
      }
      if (pattern && !pattern.matches(event.message)) continue;
      const size = eventBytes(event.message);
      if (full || bytes + size > MAX_RESPONSE_BYTES) {
        more = true;
        break scanning;
      }
      events.push({
        logStreamName: event.logStreamName,
        timestamp: event.timestamp,
        message: event.message,
        ingestionTime: event.ingestionTime,
        eventId: eventId(event),
      });
      bytes += size;
      last = event;
      full = events.length === limit;
    }
  }
  return {
    events,
    ...(more && last ? { nextToken: cursorToken(last) } : {}),
    // AWS stopped reporting searched streams in 2020 and answers an empty list.
    searchedLogStreams: [],
  };
}

function cursorToken(cursor: LogCursor): string {
  return encodePageToken(`${cursor.timestamp}.${cursor.seq}`);
}

function readCursor(token: string): LogCursor {
  const match = /^(\d+)\.(\d+)$/.exec(decodePageToken(token) ?? '');
  if (!match) throw new InvalidParameterException(INVALID_NEXT_TOKEN);
  return { timestamp: Number(match[1]), seq: Number(match[2]) };
}
