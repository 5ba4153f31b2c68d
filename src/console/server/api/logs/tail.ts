/**
 * The live tail: server-sent events of every event stored in a group (or one stream) from
 * the moment the client connects, that the filter pattern matches.
 *
 * It is a Live Tail session (src/services/logs/live-tail/session.ts), so it keeps what
 * StartLiveTail keeps: the events the append feed hears (every write path), in the streams
 * it selects, that the filter pattern (compiled as StartLiveTail compiles it, refused with
 * the same AWS message) matches. Its pace is the page's own: updates ten times a second so
 * a line shows at once, and up to 50,000 events an update, so a burst is shown whole
 * (the page keeps the newest 5,000) where StartLiveTail would sample 500 a second. Each event goes out as
 * `event: log`; an update that had to be sampled also sends `event: sampled`.
 */
import type { WireResponse } from '../../../../gateway/protocols/types.js';
import { eventId } from '../../../../services/logs/event-ids.js';
import { compilePattern } from '../../../../services/logs/filter-events.js';
import {
  LiveTailSession,
  type LiveTailPacing,
} from '../../../../services/logs/live-tail/session.js';
import type { LogEventView } from '../../../shared/api-types.js';
import type { ConsoleDeps, ConsoleScope } from '../context.js';

/** Proxies and browsers drop a connection that says nothing for long; a comment is cheap. */
export const KEEP_ALIVE_MS = 15_000;

const CONSOLE_PACING: LiveTailPacing = {
  updateEveryMs: 100,
  maxEventsPerUpdate: 50_000,
  maxBufferedUpdates: 10,
  maxBufferedEvents: 50_000,
};

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
        { feed: deps.queries.logs.appendFeed(), clock: deps.clock },
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
        undefined,
        CONSOLE_PACING,
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
          // One write an update: a burst goes to the socket at once, not a wait per line.
          let chunk = '';
          for (const view of update.sessionResults) {
            chunk += `event: log\ndata: ${JSON.stringify(view)}\n\n`;
          }
          if (update.sessionMetadata.sampled) chunk += 'event: sampled\ndata: {}\n\n';
          if (chunk !== '') await write(chunk);
          quiet = update.sessionResults.length > 0 ? 0 : quiet + 1;
          if (quiet * CONSOLE_PACING.updateEveryMs >= KEEP_ALIVE_MS) {
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
