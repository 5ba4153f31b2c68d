/** PutTargets, RemoveTargets and ListTargetsByRule: the targets a rule record carries. */
import type { RequestContext } from '../context.js';
import { busNameOf } from './buses.js';
import type { EventsDeps } from './deps.js';
import { limitExceeded } from './errors.js';
import type {
  ListTargetsByRuleRequest,
  ListTargetsByRuleResponse,
  PutTargetsRequest,
  PutTargetsResponse,
  RemoveTargetsRequest,
  RemoveTargetsResponse,
  RemoveTargetsResultEntry,
  Target,
} from './generated/types.js';
import { pageOf, pageStart } from './pages.js';
import { changeRule, refuseManaged, requireRule } from './rule-store.js';
import { checkTarget, storedTarget } from './target-validation.js';
import { scopeOf } from '../context.js';

/** AWS's quota of targets on one rule. */
export const MAX_TARGETS = 5;

/** A target with a known Id replaces it in place; a new Id is appended. */
export async function putTargets(
  deps: EventsDeps,
  input: PutTargetsRequest,
  ctx: RequestContext,
): Promise<PutTargetsResponse> {
  const scope = scopeOf(ctx);
  for (const target of input.Targets) checkTarget(target);
  await changeRule(deps, scope, busNameOf(scope, input.EventBusName), input.Rule, (rule) => {
    refuseManaged(rule, undefined, false);
    const targets: Target[] = [...rule.targets];
    for (const target of input.Targets) {
      const at = targets.findIndex((existing) => existing.Id === target.Id);
      if (at >= 0) targets[at] = storedTarget(target);
      else targets.push(storedTarget(target));
    }
    if (targets.length > MAX_TARGETS) throw limitExceeded();
    return { ...rule, targets };
  });
  return { FailedEntryCount: 0, FailedEntries: [] };
}

/** An Id the rule does not have is reported in FailedEntries; the others are removed. */
export async function removeTargets(
  deps: EventsDeps,
  input: RemoveTargetsRequest,
  ctx: RequestContext,
): Promise<RemoveTargetsResponse> {
  const scope = scopeOf(ctx);
  const failed: RemoveTargetsResultEntry[] = [];
  await changeRule(deps, scope, busNameOf(scope, input.EventBusName), input.Rule, (rule) => {
    refuseManaged(rule, input.Force, true);
    failed.length = 0;
    const drop = new Set<string>();
    for (const id of input.Ids) {
      if (rule.targets.some((target) => target.Id === id)) drop.add(id);
      else {
        failed.push({
          TargetId: id,
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: `Rule ${rule.name} does not have a target with the Id ${id}.`,
        });
      }
    }
    if (drop.size === 0) return undefined;
    return { ...rule, targets: rule.targets.filter((target) => !drop.has(target.Id)) };
  });
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

export async function listTargetsByRule(
  deps: EventsDeps,
  input: ListTargetsByRuleRequest,
  ctx: RequestContext,
): Promise<ListTargetsByRuleResponse> {
  const scope = scopeOf(ctx);
  const rule = await requireRule(
    deps.store,
    scope,
    busNameOf(scope, input.EventBusName),
    input.Rule,
  );
  const page = pageOf(rule.targets, (target) => target.Id, pageStart(input.NextToken), input.Limit);
  return {
    Targets: page.items,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
