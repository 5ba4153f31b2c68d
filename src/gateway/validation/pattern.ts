/**
 * AWS models carry Java regular expressions (`java.util.regex`), matched against the whole
 * value. JavaScript's syntax differs in the corners: `\-` or `\_` outside a class is an
 * error with the `u` flag, `[\w-_]` is an error, Java's `\s` and `.` are not JavaScript's,
 * `\A`, `\z`, possessive quantifiers and POSIX classes (`\p{Alpha}`) do not exist. This
 * translates one into the other, token by token, and says `undefined` for what it cannot
 * express (class intersection `&&`, nested classes, `\G`, inline flags mid-pattern).
 *
 * This file and `./java-syntax.ts` import nothing else: `scripts/gen-api.mjs` transpiles and
 * loads them to check every model pattern with the very code the validator uses.
 */

import {
  JAVA_DOT,
  JAVA_VSPACE,
  JAVA_SPACE,
  JAVA_HSPACE,
  Untranslatable,
  literalInside,
  literalOutside,
  literalOutsideOrSyntax,
  property,
  type CharSet,
} from './java-syntax.js';

export interface TranslatedPattern {
  /** JavaScript source of the pattern, not yet anchored. */
  source: string;
  /** Extra flags besides `u` (`i` from a leading `(?i)`, `s` from a leading `(?s)`). */
  flags: string;
}

/** Walks a Java pattern and writes its JavaScript equivalent. */
class Translator {
  private i = 0;
  private out = '';
  flags = '';

  constructor(private readonly p: string) {}

  translate(): TranslatedPattern {
    this.leadingFlags();
    while (this.i < this.p.length) this.outsideToken();
    return { source: this.out, flags: this.flags };
  }

  private leadingFlags(): void {
    const m = /^\(\?([a-zA-Z]+)\)/.exec(this.p);
    if (!m?.[1]) return;
    for (const f of m[1]) {
      if (f === 'i') this.flags += 'i';
      else if (f === 's') this.flags += 's';
      else throw new Untranslatable(`(?${f})`);
    }
    this.i = m[0].length;
  }

  private peek(offset = 0): string | undefined {
    return this.p[this.i + offset];
  }

  private codePointAtCursor(): number {
    const cp = this.p.codePointAt(this.i) ?? 0;
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private outsideToken(): void {
    const c = this.p[this.i] ?? '';
    switch (c) {
      case '\\':
        this.i++;
        this.outsideEscape();
        return;
      case '[':
        this.i++;
        this.out += this.characterClass();
        return;
      case '.':
        this.i++;
        this.out += this.flags.includes('s') ? '[^]' : JAVA_DOT;
        return;
      case '(':
        this.i++;
        this.group();
        return;
      case '*':
      case '+':
      case '?':
        this.i++;
        this.out += c;
        this.quantifierSuffix();
        return;
      case '{':
        this.brace();
        return;
      case '}':
      case ']':
        this.i++;
        this.out += `\\${c}`;
        return;
      default:
        this.out += literalOutsideOrSyntax(this.codePointAtCursor());
    }
  }

  /** After a quantifier: a lazy `?` stays, a possessive `+` becomes greedy (the nearest JS has). */
  private quantifierSuffix(): void {
    const next = this.peek();
    if (next === '?') {
      this.out += '?';
      this.i++;
    } else if (next === '+') {
      this.i++;
    }
  }

  private brace(): void {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
    if (!m) {
      this.i++;
      this.out += '\\{';
      return;
    }
    this.out += m[0];
    this.i += m[0].length;
    this.quantifierSuffix();
  }

  private group(): void {
    if (this.peek() !== '?') {
      this.out += '(';
      return;
    }
    const rest = this.p.slice(this.i);
    const known = /^\?(?::|=|!|<=|<!|<[a-zA-Z][a-zA-Z0-9]*>)/.exec(rest);
    if (known) {
      this.out += `(${known[0]}`;
      this.i += known[0].length;
      return;
    }
    if (rest.startsWith('?>')) {
      // Atomic groups only change backtracking; a plain group matches the same whole values in practice.
      this.out += '(?:';
      this.i += 2;
      return;
    }
    throw new Untranslatable(`(${rest.slice(0, 4)}`);
  }

  private outsideEscape(): void {
    const set = this.escapeSet(false);
    if (set) {
      if (set.single !== undefined) this.out += set.single;
      else this.out += `[${set.negated ? '^' : ''}${set.members ?? ''}]`;
      return;
    }
    const c = this.peek();
    switch (c) {
      case 'b':
      case 'B':
        this.i++;
        this.out += `\\${c}`;
        return;
      case 'A':
        this.i++;
        this.out += '^';
        return;
      case 'z':
        this.i++;
        this.out += '$';
        return;
      case 'Z':
        this.i++;
        this.out += '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?$)';
        return;
      case 'R':
        this.i++;
        this.out += `(?:\\r\\n|[${JAVA_VSPACE}])`;
        return;
      case 'Q':
        this.quoted();
        return;
      case 'k': {
        const m = /^k<[a-zA-Z][a-zA-Z0-9]*>/.exec(this.p.slice(this.i));
        if (!m) throw new Untranslatable('\\k');
        this.out += `\\${m[0]}`;
        this.i += m[0].length;
        return;
      }
      default:
        if (c !== undefined && c >= '1' && c <= '9') {
          const m = /^\d+/.exec(this.p.slice(this.i));
          this.out += `\\${m?.[0] ?? c}`;
          this.i += m?.[0].length ?? 1;
          return;
        }
        this.out += literalOutside(this.escapedCodePoint());
    }
  }

  private quoted(): void {
    this.i++;
    const end = this.p.indexOf('\\E', this.i);
    const text = end < 0 ? this.p.slice(this.i) : this.p.slice(this.i, end);
    for (const ch of text) this.out += literalOutside(ch.codePointAt(0) ?? 0);
    this.i = end < 0 ? this.p.length : end + 2;
  }

  /** `\d`, `\s`, `\p{..}` and friends (cursor after the backslash); undefined if not a set. */
  private escapeSet(inClass: boolean): CharSet | undefined {
    const c = this.peek();
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        this.i++;
        return { single: `\\${c}` };
      case 's':
        this.i++;
        return { members: JAVA_SPACE };
      case 'S':
        this.i++;
        return { members: JAVA_SPACE, negated: true };
      case 'h':
      case 'H':
        this.i++;
        return { members: JAVA_HSPACE, negated: c === 'H' };
      case 'v':
      case 'V':
        this.i++;
        return { members: JAVA_VSPACE, negated: c === 'V' };
      case 'p':
      case 'P': {
        this.i++;
        let name: string;
        if (this.peek() === '{') {
          const end = this.p.indexOf('}', this.i);
          if (end < 0) throw new Untranslatable('\\p{');
          name = this.p.slice(this.i + 1, end);
          this.i = end + 1;
        } else {
          name = this.peek() ?? '';
          this.i++;
        }
        return property(name, c === 'P');
      }
      default:
        if (inClass && c === 'b') throw new Untranslatable('\\b in a class');
        return undefined;
    }
  }

  /** A single-character escape (cursor after the backslash), as a code point. */
  private escapedCodePoint(): number {
    const c = this.peek();
    if (c === undefined) throw new Untranslatable('trailing backslash');
    const rest = this.p.slice(this.i);
    let m: RegExpExecArray | null;
    switch (c) {
      case 't':
        this.i++;
        return 0x09;
      case 'n':
        this.i++;
        return 0x0a;
      case 'r':
        this.i++;
        return 0x0d;
      case 'f':
        this.i++;
        return 0x0c;
      case 'a':
        this.i++;
        return 0x07;
      case 'e':
        this.i++;
        return 0x1b;
      case 'c': {
        const target = this.p.charCodeAt(this.i + 1);
        if (Number.isNaN(target)) throw new Untranslatable('\\c');
        this.i += 2;
        return target ^ 64;
      }
      case '0':
        m = /^0([0-3][0-7]{2}|[0-7]{1,2})/.exec(rest);
        if (!m?.[1]) throw new Untranslatable('\\0');
        this.i += m[0].length;
        return parseInt(m[1], 8);
      case 'x':
        m = /^x(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(rest);
        if (!m) throw new Untranslatable('\\x');
        this.i += m[0].length;
        return parseInt(m[1] ?? m[2] ?? '0', 16);
      case 'u':
        m = /^u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(rest);
        if (m?.[1] !== undefined && m[2] !== undefined) {
          // Java reads an escaped surrogate pair as the one code point it encodes.
          this.i += m[0].length;
          return (parseInt(m[1], 16) - 0xd800) * 0x400 + (parseInt(m[2], 16) - 0xdc00) + 0x10000;
        }
        m = /^u([0-9a-fA-F]{4})/.exec(rest);
        if (!m?.[1]) throw new Untranslatable('\\u');
        this.i += m[0].length;
        return parseInt(m[1], 16);
      default:
        // Java lets any non-letter be escaped to mean itself; an unknown letter is an error.
        if (/[a-zA-Z0-9]/.test(c)) throw new Untranslatable(`\\${c}`);
        return this.codePointAtCursor();
    }
  }

  /** A class body up to its `]` (cursor after the `[`), rebuilt item by item. */
  private characterClass(): string {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    let body = '';
    let first = true;
    // The previous item, when it was a single character that a following `-` may extend.
    let rangeStart: number | undefined;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new Untranslatable('unterminated class');
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[') throw new Untranslatable('nested class');
      if (c === '&' && this.peek(1) === '&') throw new Untranslatable('class intersection');
      if (
        c === '-' &&
        rangeStart !== undefined &&
        this.peek(1) !== ']' &&
        this.peek(1) !== undefined
      ) {
        this.i++;
        const end = this.classAtom();
        if (typeof end !== 'number') throw new Untranslatable('range to a class');
        if (end < rangeStart) throw new Untranslatable('illegal range');
        body += `-${literalInside(end)}`;
        rangeStart = undefined;
        continue;
      }
      const atom = this.classAtom();
      if (typeof atom === 'number') {
        body += literalInside(atom);
        rangeStart = atom;
      } else {
        if (atom.single !== undefined) body += atom.single;
        else if (atom.negated) throw new Untranslatable('negated class inside a class');
        else body += atom.members ?? '';
        rangeStart = undefined;
      }
    }
    return `[${negated ? '^' : ''}${body}]`;
  }

  private classAtom(): number | CharSet {
    if (this.peek() !== '\\') return this.codePointAtCursor();
    this.i++;
    if (this.peek() === 'Q') throw new Untranslatable('\\Q in a class');
    return this.escapeSet(true) ?? this.escapedCodePoint();
  }
}

/** Java pattern → JavaScript source and flags, or undefined when it cannot be expressed. */
export function translateJavaPattern(javaPattern: string): TranslatedPattern | undefined {
  try {
    return new Translator(javaPattern).translate();
  } catch (error) {
    if (error instanceof Untranslatable) return undefined;
    throw error;
  }
}

const cache = new Map<string, RegExp | undefined>();

/**
 * The model pattern as a whole-value JavaScript RegExp (`u` flag), or undefined when it
 * cannot be translated or compiled (the validator then skips that check). Cached.
 */
export function compilePattern(javaPattern: string): RegExp | undefined {
  if (cache.has(javaPattern)) return cache.get(javaPattern);
  let compiled: RegExp | undefined;
  const translated = translateJavaPattern(javaPattern);
  if (translated) {
    try {
      compiled = new RegExp(`^(?:${translated.source})$`, `u${translated.flags}`);
    } catch {
      compiled = undefined;
    }
  }
  cache.set(javaPattern, compiled);
  return compiled;
}
