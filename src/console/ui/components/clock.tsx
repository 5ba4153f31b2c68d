/**
 * The teiki clock in the header. In virtual mode it can be moved from here, which fires
 * every schedule that falls due on the way (POST /_teiki/clock).
 */
import { useEffect, useState } from 'preact/hooks';
import { authHeaders, postAdmin } from '../api.js';
import type { ClockState } from '../../shared/api-types.js';
import { Time } from './time.js';

const listeners = new Set<() => void>();

/** Pages reload their data when the clock was moved from the console. */
export function onClockMoved(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useClock(pollMs = 1000): [ClockState | undefined, () => void] {
  const [clock, setClock] = useState<ClockState>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      fetch('/_teiki/clock', { headers: authHeaders() })
        // Under --auth enforce the clock answers 401 until the console has signed in.
        .then((r) => (r.ok ? (r.json() as Promise<ClockState>) : undefined))
        .then((c) => !cancelled && c && setClock(c))
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), pollMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [pollMs, tick]);
  return [clock, () => setTick((t) => t + 1)];
}

const STEPS: [string, number][] = [
  ['+1 min', 60],
  ['+1 h', 3600],
  ['+1 day', 86400],
];

export function ClockControls() {
  const [clock, refresh] = useClock();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [target, setTarget] = useState('');
  const move = async (body: object) => {
    setBusy(true);
    setError(undefined);
    try {
      await postAdmin('/_teiki/clock', body);
      listeners.forEach((l) => l());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      refresh();
    }
  };
  if (!clock) return <span class="clock muted">clock…</span>;
  return (
    <div class="clock" aria-label="teiki clock">
      <span class="clock-mode">{clock.mode === 'virtual' ? 'virtual clock' : 'clock'}</span>{' '}
      <strong data-testid="clock-now">
        <Time value={clock.now} />
      </strong>
      {clock.mode === 'virtual' ? (
        <span class="clock-controls">
          {STEPS.map(([label, seconds]) => (
            <button
              key={label}
              disabled={busy}
              onClick={() => void move({ advanceSeconds: seconds })}
            >
              {label}
            </button>
          ))}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (target) void move({ set: new Date(target).toISOString() });
            }}
          >
            <input
              type="datetime-local"
              step={1}
              aria-label="Set the virtual clock to (your browser's time)"
              value={target}
              onInput={(e) => setTarget((e.target as HTMLInputElement).value)}
            />
            <button type="submit" disabled={busy || !target}>
              Set
            </button>
          </form>
          {error ? <span class="error-inline">{error}</span> : null}
        </span>
      ) : null}
    </div>
  );
}
