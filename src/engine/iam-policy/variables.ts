/**
 * Policy variables in Resource and condition values: `${aws:username}`,
 * `${aws:PrincipalTag/team}`, `${aws:username, 'nobody'}` (a default), and the escapes
 * `${*}`, `${?}`, `${$}` for a literal `*`, `?` and `$`. Only a 2012-10-17 policy has
 * variables; in a 2008-10-17 policy the same text is plain text.
 */
import { VERSION_2012 } from './grammar.js';
import type { EvaluationContext } from './context.js';
import type { PatternPart } from './wildcard.js';

const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };
const REFERENCE = /^\s*([^\s,'}]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * The value with its variables replaced, as pattern parts (substituted text is literal),
 * or undefined when a variable has no value in the context and no default: such a value
 * matches nothing.
 */
export function expandVariables(
  value: string,
  version: string,
  context: EvaluationContext,
): PatternPart[] | undefined {
  if (version !== VERSION_2012 || !value.includes('${')) return [{ glob: value }];
  const parts: PatternPart[] = [];
  let rest = value;
  for (;;) {
    const start = rest.indexOf('${');
    const end = start < 0 ? -1 : rest.indexOf('}', start + 2);
    if (start < 0 || end < 0) {
      if (rest !== '') parts.push({ glob: rest });
      return parts;
    }
    if (start > 0) parts.push({ glob: rest.slice(0, start) });
    const inner = rest.slice(start + 2, end);
    const replacement = resolve(inner, context);
    if (replacement === undefined) return undefined;
    parts.push({ literal: replacement });
    rest = rest.slice(end + 1);
  }
}

function resolve(inner: string, context: EvaluationContext): string | undefined {
  const escaped = ESCAPES[inner.trim()];
  if (escaped !== undefined) return escaped;
  const match = REFERENCE.exec(inner);
  if (!match?.[1]) return undefined;
  const values = context.strings(match[1]);
  // A multi-valued key cannot stand in for one value.
  if (values?.length === 1) return values[0];
  return match[2];
}
