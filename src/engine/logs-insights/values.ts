/**
 * Values flowing through a query. Log fields are strings (parse) or JSON scalars (discovered
 * fields); `@timestamp`-like values are {@link TimeValue}; jsonParse gives maps and lists.
 * `null` is a missing field: rows omit it and most operators propagate it.
 */
export class TimeValue {
  constructor(readonly ms: number) {}
}

export type JsonMap = { [key: string]: unknown };
export type Structure = JsonMap | unknown[];
export type Value = string | number | boolean | TimeValue | Structure | null;

export function isStructure(v: Value): v is Structure {
  return typeof v === 'object' && v !== null && !(v instanceof TimeValue);
}

const NUMERIC = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** The number a value reads as, or null (strings only when wholly numeric). */
export function toNumber(v: Value): number | null {
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'string') return NUMERIC.test(v) ? Number(v) : null;
  if (v instanceof TimeValue) return v.ms;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

/** Whether a value is a number as the sort order defines it (digits only, no mix). */
export function isNumeric(v: Value): boolean {
  return (
    typeof v === 'number' || v instanceof TimeValue || (typeof v === 'string' && NUMERIC.test(v))
  );
}

/** The text a value reads as for string functions; maps and lists read as null. */
export function toText(v: Value): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof TimeValue) return formatTimestamp(v.ms);
  return null;
}

/** Milliseconds since the epoch: timestamps, numbers, or numeric strings. */
export function toMillis(v: Value): number | null {
  if (v instanceof TimeValue) return v.ms;
  return toNumber(v);
}

/** Whether a filter keeps a row for this value. */
export function isTruthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof TimeValue) return true;
  if (typeof v === 'string') {
    const n = toNumber(v);
    if (n !== null) return n !== 0;
    return v.toLowerCase() === 'true';
  }
  return false;
}

/**
 * Numbers as results show them: integers without a fraction, others in the shortest form
 * that reads back the same (how AWS rounds long fractions is not documented).
 */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** `2024-01-01 12:00:00.000`, in UTC: how Insights shows timestamps. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** A value as GetQueryResults returns it, or null when the row omits the field. */
export function formatValue(v: Value): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : null;
  // The documented examples give Boolean results as 0 or 1 ("The value of isRes equals 0 or 1").
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof TimeValue) return formatTimestamp(v.ms);
  return JSON.stringify(v);
}

/** A JSON scalar or structure as a query value. */
export function fromJson(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') return v as Structure;
  return null;
}
