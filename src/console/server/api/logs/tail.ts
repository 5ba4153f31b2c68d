/**
 * The live tail: server-sent events of every event stored in a group (or one stream) from
 * the moment the client connects, that the filter pattern matches.
 *
 * New events come from the Logs service's append feed (told by PutLogEvents' own write
 * path, whoever called it: the API, the awslogs driver, a Logs target) rather than from
 * polling the store: the store orders events by their producer's timestamp, so a keyset
 * on it misses a late batch stamped earlier, and it has no index on arrival to poll by.
 * The pattern is compiled by FilterLogEvents' own `compilePattern`, so a pattern means the
 * same here as in the events list and is refused with the same AWS message.
 */
import type { WireResponse } from '../../../../gateway/protocols/types.js';
import { logAppendFeed, type AppendedLogEvents } from '../../../../services/logs/append-feed.js';
import { eventId } from '../../../../services/logs/event-ids.js';
import { compilePattern } from '../../../../services/logs/filter-events.js';
import type { LogEventView } from '../../../shared/api-types.js';
import type { ConsoleDeps, ConsoleScope } from '../context.js';

/** Proxies and browsers drop a connection that says nothing for long; a comment is cheap. */
export const KEEP_ALIVE_MS = 15_000;

export interface TailQuery {
  group: string;
  stream?: string;
  filter?: string;
}

/** The tail's response; the group, stream and pattern must have been checked already. */
export function tailResponse(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  query: TailQuery,
): WireResponse {
  const pattern = query.filter ? compilePattern(query.filter) : undefined;
  const matches = (appended: AppendedLogEvents) =>
    appended.scope.accountId === scope.accountId &&
    appended.scope.region === scope.region &&
    appended.logGroupName === query.group &&
    (query.stream === undefined || appended.logStreamName === query.stream);

  return {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // Tells nginx-like proxies in front of teiki not to hold the events back.
      'x-accel-buffering': 'no',
    },
    body: '',
    stream: (write, closed) =>
      new Promise<void>((resolve) => {
        const unsubscribe = logAppendFeed(deps.store.logEvents).subscribe((appended) => {
          if (!matches(appended)) return;
          for (const event of appended.events) {
            if (pattern && !pattern.matches(event.message)) continue;
            const view: LogEventView = {
              stream: appended.logStreamName,
              timestamp: new Date(event.timestamp).toISOString(),
              ingestionTime: new Date(event.ingestionTime).toISOString(),
              message: event.message,
              eventId: eventId(event),
            };
            write(`event: log\ndata: ${JSON.stringify(view)}\n\n`);
          }
        });
        // Wall-clock pacing of a network connection, not schedule logic: a virtual clock
        // standing still must not let the connection go quiet.
        const keepAlive = setInterval(() => write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        const finish = () => {
          clearInterval(keepAlive);
          unsubscribe();
          resolve();
        };
        if (closed.aborted) {
          finish();
          return;
        }
        closed.addEventListener('abort', finish, { once: true });
        write('event: ready\ndata: {}\n\n');
      }),
  };
}
