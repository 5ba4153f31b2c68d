/**
 * Id ordering shared by every store. The port promises binary code-point order, which is
 * what SQLite's BINARY collation (memcmp over UTF-8) and PostgreSQL's "C" collation give.
 * JavaScript's `<` compares UTF-16 code units instead, which puts astral characters
 * (surrogate pairs, 0xD800–0xDFFF) before U+E000–U+FFFF; these helpers correct for that so
 * the memory store lists exactly as the SQL stores do.
 */

/** Maps a UTF-16 code unit to a rank whose order matches code-point order. */
function rank(unit: number): number {
  if (unit < 0xd800) return unit;
  // Surrogates encode code points above U+FFFF, so they rank after every BMP unit.
  if (unit <= 0xdfff) return unit + 0x2000;
  return unit - 0x800;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` by code point. */
export function compareIds(a: string, b: string): number {
  // Batches sort by account, region and id, and the first two are nearly always equal.
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

const MAX_CODE_POINT = 0x10ffff;

/**
 * The smallest string greater than every string starting with `prefix`, so a prefix
 * filter becomes the index-friendly range `id >= prefix AND id < bound`. `undefined`
 * when no such bound exists (the prefix is empty or made only of U+10FFFF). Unlike
 * `LIKE`, this needs no escaping of `%` or `_`.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!.codePointAt(0)!;
    if (last < MAX_CODE_POINT) {
      // Skip the surrogate range: those are not code points a string can hold alone.
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return codePoints.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}
