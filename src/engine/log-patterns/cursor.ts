import { PatternFault } from './errors.js';

/** The most `%regex%` terms AWS accepts in one filter pattern. */
const MAX_REGEXES = 2;

/**
 * Reads a pattern left to right. The three syntaxes share its primitives: whitespace,
 * double-quoted strings, `%regex%` bodies, words and operators.
 */
export class PatternCursor {
  pos = 0;
  private regexes = 0;

  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The character at the cursor, '' at the end. */
  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  lookingAt(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Consumes `s` when the cursor is on it. */
  eat(s: string): boolean {
    if (!this.lookingAt(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string, what: string): void {
    if (!this.eat(s)) throw this.fault(`expected ${what}`);
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Reads while `accept` holds; '' when it does not hold at the cursor. */
  readWhile(accept: (code: number) => boolean): string {
    const start = this.pos;
    while (this.pos < this.text.length && accept(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /**
   * A double-quoted string at the cursor, without its quotes. `\"` and `\\` stand for
   * themselves; any other backslash is kept as written.
   */
  readQuoted(): string {
    const open = this.pos;
    this.pos++;
    let out = '';
    let from = this.pos;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '"') {
        out += this.text.slice(from, this.pos);
        this.pos++;
        return out;
      }
      if (ch === '\\' && (this.peek(1) === '"' || this.peek(1) === '\\')) {
        out += this.text.slice(from, this.pos) + this.peek(1);
        this.pos += 2;
        from = this.pos;
        continue;
      }
      this.pos++;
    }
    throw this.fault(`unterminated quoted string starting at ${open}`);
  }

  /** A `%regex%` at the cursor: returns the body, counted against AWS's quota. */
  readRegexBody(): string {
    const open = this.pos;
    const close = this.text.indexOf('%', open + 1);
    if (close < 0) throw this.fault(`unterminated regular expression starting at ${open}`);
    const body = this.text.slice(open + 1, close);
    if (body === '') throw this.fault('empty regular expression');
    this.pos = close + 1;
    this.regexes++;
    if (this.regexes > MAX_REGEXES) {
      throw this.fault(`more than ${MAX_REGEXES} regular expressions in one pattern`);
    }
    return body;
  }

  fault(detail: string): PatternFault {
    return new PatternFault(`${detail} (at ${this.pos} in ${JSON.stringify(this.text)})`);
  }
}

export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** ASCII letters, digits and `_`: what AWS lets stand unquoted as a term. */
export function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}
