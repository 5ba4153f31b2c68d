/**
 * Wildcard matching without regular expressions: `*` (any run, empty included) and `?`
 * (any one UTF-16 unit) against a text, in time bounded by the text's length times the
 * pattern's. IAM policies, EC2 filter values and similar request text used to become
 * backtracking `RegExp`s, where `*a*a*a*…b` against a long ARN ran for minutes.
 *
 * The matcher is the classic one-star-backtrack scan: on a mismatch it retries from the
 * latest `*` only, one unit further on. That is enough for globs, because a later `*` can
 * absorb whatever an earlier one would have taken.
 */

/** A pattern unit: a UTF-16 code unit to match, or one of these. */
export const STAR = -1;
export const ANY = -2;

export interface GlobMatcher {
  /** Whether the whole of `text` matches. */
  test(text: string): boolean;
}

export interface GlobOptions {
  /** Units compare as JavaScript's `i` flag (without `u`) compares them. */
  caseInsensitive?: boolean;
}

/** Builds a token list from literal text and wildcards. */
export class GlobTokens {
  readonly tokens: number[] = [];

  literal(text: string): this {
    for (let i = 0; i < text.length; i++) this.tokens.push(text.charCodeAt(i));
    return this;
  }

  star(): this {
    // Runs of stars match what one does; keeping one keeps the scan short.
    if (this.tokens[this.tokens.length - 1] !== STAR) this.tokens.push(STAR);
    return this;
  }

  any(): this {
    this.tokens.push(ANY);
    return this;
  }
}

export function globMatcher(tokens: readonly number[], options: GlobOptions = {}): GlobMatcher {
  const fold = options.caseInsensitive === true;
  const pattern = Int32Array.from(tokens, (t) => (fold && t >= 0 ? canonicalize(t) : t));
  return { test: (text) => matchTokens(pattern, text, 0, text.length, fold) };
}

/** Matches `pattern` against `text[from, to)`. */
export function matchTokens(
  pattern: Int32Array,
  text: string,
  from: number,
  to: number,
  fold: boolean,
): boolean {
  let i = from;
  let j = 0;
  let star = -1;
  let mark = from;
  while (i < to) {
    if (j < pattern.length) {
      const t = pattern[j]!;
      if (t === STAR) {
        star = j++;
        mark = i;
        continue;
      }
      if (t === ANY || t === unitAt(text, i, fold)) {
        i++;
        j++;
        continue;
      }
    }
    if (star < 0) return false;
    j = star + 1;
    i = ++mark;
  }
  while (j < pattern.length && pattern[j] === STAR) j++;
  return j === pattern.length;
}

function unitAt(text: string, i: number, fold: boolean): number {
  const code = text.charCodeAt(i);
  return fold ? canonicalize(code) : code;
}

/**
 * ECMAScript's Canonicalize for `i` without `u`: the upper case of a unit when it is one
 * unit long, unless that would map a non-ASCII unit onto ASCII.
 */
export function canonicalize(code: number): number {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a ? code - 0x20 : code;
  const upper = String.fromCharCode(code).toUpperCase();
  if (upper.length !== 1) return code;
  const mapped = upper.charCodeAt(0);
  return mapped < 0x80 ? code : mapped;
}
