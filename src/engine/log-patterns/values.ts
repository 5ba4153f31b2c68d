import type { PatternCursor } from './cursor.js';
import { invalidTermCharacters } from './errors.js';
import { compileGlob } from './glob.js';
import { patternNumber } from './numbers.js';
import { compileAwsRegex } from './regex.js';
import type { LinearRegex } from '../linear-regex/index.js';

/**
 * The right-hand side of a condition in a JSON or space-delimited pattern and the operator
 * before it, compiled into one test of a value from the event.
 */
export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * Tests one value of the event: its text (a JSON number as written in the event) and the
 * number it holds (NaN when it holds none).
 */
export type ValueTest = (text: string, num: number) => boolean;

type Literal =
  | { kind: 'text'; text: string; written: string }
  | { kind: 'number'; text: string; value: number }
  | { kind: 'regex'; re: LinearRegex; written: string };

const OPERATORS: readonly Operator[] = ['!=', '<=', '>=', '=', '<', '>'];

/** Reads `=`, `!=`, `<`, `<=`, `>` or `>=` at the cursor. */
export function readOperator(c: PatternCursor): Operator | undefined {
  for (const op of OPERATORS) {
    if (c.eat(op)) {
      const after = c.peek();
      if (after === '=' || after === '<' || after === '>' || after === '!') {
        throw c.fault(`unknown operator ${op}${after}`);
      }
      return op;
    }
  }
  return undefined;
}

/** Characters a value may use without quotes; anything else must be quoted. */
function isBareValueChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x2a || // *
    code === 0x2b || // +
    code === 0x2d || // -
    code === 0x3a || // :
    code === 0x2f // /
  );
}

/** Ends a bare value: whitespace and the punctuation of the surrounding syntax. */
function endsBareValue(ch: string): boolean {
  return ch === '' || /[\s,)\]}&|]/.test(ch);
}

function readLiteral(c: PatternCursor): Literal {
  c.skipWhitespace();
  const ch = c.peek();
  if (ch === '"') {
    const start = c.pos;
    const text = c.readQuoted();
    return { kind: 'text', text, written: c.text.slice(start, c.pos) };
  }
  if (ch === '%') {
    const start = c.pos;
    const re = compileAwsRegex(c.readRegexBody());
    return { kind: 'regex', re, written: c.text.slice(start, c.pos) };
  }
  const start = c.pos;
  while (!endsBareValue(c.peek())) c.pos++;
  const written = c.text.slice(start, c.pos);
  if (written === '') throw c.fault('expected a value');
  for (let i = 0; i < written.length; i++) {
    if (!isBareValueChar(written.charCodeAt(i))) {
      throw c.fault(`${JSON.stringify(written)} must be enclosed in double quotes`);
    }
  }
  const value = patternNumber(written);
  if (value !== undefined) return { kind: 'number', text: written, value };
  return { kind: 'text', text: written, written };
}

/** Reads the value after `op` and compiles the comparison. */
export function readComparison(c: PatternCursor, op: Operator): ValueTest {
  const literal = readLiteral(c);
  if (op !== '=' && op !== '!=') {
    if (literal.kind !== 'number') {
      throw invalidTermCharacters(literal.written, `${op} needs a number, not ${literal.written}`);
    }
    const n = literal.value;
    switch (op) {
      case '<':
        return (_t, num) => num < n;
      case '<=':
        return (_t, num) => num <= n;
      case '>':
        return (_t, num) => num > n;
      case '>=':
        return (_t, num) => num >= n;
    }
  }
  const equals = equality(literal);
  return op === '=' ? equals : (text, num) => !equals(text, num);
}

function equality(literal: Literal): ValueTest {
  switch (literal.kind) {
    case 'regex': {
      const re = literal.re;
      return (text) => re.test(text);
    }
    case 'text': {
      const test = compileGlob(literal.text);
      return (text) => test(text);
    }
    case 'number': {
      // A number equals by value (`123.0` = 123); a value that holds no number by its text.
      const { value, text: spelled } = literal;
      return (text, num) => (Number.isNaN(num) ? text === spelled : num === value);
    }
  }
}
