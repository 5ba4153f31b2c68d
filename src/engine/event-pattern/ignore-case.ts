/**
 * equals-ignore-case as ruler builds it: each UTF-16 unit of the pattern may appear in its
 * Java lower-case or upper-case form (Locale.ROOT), which can differ in length ("ß"/"SS").
 * Java encodes a lone surrogate as "?", so a unit of an astral character only matches "?".
 */

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

function escape(s: string): string {
  return s.replace(SPECIAL, '\\$&');
}

function source(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      out += '\\?';
      continue;
    }
    const c = value[i]!;
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    out += lower === upper ? escape(lower) : `(?:${escape(lower)}|${escape(upper)})`;
  }
  return out;
}

export function equalsIgnoreCase(value: string): (s: string) => boolean {
  const re = new RegExp(`^${source(value)}$`);
  return (s) => re.test(s);
}

/** Ruler matches `"prefix` against `"value"`, so the closing quote can take part. */
export function prefixIgnoreCase(prefix: string): (s: string) => boolean {
  const re = new RegExp(`^${source(prefix)}`);
  return (s) => re.test(`${s}"`);
}

/** Ruler matches `suffix"` against `"value"`, so the opening quote can take part. */
export function suffixIgnoreCase(suffix: string): (s: string) => boolean {
  const re = new RegExp(`${source(suffix)}$`);
  return (s) => re.test(`"${s}`);
}
