import type { Entry, ListOptions, RecordKey, RecordWrite, Scope } from './types.js';

/**
 * Every store keeps a record as its JSON text. That gives the deep copy the port asks
 * for (callers never share objects with the store) and makes every implementation agree
 * on edge cases: `undefined` members vanish, `NaN` becomes `null`, exactly as a
 * round-trip through SQLite or PostgreSQL would do.
 */
export function encodeValue(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('A store value must be JSON, not undefined.');
  return json;
}

export function decodeValue<T>(json: string): T {
  return JSON.parse(json) as T;
}

export function decodeEntry<T>(id: string, json: string): Entry<T> {
  return { id, value: decodeValue<T>(json) };
}

/** `undefined` for "no limit"; otherwise a whole number, never negative. */
export function normalizeLimit(options: ListOptions | undefined): number | undefined {
  const limit = options?.limit;
  if (limit === undefined) return undefined;
  if (!Number.isFinite(limit)) return undefined;
  return Math.max(0, Math.floor(limit));
}

export function scopeKey(scope: Scope): string {
  // NUL cannot appear in an account id or region, so the key is unambiguous.
  return `${scope.accountId}\u0000${scope.region}`;
}

/** A batch write's records, encoded; throws when it names one record twice. */
export function encodeBatch<T>(
  writes: readonly RecordWrite<T>[],
): Array<RecordKey & { json: string }> {
  const seen = new Set<string>();
  return writes.map((w) => {
    const key = `${scopeKey(w.scope)}\u0000${w.id}`;
    if (seen.has(key)) throw new Error(`A batch write names the record ${w.id} twice.`);
    seen.add(key);
    return { scope: w.scope, id: w.id, json: encodeValue(w.value) };
  });
}
