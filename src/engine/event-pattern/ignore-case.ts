/**
 * equals-ignore-case as ruler builds it: each UTF-16 unit of the pattern may appear in its
 * Java lower-case or upper-case form (Locale.ROOT), which can differ in length ("ß"/"SS").
 * Java encodes a lone surrogate as "?", so a unit of an astral character only matches "?".
 *
 * Matched by walking the set of text positions the pattern's units can reach, never by a
 * regular expression: an unanchored suffix test over a long event value would cost the
 * value's length times the pattern's in a backtracking engine, and the pattern comes
 * from a request.
 */

/** Per pattern unit, the spellings it may take in the text. */
type Units = readonly (readonly string[])[];

function unitsOf(value: string): Units {
  const units: string[][] = [];
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      units.push(['?']);
      continue;
    }
    const c = value[i]!;
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    units.push(lower === upper ? [lower] : [lower, upper]);
  }
  return units;
}

/** Positions in `text` reached after every unit, reading forwards from `start`. */
function forwards(units: Units, text: string, start: number): Set<number> {
  let at = new Set([start]);
  for (const spellings of units) {
    const next = new Set<number>();
    for (const p of at) {
      for (const s of spellings) if (text.startsWith(s, p)) next.add(p + s.length);
    }
    if (next.size === 0) return next;
    at = next;
  }
  return at;
}

/** Positions in `text` reached after every unit, reading backwards from `end`. */
function backwards(units: Units, text: string, end: number): Set<number> {
  let at = new Set([end]);
  for (let u = units.length - 1; u >= 0; u--) {
    const next = new Set<number>();
    for (const p of at) {
      for (const s of units[u]!) {
        if (p >= s.length && text.startsWith(s, p - s.length)) next.add(p - s.length);
      }
    }
    if (next.size === 0) return next;
    at = next;
  }
  return at;
}

export function equalsIgnoreCase(value: string): (s: string) => boolean {
  const units = unitsOf(value);
  return (s) => forwards(units, s, 0).has(s.length);
}

/** Ruler matches `"prefix` against `"value"`, so the closing quote can take part. */
export function prefixIgnoreCase(prefix: string): (s: string) => boolean {
  const units = unitsOf(prefix);
  return (s) => forwards(units, `${s}"`, 0).size > 0;
}

/** Ruler matches `suffix"` against `"value"`, so the opening quote can take part. */
export function suffixIgnoreCase(suffix: string): (s: string) => boolean {
  const units = unitsOf(suffix);
  return (s) => {
    const text = `"${s}`;
    return backwards(units, text, text.length).size > 0;
  };
}
