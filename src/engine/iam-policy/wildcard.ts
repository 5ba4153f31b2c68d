/**
 * IAM wildcards: `*` any run of characters, `?` any one character, nothing else special.
 * A pattern is built from parts so that text coming from a policy variable (`${*}`, a
 * user name) stays literal while the policy's own `*` and `?` stay wild.
 */

export type PatternPart = { glob: string } | { literal: string };

export interface GlobOptions {
  caseInsensitive?: boolean;
  /**
   * Match as an ARN: in the first five colon-separated segments (arn, partition, service,
   * region, account) a wildcard stays inside its segment; in the resource part, and in a
   * pattern with fewer than five colons, `*` spans `:` and `/`.
   */
  arn?: boolean;
}

const SPECIAL = /[.+^${}()|[\]\\*?]/g;

function escape(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

export function compileGlob(parts: readonly PatternPart[], options: GlobOptions = {}): RegExp {
  const totalColons = parts.reduce(
    (n, p) => n + ('glob' in p ? p.glob : p.literal).split(':').length - 1,
    0,
  );
  const segmented = options.arn === true && totalColons >= 5;
  let colons = 0;
  let source = '';
  for (const part of parts) {
    if ('literal' in part) {
      source += escape(part.literal);
      colons += part.literal.split(':').length - 1;
      continue;
    }
    for (const ch of part.glob) {
      const inSegment = segmented && colons < 5;
      if (ch === '*') source += inSegment ? '[^:]*' : '.*';
      else if (ch === '?') source += inSegment ? '[^:]' : '.';
      else {
        if (ch === ':') colons += 1;
        source += escape(ch);
      }
    }
  }
  return new RegExp(`^${source}$`, options.caseInsensitive ? 'is' : 's');
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 2000;

/** A compiled pattern for plain policy text (no variables), cached. */
export function globFor(pattern: string, options: GlobOptions = {}): RegExp {
  const key = `${options.caseInsensitive ? 'i' : 's'}${options.arn ? 'a' : 'p'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    re = compileGlob([{ glob: pattern }], options);
    cache.set(key, re);
  }
  return re;
}

/** The text a pattern stands for when read literally (for non-wildcard comparisons). */
export function partsText(parts: readonly PatternPart[]): string {
  return parts.map((p) => ('glob' in p ? p.glob : p.literal)).join('');
}

/** A compiled pattern for parts, through the cache when they are plain policy text. */
export function patternFor(parts: readonly PatternPart[], options: GlobOptions = {}): RegExp {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only && 'glob' in only) return globFor(only.glob, options);
  return compileGlob(parts, options);
}
