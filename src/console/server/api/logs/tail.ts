/**
 * The live tail: server-sent events of every event stored in a group (or one stream) from
 * the moment the client connects, that the filter pattern matches.
 *
 * It is a Live Tail session (src/services/logs/live-tail/session.ts), so it keeps what
 * StartLiveTail keeps and paces it the same way: the events the append feed hears (every
 * write path), the filter pattern compiled as StartLiveTail compiles it (refused with the
 * same AWS message), an update a second with at most 500 events, sampled beyond that. Each
 * event goes out as `event: log`; a sampled second also sends `event: sampled`.
 */
import type { WireResponse } from '../../../../gateway/protocols/types.js';
import { logAppendFeed } from '../../../../services/logs/append-feed.js';
import { eventId } from '../../../../services/logs/event-ids.js';
import { compilePattern } from '../../../../services/logs/filter-events.js';
import { LiveTailSession } from '../../../../services/logs/live-tail/session.js';
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
  return {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // Tells nginx-like proxies in front of teiki not to hold the events back.
      'x-accel-buffering': 'no',
    },
    body: '',
    stream: async (write, closed) => {
      const session = new LiveTailSession<LogEventView>(
        { feed: logAppendFeed(deps.store.logEvents), clock: deps.clock },
        {
          scope,
          groups: new Map([[query.group, query.group]]),
          ...(query.stream ? { logStreamNames: [query.stream] } : {}),
          ...(pattern ? { pattern } : {}),
        },
        { logGroupIdentifiers: [query.group] },
        (_, stream, event) => ({
          stream,
          timestamp: new Date(event.timestamp).toISOString(),
          ingestionTime: new Date(event.ingestionTime).toISOString(),
          message: event.message,
          eventId: eventId(event),
        }),
      );
      const stop = new Promise<'closed'>((resolve) => {
        if (closed.aborted) resolve('closed');
        closed.addEventListener('abort', () => resolve('closed'), { once: true });
      });
      let quiet = 0;
      try {
        for (;;) {
          const next = await Promise.race([session.next(), stop]);
          if (next === 'closed' || next.done) return;
          if ('sessionStart' in next.value) {
            await write('event: ready\ndata: {}\n\n');
            continue;
          }
          const update = next.value.sessionUpdate;
          for (const view of update.sessionResults) {
            await write(`event: log\ndata: ${JSON.stringify(view)}\n\n`);
          }
          if (update.sessionMetadata.sampled) await write('event: sampled\ndata: {}\n\n');
          quiet = update.sessionResults.length > 0 ? 0 : quiet + 1;
          if (quiet * 1_000 >= KEEP_ALIVE_MS) {
            quiet = 0;
            await write(': keep-alive\n\n');
          }
        }
      } catch {
        // The session's three hours are up: the browser's EventSource reconnects.
      } finally {
        await session.return();
      }
    },
  };
}
