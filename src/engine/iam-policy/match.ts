/**
 * Matching a request against a statement's Action and Resource lists: actions
 * case-insensitively, resources case-sensitively and ARN-aware (see wildcard.ts).
 */
import type { EvaluationContext } from './context.js';
import { expandVariables } from './variables.js';
import { globFor, patternFor, type PatternPart } from './wildcard.js';

export function matchesAction(pattern: string, action: string): boolean {
  return globFor(pattern, { caseInsensitive: true }).test(action);
}

/**
 * Whether an ARN matches an IAM ARN pattern: `*` and `?` wildcards, case-sensitive; a
 * wildcard in the partition, service, region or account stays in that segment, while in
 * the resource part `*` spans `:` and `/`. `…:task-definition/app` does not match
 * `…:task-definition/app:5`; `…:task-definition/app:*` and `…:task-definition/*` do.
 */
export function matchesArnPattern(pattern: string, arn: string): boolean {
  return globFor(pattern, { arn: true }).test(arn);
}

export function matchesArnParts(parts: readonly PatternPart[], arn: string): boolean {
  return patternFor(parts, { arn: true }).test(arn);
}

/** Whether a statement's Resource (or NotResource) list names the resource. */
export function resourceListMatches(
  patterns: readonly string[],
  resource: string,
  version: string,
  context: EvaluationContext,
): boolean {
  return patterns.some((pattern) => {
    const parts = expandVariables(pattern, version, context);
    return parts !== undefined && matchesArnParts(parts, resource);
  });
}

export function actionListMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => matchesAction(pattern, action));
}
