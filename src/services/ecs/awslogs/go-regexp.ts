/**
 * `awslogs-multiline-pattern` is a Go (RE2) regular expression and moby tests it with
 * `regexp.Match`: a match anywhere in the line. RE2's own port (engine/linear-regex) reads
 * it exactly as Go does, flags such as `(?i)` and named groups `(?P<name>…)` included,
 * fails with Go's own words, and matches in time linear in the line: the pattern runs on
 * every line a task prints.
 */
import {
  compileLinearRegex,
  LinearRegexError,
  type LinearRegex,
} from '../../../engine/linear-regex/index.js';

export class GoRegexpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoRegexpError';
  }
}

export function compileGoRegexp(source: string): LinearRegex {
  try {
    return compileLinearRegex(source);
  } catch (error) {
    if (error instanceof LinearRegexError) throw new GoRegexpError(error.message);
    throw error;
  }
}
