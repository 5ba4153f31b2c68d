/**
 * Times as ISO-8601 text and back, remembering the last answer. The firings of one instant
 * format and parse the same few times (the instant, the clock's now) once each per firing:
 * five conversions a firing, a few µs each on a loaded machine (`toISOString` and
 * `Date.parse` go through V8's runtime). Each call site makes its own memo, so two sites
 * with different times do not evict each other's.
 */

/** `fn` remembering its last argument and answer (`===`: a NaN argument is never remembered). */
export function rememberLast<A, R>(fn: (arg: A) => R): (arg: A) => R {
  let hasLast = false;
  let lastArg: A | undefined;
  let lastResult: R | undefined;
  return (arg) => {
    if (hasLast && arg === lastArg) return lastResult as R;
    const result = fn(arg);
    hasLast = true;
    lastArg = arg;
    lastResult = result;
    return result;
  };
}

/** `new Date(ms).toISOString()`, remembering the last: throws the same RangeError for NaN. */
export const isoTimeMemo = () => rememberLast((ms: number) => new Date(ms).toISOString());

/** EventBridge's event time: ISO-8601 to the second (`2026-01-01T00:02:00Z`). */
export const eventTimeMemo = () =>
  rememberLast((ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** `Date.parse(text)`, remembering the last. */
export const parseTimeMemo = () => rememberLast((text: string) => Date.parse(text));
