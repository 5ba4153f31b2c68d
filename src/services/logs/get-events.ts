/**
 * GetLogEvents: one stream's events, newest first by default, with AWS's forward and
 * backward tokens. A token is a position between events (see event-ids.ts); a page read
 * from it returns the positions of its first and last events, and a page with nothing
 * new returns the token that was sent, which is how callers (and the SDK paginator)
 * recognise the end of the stream.
 */
import type { LogCursor, StoredLogEvent } from '../../store/log-events.js';
import type { RequestContext } from '../context.js';
import type { LogsDeps } from './deps.js';
import { parseStreamToken, streamToken, type Direction } from './event-ids.js';
import { InvalidParameterException } from './generated/errors.js';
import type { GetLogEventsRequest, GetLogEventsResponse } from './generated/types.js';
import { groupNameOf, INVALID_NEXT_TOKEN, requireGroup, requireStream } from './lookup.js';
import { eventBytes } from './records.js';
import { visibleStart, type RetentionSweeper } from './retention.js';
import { scopeOf } from '../context.js';

const MAX_EVENTS = 10_000;
/** AWS returns at most 1 MB of events per call. */
export const MAX_RESPONSE_BYTES = 1_048_576;

export async function getLogEvents(
  deps: LogsDeps,
  sweeper: RetentionSweeper,
  input: GetLogEventsRequest,
  ctx: RequestContext,
): Promise<GetLogEventsResponse> {
  const scope = scopeOf(ctx);
  const groupName = groupNameOf(scope, input);
  const group = await requireGroup(deps, scope, groupName);
  await requireStream(deps, scope, groupName, input.logStreamName);
  const token = input.nextToken === undefined ? undefined : parseStreamToken(input.nextToken);
  if (input.nextToken !== undefined && token === undefined) {
    throw new InvalidParameterException(INVALID_NEXT_TOKEN);
  }
  await sweeper.sweep(scope, group);

  const direction: Direction = token?.direction ?? (input.startFromHead ? 'f' : 'b');
  const startTime = visibleStart(group, deps.clock.nowMs(), input.startTime);
  const read = await deps.store.logEvents.readStream(scope, groupName, input.logStreamName, {
    ...(startTime !== undefined ? { startTime } : {}),
    ...(input.endTime !== undefined ? { endTime: input.endTime } : {}),
    ascending: direction === 'f',
    ...(token ? { from: token.cursor } : {}),
    limit: Math.min(input.limit ?? MAX_EVENTS, MAX_EVENTS),
  });
  const page = withinBytes(read);
  if (direction === 'b') page.reverse();

  const first = page[0];
  const last = page[page.length - 1];
  if (!first || !last) {
    // Nothing (more) in this direction: hand back the position the caller is at.
    const at: LogCursor = token?.cursor ?? { timestamp: startTime ?? 0, seq: 0 };
    return {
      events: [],
      nextForwardToken: streamToken('f', at),
      nextBackwardToken: streamToken('b', at),
    };
  }
  return {
    events: page.map((event) => ({
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
    })),
    nextForwardToken: streamToken('f', last),
    nextBackwardToken: streamToken('b', first),
  };
}

/** The leading events (in read order) that fit in one response. */
function withinBytes(events: StoredLogEvent[]): StoredLogEvent[] {
  let bytes = 0;
  for (const [index, event] of events.entries()) {
    bytes += eventBytes(event.message);
    if (bytes > MAX_RESPONSE_BYTES) return events.slice(0, index);
  }
  return events;
}
