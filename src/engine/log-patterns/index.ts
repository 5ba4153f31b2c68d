/**
 * The CloudWatch Logs filter pattern language (terms, `%regex%`, JSON `{ … }` and
 * space-delimited `[ … ]` patterns). The Logs service compiles a pattern once per request
 * and tests every event with the result.
 */
import type { CompileOptions, CompiledFilterPattern } from './api.js';
import { PatternFault, toFilterPatternError } from './errors.js';
import { compileJsonPattern } from './json-pattern.js';
import { compileSpaceDelimited } from './space-delimited.js';
import { compileTerms } from './terms.js';

export type * from './api.js';
export { FilterPatternError } from './errors.js';

/**
 * The syntax is chosen by the pattern's first character as written, untrimmed: the real
 * service refuses ` {$.ThisFlag IS TRUE} ` (read as terms, `{` not being a term character)
 * while it accepts `{$.ThisFlag IS TRUE}`.
 */
export function compileFilterPattern(
  pattern: string,
  options: CompileOptions = {},
): CompiledFilterPattern {
  try {
    return compile(pattern);
  } catch (e) {
    if (e instanceof PatternFault) throw toFilterPatternError(e, options.usage ?? 'filter');
    throw e;
  }
}

function compile(source: string): CompiledFilterPattern {
  if (source.startsWith('{')) {
    if (!source.endsWith('}')) throw closing('{', '}');
    const json = compileJsonPattern(source);
    return {
      source,
      kind: 'json',
      requiredSubstrings: [],
      matches: json.matches,
      extract: (m) => (json.matches(m) ? {} : undefined),
      valueOf: json.valueOf,
    };
  }
  if (source.startsWith('[')) {
    if (!source.endsWith(']')) throw closing('[', ']');
    const delimited = compileSpaceDelimited(source);
    return { source, kind: 'space-delimited', requiredSubstrings: [], ...delimited };
  }
  const requiredSubstrings: string[] = [];
  const matches = compileTerms(source, requiredSubstrings);
  return {
    source,
    kind: source.trim() === '' ? 'all' : 'terms',
    requiredSubstrings,
    matches,
    extract: (m) => (matches(m) ? {} : undefined),
    valueOf: () => undefined,
  };
}

function closing(open: string, close: string): PatternFault {
  return new PatternFault(
    `pattern opens with ${open} but does not end with ${close}`,
    `If a filter pattern starts with '${open}' it must end with '${close}'`,
  );
}
