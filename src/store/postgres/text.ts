/**
 * PostgreSQL's text cannot hold U+0000, which an id, a log stream name or a log message
 * may contain. Each U+0000 is stored as U+0001 U+0001 and each U+0001 as U+0001 U+0002;
 * every other character is itself. The escape is a prefix code that is monotone in code
 * points (U+0000 < U+0001 < everything else, and so are their images), so it keeps the
 * order of stored ids and their prefixes: a range or prefix bound computed on the real id
 * and then escaped selects exactly the escaped ids it should. Text without either
 * character, nearly all of it, is stored as it is.
 */

const NUL = '\u0000';
const SOH = '\u0001';
// Built from strings: a control character in a regex literal reads as a mistake.
const NEEDS_ESCAPE = new RegExp(`[${NUL}${SOH}]`);
const TO_ESCAPE = new RegExp(`[${NUL}${SOH}]`, 'g');
const ESCAPED = new RegExp(`${SOH}[${SOH}\u0002]`, 'g');

export function storedText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(TO_ESCAPE, (c) => (c === NUL ? SOH + SOH : `${SOH}\u0002`));
}

export function loadedText(text: string): string {
  if (!text.includes(SOH)) return text;
  return text.replace(ESCAPED, (pair) => (pair === SOH + SOH ? NUL : SOH));
}
