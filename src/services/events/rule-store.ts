/**
 * Reading and changing one rule. A change is a read-modify-write in one store transaction
 * (a rule and its targets are one record), and the scheduler hears of it only once it is
 * committed.
 */
import type { Scope, StoreSession } from '../../store/types.js';
import type { EventsDeps } from './deps.js';
import { requireBus } from './buses.js';
import { managedRule, ruleNotFound } from './errors.js';
import { RULES, ruleId, type RuleRecord } from './records.js';

export function rules(session: StoreSession) {
  return session.collection<RuleRecord>(RULES);
}

/** The rule on an existing bus, or AWS's "does not exist" for the bus or the rule. */
export async function requireRule(
  session: StoreSession,
  scope: Scope,
  busName: string,
  ruleName: string,
): Promise<RuleRecord> {
  await requireBus(session, scope, busName);
  const rule = await rules(session).get(scope, ruleId(busName, ruleName));
  if (!rule) throw ruleNotFound(ruleName, busName);
  return rule;
}

/** Refuses a change to a rule an AWS service manages; `force` is DeleteRule's and RemoveTargets'. */
export function refuseManaged(
  rule: RuleRecord,
  force: boolean | undefined,
  forceAllowed: boolean,
): void {
  if (rule.managedBy !== undefined && !(forceAllowed && force === true)) {
    throw managedRule(rule.name, rule.managedBy, forceAllowed);
  }
}

/**
 * Applies `change` to the stored rule atomically and tells the scheduler. `change` returns
 * the rule to store, or `undefined` to leave it as it was (nothing is written or told).
 */
export async function changeRule(
  deps: EventsDeps,
  scope: Scope,
  busName: string,
  ruleName: string,
  change: (rule: RuleRecord) => RuleRecord | undefined,
): Promise<RuleRecord> {
  const id = ruleId(busName, ruleName);
  const { rule, changed } = await deps.store.transaction(async (tx) => {
    const current = await requireRule(tx, scope, busName, ruleName);
    const next = change(current);
    if (next === undefined) return { rule: current, changed: false };
    await rules(tx).put(scope, id, next);
    return { rule: next, changed: true };
  });
  if (changed) deps.onRuleChanged(scope, rule, id);
  return rule;
}
