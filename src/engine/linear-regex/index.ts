/**
 * Regular expressions that come from a request (a filter pattern's `%…%` term, an awslogs
 * multiline pattern) run here, on RE2 (re2js, its pure-JavaScript port): matching is
 * linear in the text, whatever the pattern. JavaScript's own `RegExp` backtracks, so one
 * pattern such as `\d*\d*\d*…x` against a line of digits could hold the process for hours.
 *
 * RE2 is Go's dialect: no backreferences, no lookaround. Its parse errors are Go's own
 * words (`error parsing regexp: missing closing ): ...`), which is what the awslogs driver
 * reports. A pattern whose compiled program is larger than `maxProgramSize` is refused
 * too: matching costs the text's length times the program's size in the worst case, so
 * the size is what keeps one match short.
 */
import { RE2JS, RE2JSException } from 're2js';

export interface LinearRegex {
  /** The pattern as RE2 compiled it. */
  readonly source: string;
  /** Whether the pattern matches anywhere in `text` (as `RegExp#test` without `g`). */
  test(text: string): boolean;
  /** Whether the pattern matches the whole of `text` (as Java's `String#matches`). */
  matches(text: string): boolean;
}

export interface LinearRegexOptions {
  caseInsensitive?: boolean;
  /** `.` also matches a line feed. */
  dotAll?: boolean;
  /** `^` and `$` also match at line boundaries. */
  multiline?: boolean;
  /** Instructions the compiled program may hold; defaults to DEFAULT_MAX_PROGRAM_SIZE. */
  maxProgramSize?: number;
}

/**
 * Large enough for any counted repeat RE2 itself accepts on a simple class (`\w{1000}`),
 * small enough that the worst case, a pattern whose automaton cannot be cached, still
 * scans a megabyte message in a fraction of a second.
 */
export const DEFAULT_MAX_PROGRAM_SIZE = 2_000;

/** The pattern is not valid RE2, or it is too large; the message says which, in Go's words. */
export class LinearRegexError extends Error {
  override readonly name = 'LinearRegexError';
}

export function compileLinearRegex(source: string, options: LinearRegexOptions = {}): LinearRegex {
  const compiled = compileRe2(source, options);
  return {
    source,
    test: (text) => compiled.test(text),
    matches: (text) => compiled.matches(text),
  };
}

/**
 * The one place teiki hands a user's pattern to RE2: flags, Go's error words, and the
 * program-size limit. Richer matchers (Logs Insights' captures) build on what it returns.
 */
export function compileRe2(source: string, options: LinearRegexOptions = {}): RE2JS {
  let flags = 0;
  if (options.caseInsensitive) flags |= RE2JS.CASE_INSENSITIVE;
  if (options.dotAll) flags |= RE2JS.DOTALL;
  if (options.multiline) flags |= RE2JS.MULTILINE;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, flags);
  } catch (error) {
    if (error instanceof RE2JSException) throw new LinearRegexError(error.message);
    throw error;
  }
  const limit = options.maxProgramSize ?? DEFAULT_MAX_PROGRAM_SIZE;
  if (compiled.programSize() > limit) {
    // Go words it `expression too large`; RE2 C++ `pattern too large - compile failed`.
    throw new LinearRegexError(
      `error parsing regexp: expression too large: \`${source}\` (${compiled.programSize()} instructions, at most ${limit})`,
    );
  }
  return compiled;
}
