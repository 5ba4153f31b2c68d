/** ListRules and ListRuleNamesByTarget: the rules of one bus, by name. */
import type { RequestContext } from '../context.js';
import { listPage } from '../paging.js';
import { busNameOf, requireBus } from './buses.js';
import type { EventsDeps } from './deps.js';
import type {
  ListRuleNamesByTargetRequest,
  ListRuleNamesByTargetResponse,
  ListRulesRequest,
  ListRulesResponse,
} from './generated/types.js';
import { ruleId } from './records.js';
import { ruleOutput } from './rule-output.js';
import { DEFAULT_PAGE, pageOf, pageStart } from './pages.js';
import { rules } from './rule-store.js';
import { scopeOf } from '../context.js';

export async function listRules(
  deps: EventsDeps,
  input: ListRulesRequest,
  ctx: RequestContext,
): Promise<ListRulesResponse> {
  const scope = scopeOf(ctx);
  const busName = busNameOf(scope, input.EventBusName);
  await requireBus(deps.store, scope, busName);
  const busPrefix = ruleId(busName, '');
  const afterId = pageStart(input.NextToken, busPrefix);
  const { items, nextToken } = await listPage(rules(deps.store), scope, {
    prefix: ruleId(busName, input.NamePrefix ?? ''),
    afterId,
    pageSize: input.Limit ?? DEFAULT_PAGE,
  });
  return {
    Rules: items.map((entry) => ruleOutput(entry.value)),
    ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
  };
}

/** A bus holds at most 300 rules, so the matching names are found in one pass. */
export async function listRuleNamesByTarget(
  deps: EventsDeps,
  input: ListRuleNamesByTargetRequest,
  ctx: RequestContext,
): Promise<ListRuleNamesByTargetResponse> {
  const scope = scopeOf(ctx);
  const busName = busNameOf(scope, input.EventBusName);
  await requireBus(deps.store, scope, busName);
  const after = pageStart(input.NextToken);
  const all = await rules(deps.store).list(scope, { prefix: ruleId(busName, '') });
  const matching = all
    .filter((entry) => entry.value.targets.some((target) => target.Arn === input.TargetArn))
    .map((entry) => entry.value.name);
  const page = pageOf(matching, (name) => name, after, input.Limit);
  return {
    RuleNames: page.items,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
