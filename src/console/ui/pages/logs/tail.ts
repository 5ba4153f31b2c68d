/**
 * The live tail's client: an EventSource on `/_teiki/api/logs/tail` (server-sent events,
 * so the browser reconnects by itself), holding at most MAX_LINES events. The server side
 * is a Live Tail session: an update a second, at most 500 events, sampled beyond that. Events are
 * taken in small batches so a chatty task re-renders the page a few times a second, not
 * once a line; while paused they are held back (as many as would be shown) for Resume.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LogEventView } from '../../../shared/api-types.js';
import { apiUrl, authHeaders } from '../../api.js';

/** The most lines the page keeps: a tail left open all day must not eat the tab. */
export const MAX_LINES = 5000;
const FLUSH_MS = 100;

export type TailStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface LiveTail {
  status: TailStatus;
  /** Received and shown, oldest first. */
  events: LogEventView[];
  paused: boolean;
  /** Received while paused, shown on Resume. */
  held: LogEventView[];
  /** A second had more than 500 matches: the tail showed a sample of them, as Live Tail does. */
  sampled: boolean;
  pause: () => void;
  resume: () => void;
}

export function keepNewest<T>(items: T[], max = MAX_LINES): T[] {
  return items.length > max ? items.slice(items.length - max) : items;
}

/**
 * Follows `query` while `enabled`. `onListening` is called each time the server starts
 * listening (first connect and every reconnect), so the page can reload what it lists
 * and close the gap between its last read and the tail's first event.
 */
export function useLiveTail(
  query: { group: string; stream?: string; filter?: string },
  enabled: boolean,
  onListening: () => void,
): LiveTail {
  const [status, setStatus] = useState<TailStatus>('off');
  const [events, setEvents] = useState<LogEventView[]>([]);
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState<LogEventView[]>([]);
  const [sampled, setSampled] = useState(false);
  const pausedRef = useRef(false);
  const heldRef = useRef<LogEventView[]>([]);
  const listening = useRef(onListening);
  listening.current = onListening;

  const { group, stream, filter } = query;
  useEffect(() => {
    setEvents([]);
    setSampled(false);
    heldRef.current = [];
    setHeld([]);
    if (!enabled) {
      setStatus('off');
      return;
    }
    // EventSource sends no Authorization header: the tail route takes it as `?auth=`.
    const auth = authHeaders().authorization?.replace(/^Basic\s+/i, '');
    const source = new EventSource(apiUrl('logs/tail', { group, stream, filter, auth }));
    setStatus('connecting');
    let incoming: LogEventView[] = [];
    let timer: number | undefined;
    const flush = () => {
      timer = undefined;
      const batch = incoming;
      incoming = [];
      if (pausedRef.current) {
        heldRef.current = keepNewest([...heldRef.current, ...batch]);
        setHeld(heldRef.current);
      } else {
        setEvents((shown) => keepNewest([...shown, ...batch]));
      }
    };
    source.addEventListener('ready', () => {
      setStatus('live');
      listening.current();
    });
    source.addEventListener('log', (message: MessageEvent<string>) => {
      incoming.push(JSON.parse(message.data) as LogEventView);
      timer ??= window.setTimeout(flush, FLUSH_MS);
    });
    source.addEventListener('sampled', () => setSampled(true));
    source.onerror = () =>
      setStatus(source.readyState === EventSource.CLOSED ? 'failed' : 'reconnecting');
    return () => {
      source.close();
      window.clearTimeout(timer);
    };
  }, [enabled, group, stream, filter]);

  const pause = useCallback(() => {
    pausedRef.current = true;
    setPaused(true);
  }, []);
  const resume = useCallback(() => {
    pausedRef.current = false;
    setPaused(false);
    const waiting = heldRef.current;
    heldRef.current = [];
    setHeld([]);
    setEvents((shown) => keepNewest([...shown, ...waiting]));
  }, []);

  return { status, events, paused, held, sampled, pause, resume };
}
