/** DescribeRule, DeleteRule, EnableRule and DisableRule. */
import type { RequestContext } from '../context.js';
import { busNameOf, requireBus } from './buses.js';
import type { EventsDeps } from './deps.js';
import { validationError } from './errors.js';
import type {
  DeleteRuleRequest,
  DescribeRuleRequest,
  DescribeRuleResponse,
  DisableRuleRequest,
  EnableRuleRequest,
  RuleState,
} from './generated/types.js';
import { disableArchiveOfRule } from './archives/managed-rule.js';
import { ruleId } from './records.js';
import { describeRuleOutput } from './rule-output.js';
import { changeRule, refuseManaged, requireRule, rules } from './rule-store.js';
import { scopeOf } from '../context.js';

type Empty = Record<string, never>;

export async function describeRule(
  deps: EventsDeps,
  input: DescribeRuleRequest,
  ctx: RequestContext,
): Promise<DescribeRuleResponse> {
  const scope = scopeOf(ctx);
  const rule = await requireRule(
    deps.store,
    scope,
    busNameOf(scope, input.EventBusName),
    input.Name,
  );
  return describeRuleOutput(rule);
}

/**
 * Deleting a rule that does not exist succeeds, as on AWS (the bus must exist). A rule
 * with targets is refused; a managed rule needs Force, which also takes its targets away.
 */
export async function deleteRule(
  deps: EventsDeps,
  input: DeleteRuleRequest,
  ctx: RequestContext,
): Promise<Empty> {
  const scope = scopeOf(ctx);
  const busName = busNameOf(scope, input.EventBusName);
  const id = ruleId(busName, input.Name);
  const deleted = await deps.store.transaction(async (tx) => {
    await requireBus(tx, scope, busName);
    const rule = await rules(tx).get(scope, id);
    if (!rule) return false;
    refuseManaged(rule, input.Force, true);
    if (rule.targets.length > 0 && rule.managedBy === undefined) {
      throw validationError("Rule can't be deleted since it has targets.");
    }
    await disableArchiveOfRule(tx, scope, rule);
    return rules(tx).delete(scope, id);
  });
  if (deleted) deps.onRuleChanged(scope, undefined, id);
  return {};
}

async function setState(
  deps: EventsDeps,
  input: EnableRuleRequest | DisableRuleRequest,
  ctx: RequestContext,
  state: RuleState,
): Promise<Empty> {
  const scope = scopeOf(ctx);
  await changeRule(deps, scope, busNameOf(scope, input.EventBusName), input.Name, (rule) => {
    refuseManaged(rule, undefined, false);
    return rule.state === state ? undefined : { ...rule, state };
  });
  return {};
}

export function enableRule(deps: EventsDeps, input: EnableRuleRequest, ctx: RequestContext) {
  return setState(deps, input, ctx, 'ENABLED');
}

export function disableRule(deps: EventsDeps, input: DisableRuleRequest, ctx: RequestContext) {
  return setState(deps, input, ctx, 'DISABLED');
}
