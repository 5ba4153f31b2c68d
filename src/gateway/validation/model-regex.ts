/**
 * A model pattern as the validator runs it: on RE2 (engine/linear-regex), linear in the
 * value, because the value is request text and some model patterns backtrack without
 * bound in JavaScript (events' `AuthHeaderParametersSensitive`,
 * `^[ \t]*[^\x00-\x1F:\x7F]+([ \t]+[^\x00-\x1F:\x7F]+)*[ \t]*$`, takes tens of seconds on
 * thirty characters).
 *
 * RE2 has no lookaround. The few model patterns that use it run on JavaScript's engine,
 * but only when listed in REVIEWED_LOOKAROUND: each was read and found to backtrack at
 * most a bounded amount. A new one from a model update is not checked until reviewed
 * (test/gateway/validation/model-regex.test.ts fails until it is listed).
 */
import { compileLinearRegex, LinearRegexError } from '../../engine/linear-regex/index.js';
import { translateJavaPattern } from './pattern.js';

export interface ModelRegex {
  /** Whether the whole value matches. */
  test(value: string): boolean;
}

/**
 * Reviewed: each lookaround runs once from a fixed position, and every repetition has
 * alternatives that cannot both match at one position.
 */
export const REVIEWED_LOOKAROUND: ReadonlySet<string> = new Set([
  '^(?!\\s*$).+',
  '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$',
  '^(?=[/\\.\\-_A-Za-z0-9]+)((?!aws\\.).*)|(\\$(\\.[\\w_-]+(\\[(\\d+|\\*)\\])*)*)$',
]);

/** AWS's own patterns may be long (`[a-z]{1,1024}`); only request text is kept small. */
const MODEL_PROGRAM_LIMIT = 200_000;

const cache = new Map<string, ModelRegex | undefined>();

/**
 * The pattern as a whole-value matcher, or undefined when it cannot be expressed (the
 * validator then skips that check rather than wrongly refuse a value). Cached.
 */
export function compileModelPattern(javaPattern: string): ModelRegex | undefined {
  if (cache.has(javaPattern)) return cache.get(javaPattern);
  const compiled = compile(javaPattern);
  cache.set(javaPattern, compiled);
  return compiled;
}

function compile(javaPattern: string): ModelRegex | undefined {
  const translated = translateJavaPattern(javaPattern);
  if (!translated) return undefined;
  const anchored = `^(?:${translated.source})$`;
  try {
    return compileLinearRegex(toRe2Syntax(anchored), {
      caseInsensitive: translated.flags.includes('i'),
      dotAll: translated.flags.includes('s'),
      maxProgramSize: MODEL_PROGRAM_LIMIT,
    });
  } catch (error) {
    if (!(error instanceof LinearRegexError)) throw error;
  }
  if (!REVIEWED_LOOKAROUND.has(javaPattern)) return undefined;
  try {
    return new RegExp(anchored, `u${translated.flags}`);
  } catch {
    return undefined;
  }
}

/**
 * The translator writes JavaScript's `u`-mode syntax; RE2 spells a code point `\x{H…}`
 * where JavaScript writes `\u{H…}` or `\uHHHH`. Everything else it writes RE2 reads alike.
 */
export function toRe2Syntax(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = source[i + 1] ?? '';
    if (next !== 'u') {
      out += ch + next;
      i++;
      continue;
    }
    if (source[i + 2] === '{') {
      const end = source.indexOf('}', i);
      out += `\\x{${source.slice(i + 3, end)}}`;
      i = end;
      continue;
    }
    let code = parseInt(source.slice(i + 2, i + 6), 16);
    i += 5;
    // `\uD83D\uDE00` is one character to JavaScript; RE2 wants its code point.
    const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(source.slice(i + 1));
    if (code >= 0xd800 && code <= 0xdbff && low) {
      code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00);
      i += 6;
    }
    out += `\\x{${code.toString(16).toUpperCase()}}`;
  }
  return out;
}
