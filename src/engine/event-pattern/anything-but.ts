import { PatternFault, barf } from './faults.js';
import { javaHashSetOrder } from './java-hash-set.js';
import type { JsonReader, JsonToken } from './json-reader.js';
import { isNumeric } from './json-reader.js';
import { requireComparable } from './numbers.js';
import { tooManyElements } from './numeric-expression.js';
import type { Pattern } from './patterns.js';
import { wildcardProblem } from './wildcard.js';

type Variant = 'values' | 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';

const KIND = {
  'equals-ignore-case': 'anything-but-ignore-case',
  prefix: 'anything-but-prefix',
  suffix: 'anything-but-suffix',
  wildcard: 'anything-but-wildcard',
} as const;

/**
 * `{"anything-but": …}` after its field name: a string, a number, a list of either, or an
 * object naming equals-ignore-case, prefix, suffix or wildcard with a string or a list.
 */
export function anythingBut(reader: JsonReader): Pattern {
  let variant: Variant = 'values';
  let token = reader.nextToken();
  if (token === 'START_OBJECT') {
    if (reader.nextToken() !== 'FIELD_NAME') barf(reader, 'Anything-But expression name not found');
    const op = reader.name();
    if (op !== 'equals-ignore-case' && op !== 'prefix' && op !== 'suffix' && op !== 'wildcard') {
      barf(reader, `Unsupported anything-but pattern: ${op}`);
    }
    variant = op;
    token = reader.nextToken();
  }
  if (token !== 'START_ARRAY' && token !== 'STRING' && !isNumeric(token)) {
    barf(reader, 'Value of anything-but must be an array or single string/number value.');
  }
  let pattern: Pattern;
  if (variant === 'values') {
    pattern = token === 'START_ARRAY' ? valueList(reader) : singleValue(reader, token);
  } else {
    const values =
      token === 'START_ARRAY' ? stringList(reader, variant) : [stringValue(reader, token, variant)];
    if (variant === 'wildcard') checkWildcards(reader, values);
    pattern = { kind: KIND[variant], values };
  }
  if (reader.nextToken() !== 'END_OBJECT') tooManyElements(reader);
  if (variant !== 'values' && reader.nextToken() !== 'END_OBJECT') tooManyElements(reader);
  return pattern;
}

/**
 * Inside its lists ruler catches its own errors and raises them again, so their reason
 * carries the location twice.
 */
function rethrowingFaults<T>(reader: JsonReader, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof PatternFault) barf(reader, e.reason);
    throw e;
  }
}

function valueList(reader: JsonReader): Pattern {
  const strings: string[] = [];
  const micros: number[] = [];
  rethrowingFaults(reader, () => {
    for (let t = reader.nextToken(); t !== 'END_ARRAY'; t = reader.nextToken()) {
      if (t === 'STRING') strings.push(reader.text());
      else if (isNumeric(t)) micros.push(requireComparable(reader.text()));
      else barf(reader, 'Inside anything but list, start|null|boolean is not supported.');
    }
  });
  if (strings.length > 0 === micros.length > 0) {
    barf(
      reader,
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  }
  return { kind: 'anything-but', strings, micros };
}

function singleValue(reader: JsonReader, token: JsonToken | null): Pattern {
  if (token === 'STRING') return { kind: 'anything-but', strings: [reader.text()], micros: [] };
  // Not caught here: a number ruler cannot compare is reported without a location.
  return { kind: 'anything-but', strings: [], micros: [requireComparable(reader.text())] };
}

function stringList(reader: JsonReader, variant: Exclude<Variant, 'values'>): string[] {
  const values: string[] = [];
  rethrowingFaults(reader, () => {
    for (let t = reader.nextToken(); t !== 'END_ARRAY'; t = reader.nextToken()) {
      if (t !== 'STRING') notAString(reader, variant);
      values.push(checkedString(reader, variant));
    }
  });
  return values;
}

function stringValue(
  reader: JsonReader,
  token: JsonToken | null,
  variant: Exclude<Variant, 'values'>,
): string {
  if (token !== 'STRING') notAString(reader, variant);
  return checkedString(reader, variant);
}

function checkedString(reader: JsonReader, variant: Exclude<Variant, 'values'>): string {
  const text = reader.text();
  if ((variant === 'prefix' || variant === 'suffix') && text === '') {
    barf(reader, 'Null prefix/suffix not allowed');
  }
  return text;
}

function notAString(reader: JsonReader, variant: Exclude<Variant, 'values'>): never {
  if (variant === 'equals-ignore-case') {
    barf(
      reader,
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
    );
  }
  if (variant === 'wildcard') barf(reader, 'wildcard match pattern must be a string');
  barf(reader, 'prefix/suffix match pattern must be a string');
}

/** Ruler parses the values in its HashSet's order; the first bad one is reported. */
function checkWildcards(reader: JsonReader, values: string[]): void {
  for (const value of javaHashSetOrder(values.map((v) => `"${v}"`))) {
    const problem = wildcardProblem(value.slice(1, -1));
    if (problem !== undefined) barf(reader, problem);
  }
}
