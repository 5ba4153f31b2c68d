/**
 * Instants shown in the zone the user picks (the browser's by default, kept in
 * localStorage): the API speaks UTC, and the article's trap was reading UTC as local.
 */
import { useEffect, useState } from 'preact/hooks';

const KEY = 'teiki.console.zone';
const listeners = new Set<(zone: string) => void>();

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function currentZone(): string {
  return localStorage.getItem(KEY) || browserZone();
}

export function setZone(zone: string): void {
  localStorage.setItem(KEY, zone);
  listeners.forEach((l) => l(zone));
}

export function useZone(): string {
  const [zone, set] = useState(currentZone);
  useEffect(() => {
    listeners.add(set);
    return () => void listeners.delete(set);
  }, []);
  return zone;
}

/** `2026-11-28 11:20:00` in `zone` (24-hour, seconds), with the zone's short name. */
export function formatInstant(
  iso: string | number | undefined,
  zone: string,
  withZone = true,
): string {
  if (iso === undefined || iso === '') return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: withZone ? 'short' : undefined,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  return withZone ? `${text} ${get('timeZoneName')}` : text;
}

/** An instant in the chosen zone, with UTC on hover. */
export function Time(props: { value: string | number | undefined }) {
  const zone = useZone();
  if (props.value === undefined || props.value === '') return <span class="muted">—</span>;
  const text = formatInstant(props.value, zone);
  // In a narrow column it wraps between the date and the time, never inside the date.
  const space = text.indexOf(' ');
  return (
    <time dateTime={new Date(props.value).toISOString()} title={formatInstant(props.value, 'UTC')}>
      {space === -1 ? (
        text
      ) : (
        <>
          <span class="nowrap">{text.slice(0, space)}</span>
          {text.slice(space)}
        </>
      )}
    </time>
  );
}

export const COMMON_ZONES = [
  'UTC',
  'Asia/Tokyo',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Singapore',
  'Australia/Sydney',
];

export function ZonePicker() {
  const zone = useZone();
  const zones = [...new Set([browserZone(), ...COMMON_ZONES, zone])];
  return (
    <label class="zone-picker">
      Times in{' '}
      <select
        value={zone}
        onChange={(e) => setZone((e.target as HTMLSelectElement).value)}
        aria-label="Time zone"
      >
        {zones.map((z) => (
          <option key={z} value={z}>
            {z}
            {z === browserZone() ? ' (browser)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
