import { Cursor } from './cursor.js';
import { PatternFault, formatLocation } from './faults.js';
import {
  VALID_TOKENS,
  invalidSpace,
  invalidToken,
  isIdentifierStart,
  matchLiteral,
  nextSignificant,
  scanNumber,
  scanString,
  skipSpace,
  unexpectedChar,
  unexpectedEnd,
} from './json-lexemes.js';

export type JsonToken =
  | 'START_OBJECT'
  | 'END_OBJECT'
  | 'START_ARRAY'
  | 'END_ARRAY'
  | 'FIELD_NAME'
  | 'STRING'
  | 'INT'
  | 'FLOAT'
  | 'TRUE'
  | 'FALSE'
  | 'NULL';

export function isNumeric(token: JsonToken | null): boolean {
  return token === 'INT' || token === 'FLOAT';
}

interface Context {
  readonly type: 'root' | 'array' | 'object';
  index: number;
  readonly line: number;
  readonly column: number;
}

const MAX_DEPTH = 1000;
const STRUCTURAL: Partial<Record<JsonToken, string>> = {
  START_OBJECT: '{',
  END_OBJECT: '}',
  START_ARRAY: '[',
  END_ARRAY: ']',
  TRUE: 'true',
  FALSE: 'false',
  NULL: 'null',
};

/**
 * A pull reader with Jackson's streaming behaviour, so that a check failing after N tokens
 * reports the same column AWS reports: a field name also consumes the first character (or
 * the whole of a number or literal) of its value, and a string value is only read to its
 * closing quote when its text is asked for or the reader moves on.
 */
export class JsonReader {
  private readonly cur: Cursor;
  private readonly contexts: Context[] = [{ type: 'root', index: -1, line: 1, column: 0 }];
  private token: JsonToken | null = null;
  private afterName: JsonToken | null = null;
  private stringOpen = false;
  private textValue = '';
  private fieldName = '';
  private tokenLine = 1;
  private tokenColumn = 0;

  constructor(readonly source: string) {
    this.cur = new Cursor(source);
  }

  /** Where the reader stands, as Jackson prints it in a JsonParseException. */
  location(): string {
    return this.cur.location();
  }

  currentToken(): JsonToken | null {
    return this.token;
  }

  /** The current field name (Jackson's getCurrentName). */
  name(): string {
    return this.fieldName;
  }

  /** Jackson's getText: finishes a string value; structural tokens read as their character. */
  text(): string {
    if (this.token === 'STRING') {
      if (this.stringOpen) {
        this.stringOpen = false;
        this.textValue = scanString(this.cur, 'string value');
      }
      return this.textValue;
    }
    if (this.token === 'FIELD_NAME') return this.fieldName;
    if (this.token === 'INT' || this.token === 'FLOAT') return this.textValue;
    if (this.token === null) return 'null';
    return STRUCTURAL[this.token] ?? '';
  }

  nextToken(): JsonToken | null {
    if (this.token === 'FIELD_NAME') return this.valueAfterName();
    if (this.stringOpen) {
      this.stringOpen = false;
      scanString(this.cur, 'string value');
    }
    let c = nextSignificant(this.cur);
    if (c < 0) {
      this.endOfInput();
      this.token = null;
      return null;
    }
    if (c === 0x5d || c === 0x7d) return this.closeScope(c);
    const ctx = this.context();
    ctx.index++;
    if (ctx.type !== 'root' && ctx.index > 0) c = this.skipComma(c, ctx);
    const inObject = ctx.type === 'object';
    if (inObject) {
      if (c !== 0x22) unexpectedChar(this.cur, c, 'was expecting double-quote to start field name');
      this.fieldName = scanString(this.cur, 'name');
      this.token = 'FIELD_NAME';
      c = this.skipColon();
    }
    this.markToken();
    const value = this.readValueStart(c, inObject, ctx.type === 'root');
    if (inObject) {
      this.afterName = value;
      return 'FIELD_NAME';
    }
    this.token = value;
    return value;
  }

  private context(): Context {
    return this.contexts[this.contexts.length - 1]!;
  }

  private valueAfterName(): JsonToken | null {
    const value = this.afterName;
    this.afterName = null;
    if (value === 'START_ARRAY') this.push('array');
    if (value === 'START_OBJECT') this.push('object');
    this.token = value;
    return value;
  }

  private readValueStart(c: number, inObject: boolean, atRoot: boolean): JsonToken {
    const cur = this.cur;
    switch (c) {
      case 0x22:
        this.stringOpen = true;
        return 'STRING';
      case 0x5b:
        if (!inObject) this.push('array');
        return 'START_ARRAY';
      case 0x7b:
        if (!inObject) this.push('object');
        return 'START_OBJECT';
      case 0x7d:
        return unexpectedChar(cur, c, 'expected a value');
      case 0x74:
        matchLiteral(cur, 'true');
        return 'TRUE';
      case 0x66:
        matchLiteral(cur, 'false');
        return 'FALSE';
      case 0x6e:
        matchLiteral(cur, 'null');
        return 'NULL';
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          const number = scanNumber(cur, atRoot);
          this.textValue = number.text;
          return number.float ? 'FLOAT' : 'INT';
        }
        return this.oddValue(c);
    }
  }

  /** Jackson's _handleOddValue with every non-standard feature off. */
  private oddValue(c: number): never {
    const cur = this.cur;
    if (c === 0x4e) nonStandard(cur, 'NaN');
    if (c === 0x49) nonStandard(cur, 'Infinity');
    if (c === 0x2b) {
      if (cur.atEnd) unexpectedEnd(cur, ' in a Number value');
      cur.take();
      cur.failAtPrevious(
        "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow",
      );
    }
    if (isIdentifierStart(c)) invalidToken(cur, String.fromCharCode(c));
    unexpectedChar(cur, c, `expected a valid value ${VALID_TOKENS}`);
  }

  private markToken(): void {
    this.tokenLine = this.cur.row;
    this.tokenColumn = this.cur.pos - this.cur.rowStart;
  }

  private push(type: 'array' | 'object'): void {
    this.contexts.push({ type, index: -1, line: this.tokenLine, column: this.tokenColumn });
    const depth = this.contexts.length - 1;
    if (depth > MAX_DEPTH) {
      throw new PatternFault(
        `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
        'constraint',
      );
    }
  }

  private closeScope(c: number): JsonToken {
    this.markToken();
    const ctx = this.context();
    const isArray = c === 0x5d;
    if (ctx.type !== (isArray ? 'array' : 'object')) {
      const start = formatLocation(this.source, ctx.line, ctx.column);
      this.cur.failAtPrevious(
        `Unexpected close marker '${String.fromCharCode(c)}': expected '${isArray ? '}' : ']'}' (for ${typeDesc(ctx)} starting at ${start})`,
      );
    }
    this.contexts.pop();
    this.token = isArray ? 'END_ARRAY' : 'END_OBJECT';
    return this.token;
  }

  private endOfInput(): void {
    const ctx = this.context();
    if (ctx.type === 'root') return;
    const start = formatLocation(this.source, ctx.line, ctx.column);
    unexpectedEnd(
      this.cur,
      `: expected close marker for ${typeDesc(ctx)} (start marker at ${start})`,
    );
  }

  private skipComma(c: number, ctx: Context): number {
    if (c !== 0x2c) {
      unexpectedChar(this.cur, c, `was expecting comma to separate ${typeDesc(ctx)} entries`);
    }
    const next = nextSignificant(this.cur);
    if (next < 0) unexpectedEnd(this.cur, ` within/between ${typeDesc(ctx)} entries`);
    return next;
  }

  /** Past the colon after a field name; returns the value's first character, consumed. */
  private skipColon(): number {
    const cur = this.cur;
    let gotColon = false;
    while (!cur.atEnd) {
      const c = cur.take();
      if (c > 0x20) {
        if (c === 0x2f) {
          unexpectedChar(
            cur,
            c,
            "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
          );
        }
        if (gotColon) return c;
        if (c !== 0x3a)
          unexpectedChar(cur, c, 'was expecting a colon to separate field name and value');
        gotColon = true;
      } else if (!skipSpace(cur, c)) {
        invalidSpace(cur, c);
      }
    }
    unexpectedEnd(cur, ' within/between Object entries');
  }
}

function typeDesc(ctx: Context): string {
  return ctx.type === 'array' ? 'Array' : ctx.type === 'object' ? 'Object' : 'root';
}

function nonStandard(cur: Cursor, word: string): never {
  matchLiteral(cur, word);
  cur.fail(
    `Non-standard token '${word}': enable \`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS\` to allow`,
  );
}
