/**
 * AllowedPattern, a user's regular expression, runs on RE2 (re2js): linear in the value
 * whatever the pattern, so no PutParameter can hold the process. AWS applies it to the
 * whole value (Java's `String.matches`), which `^…$` patterns show either way; that the
 * match is whole rather than partial is not confirmed.
 */
import { compileLinearRegex, LinearRegexError } from '../../../engine/linear-regex/index.js';

export interface AllowedPattern {
  matches(value: string): boolean;
}

/** The compiled pattern, or undefined when RE2 cannot compile it. */
export function compileAllowedPattern(pattern: string): AllowedPattern | undefined {
  try {
    // The model bounds the pattern (1,024 characters) and the value (8 KB), and RE2 refuses
    // repeats past 1,000, so the program-size limit the other user patterns get is not
    // applied here: an AllowedPattern AWS accepts is accepted.
    const compiled = compileLinearRegex(pattern, { maxProgramSize: Number.POSITIVE_INFINITY });
    return { matches: (value) => compiled.matches(value) };
  } catch (error) {
    if (error instanceof LinearRegexError) return undefined;
    throw error;
  }
}
