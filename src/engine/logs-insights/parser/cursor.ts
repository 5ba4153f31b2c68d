import {
  MalformedQueryError,
  lineAndPosition,
  unexpectedEnd,
  unexpectedSymbol,
} from '../errors.js';

/** Parentheses, `not`s, signs and calls inside one another. */
const MAX_NESTING = 100;
import { Lexer } from './lexer.js';
import { type Token, tokenText } from './tokens.js';

/** One token of lookahead over the lexer, with the small vocabulary the grammar needs. */
export class Cursor {
  private readonly lexer: Lexer;
  private current: Token;
  /** Where the last token taken ended: the end of what has been parsed so far. */
  lastEnd = 0;

  constructor(readonly text: string) {
    this.lexer = new Lexer(text);
    this.current = this.lexer.next();
  }

  peek(): Token {
    return this.current;
  }

  advance(): Token {
    const token = this.current;
    this.lastEnd = token.end;
    this.current = this.lexer.next();
    return token;
  }

  /** The current token is `/`: read it, and what follows, as a regex literal. */
  regex(): Extract<Token, { kind: 'regex' }> {
    const token = this.lexer.regexAt(this.current.start);
    this.lastEnd = token.end;
    this.current = this.lexer.next();
    return token as Extract<Token, { kind: 'regex' }>;
  }

  isOp(op: string): boolean {
    return this.current.kind === 'op' && this.current.op === op;
  }

  /** An unquoted identifier equal to `word` in any case (keywords are case-insensitive). */
  isWord(word: string): boolean {
    const t = this.current;
    return t.kind === 'ident' && !t.quoted && t.name.toLowerCase() === word;
  }

  /** The lower-cased word of an unquoted identifier, or undefined. */
  word(): string | undefined {
    const t = this.current;
    return t.kind === 'ident' && !t.quoted ? t.name.toLowerCase() : undefined;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.advance();
    return true;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.advance();
    return true;
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.unexpected();
    return this.advance();
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) throw this.unexpected();
    return this.advance();
  }

  atCommandEnd(): boolean {
    return this.current.kind === 'eof' || this.isOp('|');
  }

  /** The error for the current token: the grammar has no place for it here. */
  unexpected(token: Token = this.current) {
    if (token.kind === 'eof') return unexpectedEnd(this.text);
    return unexpectedSymbol(this.text, tokenText(this.text, token), token.start, token.end);
  }

  private depth = 0;

  /**
   * Runs `parse` one nesting level deeper (parentheses, `not`, unary minus, calls), refusing
   * a query nested deeper than any real one would be before the stack runs out.
   */
  nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) {
      const t = this.current;
      const { line, position } = lineAndPosition(this.text, t.start);
      throw new MalformedQueryError(
        `Query is nested more than ${MAX_NESTING} levels deep at line ${line} and position ${position}`,
        t.start,
        t.end,
      );
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }
}
