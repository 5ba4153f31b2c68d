import type { Cursor } from './cursor.js';
import { describeChar } from './faults.js';

/**
 * The pieces of Jackson's ReaderBasedJsonParser (2.17+) that scan one lexeme: strings,
 * numbers, the three literals and whitespace, with Jackson's own messages and positions.
 * Only standard JSON is accepted (no comments, single quotes, NaN, leading zeros …), as
 * event-ruler configures it.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

export const VALID_TOKENS =
  "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
const MAX_ERROR_TOKEN = 256;

export function unexpectedChar(cur: Cursor, code: number, comment: string): never {
  cur.failAtPrevious(`Unexpected character (${describeChar(code)}): ${comment}`);
}

export function unexpectedEnd(cur: Cursor, what: string): never {
  cur.fail(`Unexpected end-of-input${what}`);
}

function unexpectedNumberChar(cur: Cursor, code: number, comment: string): never {
  cur.failAtPrevious(`Unexpected character (${describeChar(code)}) in numeric value: ${comment}`);
}

/** A control character where only JSON whitespace may stand. */
export function invalidSpace(cur: Cursor, code: number): never {
  cur.fail(
    `Illegal character (${describeChar(code)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`,
  );
}

/** After consuming a unit ≤ SPACE: true when it was whitespace (line counting done). */
export function skipSpace(cur: Cursor, code: number): boolean {
  if (code === SPACE || code === TAB) return true;
  if (code === LF) {
    cur.lineFeed();
    return true;
  }
  if (code === CR) {
    cur.carriageReturn();
    return true;
  }
  return false;
}

/** The next significant unit, consumed; -1 at the end (the caller decides what that means). */
export function nextSignificant(cur: Cursor): number {
  while (!cur.atEnd) {
    const c = cur.take();
    if (c > SPACE) {
      if (c === SLASH) {
        unexpectedChar(
          cur,
          c,
          "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
        );
      }
      return c;
    }
    if (!skipSpace(cur, c)) invalidSpace(cur, c);
  }
  return -1;
}

/** Scans the rest of a string whose opening quote is consumed; returns its value. */
export function scanString(cur: Cursor, what: 'string value' | 'name'): string {
  let out = '';
  let runStart = cur.pos;
  for (;;) {
    if (cur.atEnd) {
      if (what === 'name') unexpectedEnd(cur, ' in field name');
      unexpectedEnd(cur, ': was expecting closing quote for a string value');
    }
    const c = cur.take();
    if (c === QUOTE) return out + cur.src.slice(runStart, cur.pos - 1);
    if (c === BACKSLASH) {
      out += cur.src.slice(runStart, cur.pos - 1) + decodeEscape(cur);
      runStart = cur.pos;
    } else if (c < SPACE) {
      cur.fail(
        `Illegal unquoted character (${describeChar(c)}): has to be escaped using backslash to be included in ${what}`,
      );
    }
  }
}

function decodeEscape(cur: Cursor): string {
  if (cur.atEnd) unexpectedEnd(cur, ' in character escape sequence');
  const c = cur.take();
  switch (c) {
    case 0x62:
      return '\b';
    case 0x74:
      return '\t';
    case 0x6e:
      return '\n';
    case 0x66:
      return '\f';
    case 0x72:
      return '\r';
    case QUOTE:
    case SLASH:
    case BACKSLASH:
      return String.fromCharCode(c);
    case 0x75: {
      let value = 0;
      for (let i = 0; i < 4; i++) {
        if (cur.atEnd) unexpectedEnd(cur, ' in character escape sequence');
        const h = cur.take();
        const digit = hexDigit(h);
        if (digit < 0) unexpectedChar(cur, h, 'expected a hex-digit for character escape sequence');
        value = (value << 4) | digit;
      }
      return String.fromCharCode(value);
    }
    default:
      cur.failAtPrevious(`Unrecognized character escape ${describeChar(c)}`);
  }
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Scans a number whose first unit (a digit or '-') is consumed. Returns its text and
 * whether it has a fraction or exponent. At the root, Jackson also insists on a space
 * after the number and consumes it.
 */
export function scanNumber(cur: Cursor, atRoot: boolean): { text: string; float: boolean } {
  const start = cur.pos - 1;
  let c = cur.src.charCodeAt(start);
  if (c === 0x2d) {
    if (cur.atEnd) unexpectedEnd(cur, ' in a Number value');
    c = cur.take();
    if (!isDigit(c)) {
      unexpectedNumberChar(
        cur,
        c,
        'expected digit (0-9) to follow minus sign, for valid numeric value',
      );
    }
  }
  if (c === 0x30 && isDigit(cur.peek()))
    cur.fail('Invalid numeric value: Leading zeroes not allowed');
  while (isDigit(cur.peek())) cur.pos++;
  let float = false;
  // Jackson's fast path stands just after the first '.'/'e' while it scans the rest, so
  // its complaints about a bad fraction or exponent point at that character.
  let anchor = -1;
  if (cur.peek() === 0x2e) {
    float = true;
    cur.pos++;
    anchor = cur.pos;
    if (!isDigit(cur.peek())) badNumberPart(cur, anchor, 'Decimal point not followed by a digit');
    while (isDigit(cur.peek())) cur.pos++;
  }
  const e = cur.peek();
  if (e === 0x65 || e === 0x45) {
    float = true;
    cur.pos++;
    if (anchor < 0) anchor = cur.pos;
    const sign = cur.peek();
    if (sign === 0x2b || sign === 0x2d) cur.pos++;
    if (!isDigit(cur.peek()))
      badNumberPart(cur, anchor, 'Exponent indicator not followed by a digit');
    while (isDigit(cur.peek())) cur.pos++;
  }
  const text = cur.src.slice(start, cur.pos);
  if (atRoot && !cur.atEnd) {
    const after = cur.take();
    if (!skipSpace(cur, after)) {
      unexpectedChar(cur, after, 'Expected space separating root-level values');
    }
  }
  return { text, float };
}

function badNumberPart(cur: Cursor, anchor: number, comment: string): never {
  if (cur.atEnd) {
    // Jackson's slow path (input ends inside the number) sees a NUL there.
    unexpectedNumberChar(cur, 0, comment);
  }
  const bad = cur.peek();
  cur.pos = anchor;
  unexpectedNumberChar(cur, bad, comment);
}

/** Matches the rest of `true`, `false` or `null`; its first letter is consumed. */
export function matchLiteral(cur: Cursor, word: string): void {
  for (let i = 1; i < word.length; i++) {
    if (cur.atEnd || cur.peek() !== word.charCodeAt(i)) invalidToken(cur, word.slice(0, i));
    cur.pos++;
  }
  const c = cur.peek();
  if (c >= 0x30 && c !== 0x5d && c !== 0x7d && isIdentifierPart(c)) invalidToken(cur, word);
}

/** Jackson's guess at the token it could not read: the identifier characters that follow. */
export function invalidToken(cur: Cursor, matched: string, expected = VALID_TOKENS): never {
  let token = matched;
  while (!cur.atEnd && isIdentifierPart(cur.peek())) {
    token += String.fromCharCode(cur.take());
    if (token.length >= MAX_ERROR_TOKEN) {
      token += '...';
      break;
    }
  }
  cur.fail(`Unrecognized token '${token}': was expecting ${expected}`);
}

const IDENTIFIER_START = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}]$/u;
const IDENTIFIER_PART = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}\p{Cf}]$/u;

/** Java's Character.isJavaIdentifierStart for one UTF-16 unit. */
export function isIdentifierStart(code: number): boolean {
  return IDENTIFIER_START.test(String.fromCharCode(code));
}

/** Java's Character.isJavaIdentifierPart for one UTF-16 unit (it counts some controls). */
function isIdentifierPart(code: number): boolean {
  const ignorableControl =
    code <= 0x08 || (code >= 0x0e && code <= 0x1b) || (code >= 0x7f && code <= 0x9f);
  return ignorableControl || IDENTIFIER_PART.test(String.fromCharCode(code));
}
