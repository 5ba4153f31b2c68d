/**
 * AllowedPattern, a user's regular expression, runs on RE2 (re2js): linear in the value
 * whatever the pattern, so no PutParameter can hold the process. AWS applies it to the
 * whole value (Java's `String.matches`), which `^…$` patterns show either way; that the
 * match is whole rather than partial is not confirmed.
 */
import { RE2JS } from 're2js';

export interface AllowedPattern {
  matches(value: string): boolean;
}

/** The compiled pattern, or undefined when RE2 cannot compile it. */
export function compileAllowedPattern(pattern: string): AllowedPattern | undefined {
  try {
    const compiled = RE2JS.compile(pattern);
    return { matches: (value) => compiled.matches(value) };
  } catch {
    return undefined;
  }
}
