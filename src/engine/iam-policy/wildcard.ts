/**
 * IAM wildcards: `*` any run of characters, `?` any one character, nothing else special.
 * A pattern is built from parts so that text coming from a policy variable (`${*}`, a
 * user name) stays literal while the policy's own `*` and `?` stay wild.
 *
 * Matching runs on engine/glob, never a regular expression: a policy is request text, and
 * `*a*a*a*…b` against a long ARN would otherwise backtrack for minutes.
 */
import {
  canonicalize,
  globMatcher,
  GlobTokens,
  matchTokens,
  type GlobMatcher,
} from '../glob/index.js';

export type PatternPart = { glob: string } | { literal: string };

export type { GlobMatcher } from '../glob/index.js';

export interface GlobOptions {
  caseInsensitive?: boolean;
  /**
   * Match as an ARN: in the first five colon-separated segments (arn, partition, service,
   * region, account) a wildcard stays inside its segment; in the resource part, and in a
   * pattern with fewer than five colons, `*` spans `:` and `/`.
   */
  arn?: boolean;
}

const COLON = 0x3a;
/** arn, partition, service, region, account: then the resource. */
const ARN_PREFIX_SEGMENTS = 5;

function tokensOf(parts: readonly PatternPart[]): number[] {
  const out = new GlobTokens();
  for (const part of parts) {
    if ('literal' in part) {
      out.literal(part.literal);
      continue;
    }
    for (const ch of part.glob) {
      if (ch === '*') out.star();
      else if (ch === '?') out.any();
      else out.literal(ch);
    }
  }
  return out.tokens;
}

export function compileGlob(parts: readonly PatternPart[], options: GlobOptions = {}): GlobMatcher {
  const tokens = tokensOf(parts);
  const colons = tokens.filter((t) => t === COLON).length;
  if (options.arn !== true || colons < ARN_PREFIX_SEGMENTS) return globMatcher(tokens, options);
  return arnMatcher(tokens, options.caseInsensitive === true);
}

/**
 * A wildcard in the first five segments cannot produce a colon, so the pattern's first
 * five colons must meet the text's first five: both are cut there, and each piece is
 * matched on its own (the last, the resource, with wildcards that span colons).
 */
function arnMatcher(tokens: readonly number[], fold: boolean): GlobMatcher {
  const pieces: number[][] = [[]];
  for (const t of tokens) {
    if (t === COLON && pieces.length <= ARN_PREFIX_SEGMENTS) pieces.push([]);
    else pieces[pieces.length - 1]!.push(t);
  }
  const patterns = pieces.map((piece) =>
    Int32Array.from(piece, (t) => (fold && t >= 0 ? canonicalize(t) : t)),
  );
  return {
    test(text) {
      let start = 0;
      for (let k = 0; k < ARN_PREFIX_SEGMENTS; k++) {
        const colon = text.indexOf(':', start);
        if (colon < 0) return false;
        if (!matchTokens(patterns[k]!, text, start, colon, fold)) return false;
        start = colon + 1;
      }
      return matchTokens(patterns[ARN_PREFIX_SEGMENTS]!, text, start, text.length, fold);
    },
  };
}

/**
 * One cache per combination of options (case folding × ARN-aware), keyed by the pattern
 * itself: every evaluation looks each of its patterns up, and a key built from the options
 * and the pattern cost a new string, and its hash, every time.
 */
const caches: ReadonlyArray<Map<string, GlobMatcher>> = [
  new Map(),
  new Map(),
  new Map(),
  new Map(),
];
const CACHE_LIMIT = 1000;

/** A compiled pattern for plain policy text (no variables), cached. */
export function globFor(pattern: string, options: GlobOptions = {}): GlobMatcher {
  const cache = caches[(options.caseInsensitive ? 1 : 0) + (options.arn ? 2 : 0)]!;
  let matcher = cache.get(pattern);
  if (!matcher) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    matcher = compileGlob([{ glob: pattern }], options);
    cache.set(pattern, matcher);
  }
  return matcher;
}

/** The text a pattern stands for when read literally (for non-wildcard comparisons). */
export function partsText(parts: readonly PatternPart[]): string {
  return parts.map((p) => ('glob' in p ? p.glob : p.literal)).join('');
}

/** A compiled pattern for parts, through the cache when they are plain policy text. */
export function patternFor(parts: readonly PatternPart[], options: GlobOptions = {}): GlobMatcher {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only && 'glob' in only) return globFor(only.glob, options);
  return compileGlob(parts, options);
}
