/**
 * EventBridge event patterns, compiled once and matched against many events. The language
 * and its validation follow aws/event-ruler, the library EventBridge runs, down to the
 * reasons it gives for refusing a pattern.
 */
import { checkComplexity } from './complexity.js';
import { PatternFault } from './faults.js';
import { Matcher } from './matcher.js';
import type { SubRule } from './patterns.js';
import { compileRules } from './rule-compiler.js';
import { type EventPattern, EventPatternError } from './types.js';

export { EventPatternError } from './types.js';
export type { EventPattern } from './types.js';

/**
 * Throws EventPatternError whose message is AWS's reason (the API answers "Event pattern is
 * not valid. Reason: <message>").
 */
export function compileEventPattern(json: string): EventPattern {
  let rules: SubRule[];
  try {
    rules = compile(json);
    checkComplexity(rules);
  } catch (e) {
    if (e instanceof PatternFault) throw new EventPatternError(e.reason);
    throw e;
  }
  const matcher = new Matcher(rules);
  return { matches: (event) => matcher.matches(event) };
}

/**
 * Ruler adds a rule with its `$or`-aware compiler and, when that one refuses it with a
 * parse error, tries its older compiler, which reads `$or` as a plain field name; the
 * older compiler's verdict stands. Without `$or` both read a pattern the same way, so the
 * second reading only changes the outcome for patterns that use it.
 */
function compile(json: string): SubRule[] {
  try {
    return compileRules(json, true);
  } catch (e) {
    if (!(e instanceof PatternFault) || e.kind !== 'parse') throw e;
    return compileRules(json, false);
  }
}
