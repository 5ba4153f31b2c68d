/**
 * A group's (or one stream's) events: the newest that match the filter pattern, then,
 * with the live tail on, every new one as it is stored. The pattern is FilterLogEvents'
 * own (the server compiles it), so a bad one shows AWS's message.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LogEventsResponse, LogEventView } from '../../../shared/api-types.js';
import { useApi } from '../../api.js';
import { ErrorBox, Loading, Section } from '../../components/common.js';
import { useZone } from '../../components/time.js';
import { setQuery } from '../../router.js';
import { LogLines } from './lines.js';
import { keepNewest, MAX_LINES, useLiveTail, type LiveTail } from './tail.js';

/** The listed events, then the tail's that the list does not have yet, newest MAX_LINES. */
function mergeLines(listed: LogEventView[], tailed: LogEventView[]): LogEventView[] {
  const seen = new Set(listed.map((e) => e.eventId));
  return keepNewest([...listed, ...tailed.filter((e) => !seen.has(e.eventId))], MAX_LINES);
}

export function EventsPanel(props: {
  group: string;
  stream: string;
  filter: string;
  tail: boolean;
}) {
  const { group, stream, filter } = props;
  const listed = useApi<LogEventsResponse>('logs/events', { group, stream, filter });
  const tail = useLiveTail(
    { group, ...(stream ? { stream } : {}), ...(filter ? { filter } : {}) },
    props.tail && !listed.error,
    listed.reload,
  );
  // After a refused pattern the last good list would sit under the error as if it matched.
  const shown = listed.error ? undefined : listed.data;
  const lines = useMemo(() => mergeLines(shown?.events ?? [], tail.events), [shown, tail.events]);
  const zone = useZone();

  return (
    <Section
      title={stream ? `Events of ${stream}` : `Events of all streams`}
      actions={
        <>
          <Loading loading={listed.loading} />
          <button type="button" onClick={listed.reload}>
            Reload events
          </button>
        </>
      }
    >
      <FilterForm filter={filter} />
      <div class="logs-tail-bar">
        <button
          type="button"
          class={props.tail ? undefined : 'primary'}
          aria-pressed={props.tail}
          disabled={!props.tail && listed.error !== undefined}
          onClick={() => setQuery({ tail: props.tail ? undefined : '1' }, true)}
        >
          {props.tail ? 'Stop live tail' : 'Start live tail'}
        </button>
        {props.tail ? (
          <button type="button" onClick={tail.paused ? tail.resume : tail.pause}>
            {tail.paused ? 'Resume' : 'Pause'}
          </button>
        ) : null}
        <TailStatusLine tail={tail} lines={lines} />
        <span class="muted logs-zone">Times in {zone}</span>
      </div>
      <ErrorBox error={listed.error} />
      {shown?.truncated ? (
        <p class="muted">
          This group is too large to search to its end in one request: these are the newest matches
          among the events read.
        </p>
      ) : null}
      <LogLines
        lines={lines}
        showStream={!stream}
        empty={listed.loading ? 'Loading…' : filter ? 'No events match.' : 'No events yet.'}
      />
      <p class="muted logs-count">
        {lines.length} line{lines.length === 1 ? '' : 's'} shown
        {lines.length === MAX_LINES ? ` (the newest ${MAX_LINES}; older ones are dropped)` : ''}
      </p>
    </Section>
  );
}

function FilterForm(props: { filter: string }) {
  const [draft, setDraft] = useState(props.filter);
  // Back, forward or a link change the address's pattern: the box follows it.
  useEffect(() => setDraft(props.filter), [props.filter]);
  return (
    <form
      class="logs-filter"
      role="search"
      aria-label="Filter events"
      onSubmit={(e) => {
        e.preventDefault();
        setQuery({ filter: draft.trim() || undefined });
      }}
    >
      <input
        type="search"
        aria-label="Filter pattern"
        placeholder={'ERROR   ?WARN ?ERROR   { $.level = "error" }'}
        value={draft}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Apply filter</button>
      {props.filter ? (
        <button type="button" onClick={() => setQuery({ filter: undefined })}>
          Clear filter
        </button>
      ) : null}
    </form>
  );
}

const STATUS_TEXT: Record<LiveTail['status'], string> = {
  off: '',
  connecting: 'Connecting…',
  live: 'Live: new events appear as they are stored.',
  reconnecting: 'Connection lost; reconnecting…',
  failed: 'The live tail was refused or ended. Reload the page to try again.',
};

function TailStatusLine(props: { tail: LiveTail; lines: LogEventView[] }) {
  const { tail } = props;
  // A held event may be on the page already, from the list reloaded as the tail connected.
  let text = STATUS_TEXT[tail.status];
  if (tail.paused && tail.status === 'live') {
    const shown = new Set(props.lines.map((e) => e.eventId));
    const held = tail.held.filter((e) => !shown.has(e.eventId)).length;
    text = `Paused: ${held} new line${held === 1 ? '' : 's'} held.`;
  }
  if (tail.sampled && tail.status === 'live') {
    text += ' Sampled: a second had more than 500 matching events; a sample of 500 is shown.';
  }
  return (
    <span
      role="status"
      class={`logs-tail-status logs-tail-${tail.paused ? 'paused' : tail.status}`}
    >
      {text}
    </span>
  );
}
