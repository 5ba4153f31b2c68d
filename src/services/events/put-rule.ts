/**
 * PutRule: creates a rule or replaces one. As AWS documents, members left out of an update
 * are cleared (State goes back to ENABLED), while the rule's targets, tags, creator and
 * creation time stay: tags given to PutRule on an existing rule are ignored (TagResource
 * changes them).
 */
import { compileEventPattern } from '../../engine/event-pattern/index.js';
import { EventPatternError, type EventPattern } from '../../engine/event-pattern/types.js';
import { parseScheduleExpression } from '../../engine/schedule-expressions/index.js';
import { ScheduleExpressionError } from '../../engine/schedule-expressions/types.js';
import type { RequestContext } from '../context.js';
import { busNameOf, requireBus } from './buses.js';
import type { EventsDeps } from './deps.js';
import { limitExceeded, validationError } from './errors.js';
import { InvalidEventPatternException } from './generated/errors.js';
import type { PutRuleRequest, PutRuleResponse } from './generated/types.js';
import { DEFAULT_BUS, ruleArn, ruleId, type RuleRecord } from './records.js';
import { refuseManaged, rules } from './rule-store.js';
import { initialTags } from './tag-rules.js';
import { scopeOf } from '../context.js';

/** AWS's quota of rules on one event bus. */
export const MAX_RULES_PER_BUS = 300;

function checkSchedule(expression: string, busName: string): void {
  if (busName !== DEFAULT_BUS) {
    throw validationError('ScheduleExpression is supported only on the default event bus.');
  }
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    if (error instanceof ScheduleExpressionError) {
      throw validationError('Parameter ScheduleExpression is not valid.');
    }
    throw error;
  }
}

/** Compiles the pattern, or AWS's InvalidEventPatternException with the engine's reason. */
export function compilePattern(pattern: string): EventPattern {
  try {
    return compileEventPattern(pattern);
  } catch (error) {
    if (error instanceof EventPatternError) {
      throw new InvalidEventPatternException(
        `Event pattern is not valid. Reason: ${error.message}`,
      );
    }
    throw error;
  }
}

function present(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

export async function putRule(
  deps: EventsDeps,
  input: PutRuleRequest,
  ctx: RequestContext,
): Promise<PutRuleResponse> {
  const scope = scopeOf(ctx);
  const schedule = present(input.ScheduleExpression) ? input.ScheduleExpression : undefined;
  const pattern = present(input.EventPattern) ? input.EventPattern : undefined;
  if (schedule === undefined && pattern === undefined) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  const busName = busNameOf(scope, input.EventBusName);
  if (schedule !== undefined) checkSchedule(schedule, busName);
  if (pattern !== undefined) compilePattern(pattern);

  const id = ruleId(busName, input.Name);
  const rule = await deps.store.transaction(async (tx) => {
    await requireBus(tx, scope, busName);
    const collection = rules(tx);
    const existing = await collection.get(scope, id);
    if (existing) {
      refuseManaged(existing, undefined, false);
    } else if ((await collection.count(scope, { prefix: `${busName}|` })) >= MAX_RULES_PER_BUS) {
      throw limitExceeded();
    }
    const now = deps.clock.nowMs();
    const scheduleSetAt =
      schedule === undefined
        ? undefined
        : existing?.scheduleExpression === schedule
          ? (existing.scheduleSetAt ?? now)
          : now;
    const next: RuleRecord = {
      name: input.Name,
      arn: ruleArn(scope, busName, input.Name),
      eventBusName: busName,
      ...(schedule !== undefined ? { scheduleExpression: schedule } : {}),
      ...(pattern !== undefined ? { eventPattern: pattern } : {}),
      state: input.State ?? 'ENABLED',
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.RoleArn !== undefined ? { roleArn: input.RoleArn } : {}),
      createdBy: existing?.createdBy ?? ctx.accountId,
      tags: existing ? existing.tags : initialTags(input.Tags),
      targets: existing ? existing.targets : [],
      createdAt: existing?.createdAt ?? now,
      ...(scheduleSetAt !== undefined ? { scheduleSetAt } : {}),
    };
    await collection.put(scope, id, next);
    return next;
  });
  deps.onRuleChanged(scope, rule, id);
  return { RuleArn: rule.arn };
}
