/**
 * Many values as one JSON parameter, unpacked in SQL (`jsonb_array_elements`, jsonb: one
 * parse, where json would lex an element again for each field read). pg encodes
 * an array parameter element by element in JavaScript (two regex replaces and a string
 * concatenation each, escaping every quote of a record's JSON); `JSON.stringify` is one
 * native pass, and PostgreSQL parses JSON about as cheaply as an array literal.
 *
 * Text the store writes never holds U+0000 (see text.ts), which jsonb refuses. A lone
 * surrogate is the one string JSON cannot carry to PostgreSQL (`JSON.stringify` writes it
 * as `\udXXX`, which PostgreSQL refuses); as a text parameter pg sent it as U+FFFD (its
 * UTF-8 encoding does), so it is replaced by U+FFFD here too. Only a `\ud8`–`\udf` escape
 * in the JSON can be one, so the rows are walked only then.
 */
const SURROGATE_ESCAPE = /\\ud[89a-f]/i;

type Field = string | number | null;

/** `rows` (arrays of fields) as one JSON text for a `jsonb` parameter. */
export function jsonRows(rows: readonly (readonly Field[])[]): string {
  const json = JSON.stringify(rows);
  if (!SURROGATE_ESCAPE.test(json)) return json;
  return JSON.stringify(rows.map((row) => row.map(wellFormed)));
}

/** `values` as one JSON text for a `jsonb` parameter: a flat array. */
export function jsonValues(values: readonly Field[]): string {
  const json = JSON.stringify(values);
  if (!SURROGATE_ESCAPE.test(json)) return json;
  return JSON.stringify(values.map(wellFormed));
}

function wellFormed(field: Field): Field {
  // Node 20 has String.prototype.toWellFormed; the ES2023 typings do not.
  return typeof field === 'string'
    ? (field as string & { toWellFormed(): string }).toWellFormed()
    : field;
}

/**
 * The FROM item over a JSON rows parameter: `alias(e, n)`, a row's fields `e->>0`, `e->>1`…
 * as text, n its 1-based position.
 */
export const jsonRowsFrom = (param: string, alias: string) =>
  `jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS ${alias}(e, n)`;
