import { isWhitespace } from './cursor.js';

/**
 * Splits an event into space-delimited fields. Text between a pair of double quotes or
 * square brackets is one field, kept without them (`[10/Oct/2000:13:55:36 -0700]` is
 * `10/Oct/2000:13:55:36 -0700`); runs of whitespace separate fields. A quote or bracket
 * left open takes the rest of the event.
 */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  const n = message.length;
  let i = 0;
  for (;;) {
    while (i < n && isWhitespace(message.charCodeAt(i))) i++;
    if (i >= n) return fields;
    const open = message.charCodeAt(i);
    if (open === 0x22 || open === 0x5b) {
      const close = message.indexOf(open === 0x22 ? '"' : ']', i + 1);
      if (close < 0) {
        fields.push(message.slice(i + 1));
        return fields;
      }
      fields.push(message.slice(i + 1, close));
      i = close + 1;
      continue;
    }
    const start = i;
    while (i < n && !isWhitespace(message.charCodeAt(i))) i++;
    fields.push(message.slice(start, i));
  }
}
