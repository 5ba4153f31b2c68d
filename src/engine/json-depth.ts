/**
 * How deep a JSON text nests, found by one linear scan before it is parsed. V8's
 * `JSON.parse` copes with any depth, but what walks the result afterwards (validation,
 * the encoders, `JSON.stringify`, structured clones) recurses and would overflow the stack
 * on a body of a million `[`: a request that nests too deeply is refused up front.
 */

/** Jackson's default (`StreamReadConstraints.DEFAULT_MAX_DEPTH`), which AWS's Java front ends use. */
export const MAX_JSON_DEPTH = 1000;

/** Whether `text` opens more than `max` arrays or objects inside one another. */
export function jsonNestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}
