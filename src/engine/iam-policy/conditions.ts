/**
 * A statement's Condition block. Every operator must hold, and within an operator every
 * key; a key holds when the request's value matches any of the policy's values (for a
 * negated operator: matches none of them).
 *
 * A key missing from the request: `…IfExists` and `ForAllValues:` hold; `ForAnyValue:`
 * fails; otherwise a negated operator (StringNotEquals, NotIpAddress, ArnNotLike…)
 * holds and any other fails, as the IAM documentation states. `Null` tests presence.
 */
import type { EvaluationContext, ContextScalar } from './context.js';
import { splitOperator } from './grammar.js';
import { OPERATORS, type OperatorSpec } from './operators.js';
import { expandVariables } from './variables.js';
import type { PatternPart } from './wildcard.js';

export interface ConditionEntry {
  /** As written: `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  key: string;
  /** The policy's values as text. */
  values: string[];
}

export interface ConditionFailure {
  operator: string;
  key: string;
}

/** The first condition entry that does not hold, or undefined when all hold. */
export function failingCondition(
  entries: readonly ConditionEntry[],
  version: string,
  context: EvaluationContext,
): ConditionFailure | undefined {
  for (const entry of entries) {
    if (!entryHolds(entry, version, context)) return { operator: entry.operator, key: entry.key };
  }
  return undefined;
}

function entryHolds(entry: ConditionEntry, version: string, context: EvaluationContext): boolean {
  const { qualifier, ifExists, base } = splitOperator(entry.operator);
  const requestValues = context.values(entry.key);
  if (base === 'Null') {
    const absent = requestValues === undefined;
    return entry.values.some((v) => v.toLowerCase() === String(absent));
  }
  const spec = OPERATORS[base];
  // An operator AWS does not know holds for no key (validation lets it through only empty).
  if (!spec) return false;
  if (requestValues === undefined) {
    if (ifExists || qualifier === 'ForAllValues') return true;
    if (qualifier === 'ForAnyValue') return false;
    return spec.negated;
  }
  const policyValues = entry.values
    .map((v) => expandVariables(v, version, context))
    .filter((p): p is PatternPart[] => p !== undefined);
  const satisfies = (value: ContextScalar) => valueSatisfies(spec, value, policyValues);
  if (qualifier === 'ForAnyValue') return requestValues.some(satisfies);
  if (qualifier === 'ForAllValues') return requestValues.every(satisfies);
  // A single-valued operator given several request values: a positive operator needs one
  // of them to match, a negated one needs none to match.
  return spec.negated ? requestValues.every(satisfies) : requestValues.some(satisfies);
}

function valueSatisfies(
  spec: OperatorSpec,
  value: ContextScalar,
  policyValues: readonly PatternPart[][],
): boolean {
  const matched = policyValues.some((p) => spec.test(value, p));
  return spec.negated ? !matched : matched;
}
