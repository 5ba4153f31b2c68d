/**
 * Log lines in a scrolling box that follows the newest line, as `tail -f` does, until the
 * reader scrolls up to read something; scrolling back to the bottom (or "Jump to latest")
 * follows again.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LogEventView } from '../../../shared/api-types.js';
import { formatInstant, useZone } from '../../components/time.js';

/** How close to the bottom (px) still counts as "at the bottom". */
const SLACK = 8;

export function LogLines(props: { lines: LogEventView[]; showStream: boolean; empty: string }) {
  const zone = useZone();
  const box = useRef<HTMLDivElement>(null);
  const [pinned, setPinned] = useState(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (pinned && el) el.scrollTop = el.scrollHeight;
  }, [props.lines, pinned]);

  const onScroll = () => {
    const el = box.current;
    if (el) setPinned(el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK);
  };

  return (
    <div class="logs-lines-wrap">
      <div
        ref={box}
        class="log-lines logs-lines"
        role="log"
        aria-label="Log events"
        // A fast tail would flood a screen reader; the status line says what changes.
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
      >
        {props.lines.length === 0 ? (
          <div class="muted">{props.empty}</div>
        ) : (
          props.lines.map((line) => (
            <div class="line" key={line.eventId} data-event-id={line.eventId}>
              <span class="ts" title={`${formatInstant(line.timestamp, 'UTC')}`}>
                {formatInstant(line.timestamp, zone, false)}
              </span>
              {props.showStream ? <span class="logs-stream">{line.stream}</span> : null}
              <span class="logs-message">{line.message}</span>
            </div>
          ))
        )}
      </div>
      {pinned ? null : (
        <button type="button" class="logs-jump" onClick={() => setPinned(true)}>
          Jump to latest ↓
        </button>
      )}
    </div>
  );
}
