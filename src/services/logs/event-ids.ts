/**
 * AWS-style event ids and GetLogEvents tokens. AWS's ids are 56-digit decimals whose high
 * bits are the event's timestamp (id / 2^144 is the timestamp in milliseconds); the tokens
 * are `f/<id>/s` and `b/<id>/s`. teiki puts the store's ordering position (timestamp, seq)
 * in the same shape, so an id is stable across calls and a token is an exact cursor.
 */
import type { LogCursor } from '../../store/log-events.js';

const SHIFT = 1n << 144n;
const DIGITS = 56;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

export function eventId(cursor: LogCursor): string {
  return (BigInt(cursor.timestamp) * SHIFT + BigInt(cursor.seq)).toString().padStart(DIGITS, '0');
}

export function cursorOfEventId(id: string): LogCursor | undefined {
  if (!/^\d{56,60}$/.test(id)) return undefined;
  const n = BigInt(id);
  const timestamp = n / SHIFT;
  const seq = n % SHIFT;
  if (timestamp > MAX || seq > MAX) return undefined;
  return { timestamp: Number(timestamp), seq: Number(seq) };
}

export type Direction = 'f' | 'b';

export function streamToken(direction: Direction, cursor: LogCursor): string {
  return `${direction}/${eventId(cursor)}/s`;
}

export function parseStreamToken(
  token: string,
): { direction: Direction; cursor: LogCursor } | undefined {
  const match = /^([fb])\/(\d+)(?:\/s)?$/.exec(token);
  if (!match) return undefined;
  const cursor = cursorOfEventId(match[2] as string);
  return cursor && { direction: match[1] as Direction, cursor };
}
