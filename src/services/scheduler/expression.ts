/**
 * Schedule expressions as EventBridge Scheduler reads them: the engine's grammar, except
 * that Scheduler does not hold a rate's unit to its number: AWS accepted
 * `rate(2 minute)` in LocalStack's AWS-validated recordings, where EventBridge rules
 * refuse it. The engine evaluating a stored schedule must parse its text with this
 * function, not with the rules' grammar.
 */
import {
  parseScheduleExpression,
  ScheduleExpressionError,
  type ScheduleExpression,
} from '../../engine/schedule-expressions/index.js';
import { invalidExpression } from './errors.js';

const RATE = /^rate\((\d+) (minute|hour|day)s?\)$/;

/** The expression, or undefined when Scheduler would refuse it. */
export function parseSchedulerExpression(text: string): ScheduleExpression | undefined {
  const rate = RATE.exec(text);
  const canonical = rate ? `rate(${rate[1]} ${rate[2]}${rate[1] === '1' ? '' : 's'})` : text;
  try {
    return parseScheduleExpression(canonical, { allowAt: true });
  } catch (error) {
    if (error instanceof ScheduleExpressionError) return undefined;
    throw error;
  }
}

/** The expression, or AWS's `Invalid Schedule Expression …` ValidationException. */
export function requireSchedulerExpression(text: string): ScheduleExpression {
  const parsed = parseSchedulerExpression(text);
  if (!parsed) throw invalidExpression(text);
  return parsed;
}
