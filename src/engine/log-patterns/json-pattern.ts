import { type Predicate, parseExpression } from './boolean-expr.js';
import { PatternCursor, isWhitespace } from './cursor.js';
import { type JsonValue, JsonNumber, parseJson } from './json-parse.js';
import { type Selector, readSelector, scalarText } from './json-selector.js';
import { textNumber } from './numbers.js';
import { readComparison, readOperator } from './values.js';

/**
 * `{ SELECTOR OPERATOR VALUE }` conditions over JSON events, joined with `&&`/`||`, plus
 * `IS NULL`, `IS TRUE`, `IS FALSE` and `NOT EXISTS`. A comparison holds only for a string,
 * number or boolean at the selector: a missing property, an object, an array or null fails
 * both `=` and `!=`. An event that is not one JSON object matches nothing.
 */
export interface JsonPattern {
  matches: (message: string) => boolean;
  valueOf: (message: string, reference: string) => string | undefined;
}

export function compileJsonPattern(pattern: string): JsonPattern {
  const c = new PatternCursor(pattern);
  c.expect('{', "'{'");
  const test = parseExpression<JsonValue>(c, readCondition);
  c.skipWhitespace();
  c.expect('}', "'}'");
  if (!c.atEnd()) throw c.fault('text after the closing brace');
  const matches = (message: string): boolean => {
    const root = readEvent(message);
    return root !== undefined && test(root);
  };
  return {
    matches,
    valueOf: (message, reference) => {
      const root = readEvent(message);
      if (root === undefined || !test(root)) return undefined;
      const selector = selectorOf(reference);
      if (selector === undefined) return undefined;
      for (const v of selector.resolve(root)) {
        const text = scalarText(v);
        if (text !== undefined) return text;
      }
      return undefined;
    },
  };
}

/** Parses only what can be a JSON object: most events are plain text and cost one loop. */
function readEvent(message: string): Map<string, JsonValue> | undefined {
  let i = 0;
  while (i < message.length && isWhitespace(message.charCodeAt(i))) i++;
  if (message.charCodeAt(i) !== 0x7b) return undefined;
  const root = parseJson(message);
  return root instanceof Map ? root : undefined;
}

function selectorOf(reference: string): Selector | undefined {
  try {
    const c = new PatternCursor(reference);
    const selector = readSelector(c);
    return c.atEnd() ? selector : undefined;
  } catch {
    return undefined;
  }
}

function readCondition(c: PatternCursor): Predicate<JsonValue> {
  c.skipWhitespace();
  const selector = readSelector(c);
  c.skipWhitespace();
  const op = readOperator(c);
  if (op !== undefined) {
    const compare = readComparison(c, op);
    return (root) => {
      for (const v of selector.resolve(root)) {
        const text = scalarText(v);
        if (text === undefined) continue;
        const num = v instanceof JsonNumber ? v.value : typeof v === 'string' ? textNumber(v) : NaN;
        if (compare(text, num)) return true;
      }
      return false;
    };
  }
  const keyword = readKeyword(c);
  if (keyword === 'IS') {
    const what = readKeyword(c);
    const holds =
      what === 'NULL'
        ? (v: JsonValue) => v === null
        : what === 'TRUE'
          ? (v: JsonValue) => v === true
          : what === 'FALSE'
            ? (v: JsonValue) => v === false
            : undefined;
    if (holds === undefined) throw c.fault('IS must be followed by NULL, TRUE or FALSE');
    return (root) => selector.resolve(root).some(holds);
  }
  if (keyword === 'NOT') {
    if (readKeyword(c) !== 'EXISTS') throw c.fault('NOT must be followed by EXISTS');
    return (root) => selector.resolve(root).length === 0;
  }
  throw c.fault(`expected an operator, IS or NOT EXISTS after ${selector.text}`);
}

function readKeyword(c: PatternCursor): string {
  c.skipWhitespace();
  return c
    .readWhile((code) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a))
    .toUpperCase();
}
