import { compileLinearRegex, LinearRegexError, type LinearRegex } from '../linear-regex/index.js';
import { PatternFault, invalidTermCharacters } from './errors.js';

/**
 * AWS's restricted regular expressions (`%…%`): ASCII letters and digits, the symbols
 * `: _ # = @ / ; , -` and spaces, and the operators `^ $ ? [ ] { } | \ * + .`. Parentheses,
 * other symbols and multi-byte characters are refused with "Invalid character(s) in term".
 * `\d \s \w` (and their negations) and `\xHH` escapes work, as in AWS's own examples.
 *
 * AWS evaluates them with Java's engine; teiki runs them on RE2 (linear time, see
 * engine/linear-regex), which agrees with Java on everything the restricted syntax can
 * write once `.` and `\s` are spelled as Java reads them. Without parentheses there are
 * no groups, so no backreferences or lookaround to miss. Syntax is checked by JavaScript's
 * `u`-mode parser first (compiling is linear; the JavaScript pattern is never run), which
 * refuses what Java refuses (unknown escapes, a dangling quantifier, an unclosed class).
 */
const ALLOWED = /^[A-Za-z0-9:_#=@/;,\- ^$?[\]{}|\\*+.]*$/;

/** Java (AWS's engine) reads a backslash before any non-letter as that character. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

/** Java's `.` outside DOTALL: anything but its line terminators (RE2's `.` stops at `\n` only). */
const JAVA_DOT = '[^\\n\\r\\x{85}\\x{2028}\\x{2029}]';
/** Java's `\s`: ASCII whitespace including the vertical tab (RE2's lacks `\v`). */
const JAVA_SPACE_CHARS = '\\t\\n\\x0B\\f\\r ';

export function compileAwsRegex(body: string): LinearRegex {
  const asWritten = `%${body}%`;
  if (!ALLOWED.test(body)) {
    throw invalidTermCharacters(
      asWritten,
      `unsupported character in regular expression ${asWritten}`,
    );
  }
  /** For JavaScript's syntax check. */
  let js = '';
  /** What RE2 runs: the same pattern, with Java's `.` and `\s`. */
  let re2 = '';
  const both = (text: string) => {
    js += text;
    re2 += text;
  };
  let inClass = false;
  let inBraces = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    if (ch !== '\\') {
      // Java reads a `]` or `}` that closes nothing as itself; JavaScript's `u` mode refuses it.
      if (inClass) {
        if (ch === ']') inClass = false;
      } else if (ch === '[') inClass = true;
      else if (ch === '{') inBraces = true;
      else if (ch === '}' && inBraces) inBraces = false;
      else if (ch === ']' || ch === '}') {
        both(`\\${ch}`);
        continue;
      } else if (ch === '.') {
        js += ch;
        re2 += JAVA_DOT;
        continue;
      }
      both(ch);
      continue;
    }
    const next = body.charAt(i + 1);
    if (next === '') throw new PatternFault(`regular expression ${asWritten} ends in a backslash`);
    i++;
    if (next === 's' || (next === 'S' && !inClass)) {
      js += `\\${next}`;
      if (inClass) re2 += JAVA_SPACE_CHARS;
      else re2 += next === 's' ? `[${JAVA_SPACE_CHARS}]` : `[^${JAVA_SPACE_CHARS}]`;
    } else if (/[A-Za-z0-9]/.test(next) || JS_SYNTAX.has(next)) both(`\\${next}`);
    // With the `u` flag JavaScript accepts `\-` only inside a character class.
    else if (next === '-' && inClass) both('\\-');
    else both(next);
  }
  try {
    // The `u` flag makes unknown escapes and stray braces errors, as they are for AWS.
    new RegExp(js, 'u');
  } catch (e) {
    throw new PatternFault(`invalid regular expression ${asWritten}: ${(e as Error).message}`);
  }
  try {
    return compileLinearRegex(re2);
  } catch (e) {
    if (!(e instanceof LinearRegexError)) throw e;
    throw new PatternFault(`regular expression ${asWritten} refused: ${e.message}`);
  }
}
