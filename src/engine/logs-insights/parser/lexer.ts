import { MalformedQueryError, lineAndPosition, unexpectedSymbol } from '../errors.js';
import type { Token } from './tokens.js';

/**
 * Splits a query into tokens on demand. A `/` is ambiguous (division or a regex), so the
 * parser asks for a regex where its grammar expects one ({@link Lexer.regexAt}).
 *
 * Unquoted field names are letters, digits, `_`, `@`, `$` and `.` (the documented rule:
 * anything else needs backticks); a dotted name may end in a backticked segment
 * (map.attributes.`special.char`). `#` starts a comment that runs to the end of the line.
 */
export class Lexer {
  private pos = 0;

  constructor(readonly text: string) {}

  next(): Token {
    this.skipBlank();
    const text = this.text;
    const start = this.pos;
    if (start >= text.length) return { kind: 'eof', start, end: start };
    const ch = text.charAt(start);
    if (ch === '"' || ch === "'") return this.string(ch);
    if (ch === '`') return this.name(start);
    if (isDigit(ch) || (ch === '.' && isDigit(text.charAt(start + 1)))) return this.number();
    if (isNameStart(ch)) return this.name(start);
    const two = text.slice(start, start + 2);
    if (two === '!=' || two === '<=' || two === '>=' || two === '=~' || two === '==') {
      this.pos += 2;
      return { kind: 'op', op: two, start, end: start + 2 };
    }
    if ('=<>+-*/^%()[],|.!{}:'.includes(ch)) {
      this.pos++;
      return { kind: 'op', op: ch, start, end: start + 1 };
    }
    throw unexpectedSymbol(text, ch, start, start + 1);
  }

  /** Re-reads from `start` (where the parser met a `/`) as `/body/`. */
  regexAt(start: number): Token {
    const text = this.text;
    let i = start + 1;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '\\') i += 2;
      else if (c === '/') break;
      else i++;
    }
    if (i >= text.length) {
      const { line, position } = lineAndPosition(text, start);
      throw new MalformedQueryError(
        `unterminated regular expression at line ${line} and position ${position}`,
        start,
        text.length,
      );
    }
    this.pos = i + 1;
    return { kind: 'regex', body: text.slice(start + 1, i), start, end: i + 1 };
  }

  private skipBlank(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 35 /* # */) {
        const eol = text.indexOf('\n', this.pos);
        this.pos = eol < 0 ? text.length : eol + 1;
      } else if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0) {
        this.pos++;
      } else break;
    }
  }

  private string(quote: string): Token {
    const text = this.text;
    const start = this.pos;
    let value = '';
    let i = start + 1;
    for (;;) {
      if (i >= text.length) {
        const { line, position } = lineAndPosition(text, start);
        throw new MalformedQueryError(
          `unterminated string at line ${line} and position ${position}`,
          start,
          text.length,
        );
      }
      const c = text.charAt(i);
      if (c === quote) break;
      if (c === '\\' && i + 1 < text.length) {
        const n = text.charAt(i + 1);
        value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'string', value, start, end: this.pos };
  }

  /** A number, or a number with a time unit stuck to it (`5m`, `1h`, `100ms`). */
  private number(): Token {
    const text = this.text;
    const start = this.pos;
    let i = start;
    while (isDigit(text.charAt(i))) i++;
    if (text.charAt(i) === '.' && isDigit(text.charAt(i + 1))) {
      i++;
      while (isDigit(text.charAt(i))) i++;
    }
    if (/[eE]/.test(text.charAt(i)) && /[-+0-9]/.test(text.charAt(i + 1))) {
      let j = i + 1;
      if (text.charAt(j) === '-' || text.charAt(j) === '+') j++;
      if (isDigit(text.charAt(j))) {
        while (isDigit(text.charAt(j))) j++;
        i = j;
      }
    }
    const numberText = text.slice(start, i);
    let u = i;
    while (/[A-Za-z]/.test(text.charAt(u))) u++;
    if (u > i) {
      this.pos = u;
      return {
        kind: 'duration',
        amount: Number(numberText),
        unit: text.slice(i, u),
        text: text.slice(start, u),
        start,
        end: u,
      };
    }
    this.pos = i;
    return { kind: 'number', value: Number(numberText), text: numberText, start, end: i };
  }

  private name(start: number): Token {
    const text = this.text;
    const segments: string[] = [];
    let quoted = false;
    let i = start;
    for (;;) {
      if (text.charAt(i) === '`') {
        const close = text.indexOf('`', i + 1);
        if (close < 0) {
          const { line, position } = lineAndPosition(text, i);
          throw new MalformedQueryError(
            `unterminated quoted field name at line ${line} and position ${position}`,
            i,
            text.length,
          );
        }
        segments.push(text.slice(i + 1, close));
        quoted = true;
        i = close + 1;
      } else {
        let j = i;
        while (j < text.length && isNameChar(text.charAt(j)) && text.charAt(j) !== '.') j++;
        if (j === i) break;
        segments.push(text.slice(i, j));
        i = j;
      }
      // A dot continues the name only when a segment follows it.
      const after = text.charAt(i + 1);
      if (text.charAt(i) === '.' && (after === '`' || isNameChar(after)) && after !== '.') i++;
      else break;
    }
    this.pos = i;
    return { kind: 'ident', name: segments.join('.'), segments, quoted, start, end: i };
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isNameStart(c: string): boolean {
  return /[A-Za-z_@$]/.test(c) || c > '\u007f';
}

function isNameChar(c: string): boolean {
  return c !== '' && (/[A-Za-z0-9_@$.]/.test(c) || c > '\u007f');
}
