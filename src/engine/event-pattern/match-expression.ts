import { anythingBut } from './anything-but.js';
import { barf } from './faults.js';
import { cidrRange } from './ip.js';
import type { JsonReader } from './json-reader.js';
import { numericExpression, tooManyElements } from './numeric-expression.js';
import type { Pattern } from './patterns.js';
import { wildcardProblem } from './wildcard.js';

const ONE_KEY = 'Only one key allowed in match expression';

/** `{ operator: … }` inside a field's list, after its '{'. */
export function matchExpression(reader: JsonReader): Pattern {
  if (reader.nextToken() !== 'FIELD_NAME') barf(reader, 'Match expression name not found');
  const name = reader.name();
  switch (name) {
    case 'exactly':
      return closed(reader, { kind: 'exact', value: stringOperand(reader, 'exact') });
    case 'prefix':
    case 'suffix': {
      if (reader.nextToken() === 'START_OBJECT') return affixIgnoringCase(reader, name);
      const value = currentString(reader, `${name} match pattern must be a string`);
      return closed(reader, { kind: name, value });
    }
    case 'numeric': {
      if (reader.nextToken() !== 'START_ARRAY') barf(reader, 'Value of numeric must be an array.');
      const range = numericExpression(reader);
      if (reader.nextToken() !== 'END_OBJECT') tooManyElements(reader);
      return range;
    }
    case 'anything-but':
      return anythingBut(reader);
    case 'exists': {
      const token = reader.nextToken();
      if (token !== 'TRUE' && token !== 'FALSE') {
        barf(reader, 'exists match pattern must be either true or false.');
      }
      return closed(reader, { kind: token === 'TRUE' ? 'exists' : 'absent' });
    }
    case 'cidr': {
      // Ruler's CIDR errors are IllegalArgumentExceptions: reported without a location.
      const range = cidrRange(stringOperand(reader, 'prefix'));
      return closed(reader, { kind: 'cidr', range });
    }
    case 'equals-ignore-case':
      return closed(reader, { kind: name, value: stringOperand(reader, name) });
    case 'wildcard': {
      const value = stringOperand(reader, name);
      const problem = wildcardProblem(value);
      if (problem !== undefined) barf(reader, problem);
      return closed(reader, { kind: 'wildcard', value });
    }
    default:
      barf(reader, `Unrecognized match type ${name}`);
  }
}

function stringOperand(reader: JsonReader, what: string): string {
  reader.nextToken();
  return currentString(reader, `${what} match pattern must be a string`);
}

function currentString(reader: JsonReader, problem: string): string {
  if (reader.currentToken() !== 'STRING') barf(reader, problem);
  return reader.text();
}

function closed(reader: JsonReader, pattern: Pattern): Pattern {
  if (reader.nextToken() !== 'END_OBJECT') barf(reader, ONE_KEY);
  return pattern;
}

/** `{"prefix": {"equals-ignore-case": …}}` and the same for suffix, after the inner '{'. */
function affixIgnoringCase(reader: JsonReader, affix: 'prefix' | 'suffix'): Pattern {
  const Affix = affix === 'prefix' ? 'Prefix' : 'Suffix';
  if (reader.nextToken() !== 'FIELD_NAME') barf(reader, `${Affix} expression name not found`);
  const op = reader.name();
  if (op !== 'equals-ignore-case') barf(reader, `Unsupported ${affix} pattern: ${op}`);
  const value = stringOperand(reader, 'equals-ignore-case');
  const pattern: Pattern = { kind: `${affix}-ignore-case`, value };
  closed(reader, pattern);
  return closed(reader, pattern);
}
