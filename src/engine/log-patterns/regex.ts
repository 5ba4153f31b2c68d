import { PatternFault, invalidTermCharacters } from './errors.js';

/**
 * AWS's restricted regular expressions (`%…%`): ASCII letters and digits, the symbols
 * `: _ # = @ / ; , -` and spaces, and the operators `^ $ ? [ ] { } | \ * + .`. Parentheses,
 * other symbols and multi-byte characters are refused with "Invalid character(s) in term".
 * `\d \s \w` (and their negations) and `\xHH` escapes work, as in AWS's own examples.
 */
const ALLOWED = /^[A-Za-z0-9:_#=@/;,\- ^$?[\]{}|\\*+.]*$/;

/** Java (AWS's engine) reads a backslash before any non-letter as that character. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

export function compileAwsRegex(body: string): RegExp {
  const asWritten = `%${body}%`;
  if (!ALLOWED.test(body)) {
    throw invalidTermCharacters(
      asWritten,
      `unsupported character in regular expression ${asWritten}`,
    );
  }
  let source = '';
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
        source += `\\${ch}`;
        continue;
      }
      source += ch;
      continue;
    }
    const next = body.charAt(i + 1);
    if (next === '') throw new PatternFault(`regular expression ${asWritten} ends in a backslash`);
    i++;
    if (/[A-Za-z0-9]/.test(next) || JS_SYNTAX.has(next)) source += `\\${next}`;
    // With the `u` flag JavaScript accepts `\-` only inside a character class.
    else if (next === '-' && inClass) source += '\\-';
    else source += next;
  }
  try {
    // The `u` flag makes unknown escapes and stray braces errors, as they are for AWS.
    return new RegExp(source, 'u');
  } catch (e) {
    throw new PatternFault(`invalid regular expression ${asWritten}: ${(e as Error).message}`);
  }
}
