/**
 * The vocabulary of Java regular expressions as JavaScript (`u` flag) can say it: Java's
 * predefined classes, POSIX and Unicode properties, and how a literal character is written
 * inside and outside a class. Used by the translator in `./pattern.ts`.
 *
 * Like `./pattern.ts` this file imports nothing: `scripts/gen-api.mjs` loads both from source.
 */

/** A predefined class: usable alone (`single`) or only as class members (`members`). */
export interface CharSet {
  single?: string;
  members?: string;
  negated?: boolean;
}

export class Untranslatable extends Error {}

// Java's `\s` is ASCII whitespace only; JavaScript's includes Unicode spaces.
export const JAVA_SPACE = '\\t\\n\\x0B\\f\\r ';
export const JAVA_HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
export const JAVA_VSPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
// Java's `.` excludes every line terminator, JavaScript's misses U+0085.
export const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

// java.util.regex POSIX classes are US-ASCII unless UNICODE_CHARACTER_CLASS is set.
const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
};

const BINARY_PROPERTIES: Record<string, string> = {
  Alphabetic: 'Alphabetic',
  Ideographic: 'Ideographic',
  Letter: 'L',
  Lowercase: 'Lowercase',
  Uppercase: 'Uppercase',
  WhiteSpace: 'White_Space',
  White_Space: 'White_Space',
  Control: 'Cc',
  Punctuation: 'P',
  Hex_Digit: 'Hex_Digit',
  HexDigit: 'Hex_Digit',
  Digit: 'Nd',
  Emoji: 'Emoji',
};

const JAVA_CHARACTER: Record<string, string> = {
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaAlphabetic: '\\p{Alphabetic}',
  javaLetter: '\\p{L}',
  javaDigit: '\\p{Nd}',
  javaIdeographic: '\\p{Ideographic}',
};

const GENERAL_CATEGORY =
  /^(?:[LMNPSZC]|LC|L[ultmo]|M[nce]|N[dlo]|P[cdseifo]|S[mcko]|Z[slp]|C[cfson])$/;

const SYNTAX_OUTSIDE = new Set('^$\\.*+?()[]{}|/');
const SYNTAX_INSIDE = new Set('\\]^-[/');

export function hex(cp: number): string {
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

// Anything outside printable ASCII is written as an escape so the output reads unambiguously.
export function literalOutside(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (SYNTAX_OUTSIDE.has(ch)) return `\\${ch}`;
  return cp < 0x20 || cp > 0x7e ? hex(cp) : ch;
}

export function literalInside(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (SYNTAX_INSIDE.has(ch)) return `\\${ch}`;
  return cp < 0x20 || cp > 0x7e ? hex(cp) : ch;
}

export function property(name: string, negated: boolean): CharSet {
  const p = negated ? 'P' : 'p';
  if (name.startsWith('Is')) {
    // `IsL` is a category, `IsAlphabetic` a binary property, `IsLatin` a script.
    const bare = name.slice(2);
    if (GENERAL_CATEGORY.test(bare)) return { single: `\\${p}{${bare}}` };
    const binary = BINARY_PROPERTIES[bare];
    if (binary !== undefined) return { single: `\\${p}{${binary}}` };
    if (/^[A-Z][A-Za-z_]+$/.test(bare)) return { single: `\\${p}{Script=${bare}}` };
    throw new Untranslatable(`\\p{${name}}`);
  }
  const posix = POSIX[name];
  if (posix !== undefined) return { members: posix, negated };
  const java = JAVA_CHARACTER[name];
  if (java !== undefined) return { single: negated ? `\\P${java.slice(2)}` : java };
  if (name === 'javaLetterOrDigit') return { members: '\\p{L}\\p{Nd}', negated };
  if (GENERAL_CATEGORY.test(name)) return { single: `\\${p}{${name}}` };
  const eq = /^(gc|general_category|sc|script)=(\w+)$/i.exec(name);
  if (eq?.[1] !== undefined && eq[2] !== undefined) {
    const key = eq[1].toLowerCase().startsWith('g') ? 'gc' : 'Script';
    return { single: `\\${p}{${key}=${eq[2]}}` };
  }
  // `InGreek` names a Unicode block, which JavaScript cannot express.
  throw new Untranslatable(`\\p{${name}}`);
}

/** An unescaped character outside a class: syntax stays syntax, the rest is literal. */
export function literalOutsideOrSyntax(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if ('^$|)'.includes(ch)) return ch;
  return literalOutside(cp);
}
