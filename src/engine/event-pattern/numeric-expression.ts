import { barf, PatternFault } from './faults.js';
import { type JsonReader, isNumeric } from './json-reader.js';
import { MAX_MICROS, MIN_MICROS, requireComparable } from './numbers.js';
import type { Pattern } from './patterns.js';

/**
 * `{"numeric": [op, n, …]}` after its '[': `=`, `<`, `<=`, `>`, `>=`, or a lower bound
 * (`>`/`>=`) followed by an upper one (`<`/`<=`). A value ruler cannot compare is reported
 * where the reader stands when the check fails.
 */
export function numericExpression(reader: JsonReader): Pattern {
  if (reader.nextToken() !== 'STRING') {
    barf(reader, `Invalid member in numeric match: ${reader.text()}`);
  }
  const operator = reader.text();
  const token = reader.nextToken();
  try {
    switch (operator) {
      case '=': {
        if (!isNumeric(token)) barf(reader, 'Value of equals must be numeric');
        const value = reader.text();
        if (reader.nextToken() !== 'END_ARRAY') tooManyElements(reader);
        return { kind: 'numeric-equals', micros: requireComparable(value) };
      }
      case '>=':
      case '>': {
        if (!isNumeric(token)) barf(reader, `Value of ${operator} must be numeric`);
        const bottom = reader.text();
        const next = reader.nextToken();
        const openBottom = operator === '>';
        if (next === 'END_ARRAY') {
          return range(requireComparable(bottom), openBottom, MAX_MICROS, false);
        }
        return upperBound(reader, next === 'STRING', bottom, openBottom);
      }
      case '<=':
      case '<': {
        if (!isNumeric(token)) barf(reader, `Value of ${operator} must be numeric`);
        const top = reader.text();
        if (reader.nextToken() !== 'END_ARRAY') tooManyElements(reader);
        return range(MIN_MICROS, false, requireComparable(top), operator === '<');
      }
      default:
        barf(reader, `Unrecognized numeric range operator: ${operator}`);
    }
  } catch (e) {
    // Ruler catches the IllegalArgumentExceptions of its number conversion only.
    if (e instanceof PatternFault && e.kind === 'argument') barf(reader, e.reason);
    throw e;
  }
}

function upperBound(
  reader: JsonReader,
  isString: boolean,
  bottom: string,
  openBottom: boolean,
): Pattern {
  if (!isString) barf(reader, `Bad value in numeric range: ${reader.text()}`);
  const operator = reader.text();
  if (operator !== '<' && operator !== '<=')
    barf(reader, `Bad numeric range operator: ${operator}`);
  if (!isNumeric(reader.nextToken())) barf(reader, `Value of ${operator} must be numeric`);
  const top = reader.text();
  if (reader.nextToken() !== 'END_ARRAY')
    barf(reader, 'Too many terms in numeric range expression');
  const low = requireComparable(bottom);
  const high = requireComparable(top);
  if (low >= high) throw new PatternFault('Bottom must be less than top', 'argument');
  return range(low, openBottom, high, operator === '<');
}

function range(bottom: number, openBottom: boolean, top: number, openTop: boolean): Pattern {
  return { kind: 'range', bottom, openBottom, top, openTop };
}

export function tooManyElements(reader: JsonReader): never {
  barf(reader, 'Too many elements in numeric expression');
}
