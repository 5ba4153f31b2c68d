/**
 * What CreateSchedule and UpdateSchedule check beyond the model, and the record they
 * store. Both take the whole schedule (UpdateSchedule replaces it: what it leaves out is
 * cleared), so one function serves both. The role is checked apart (role-check.ts), as it
 * reads IAM.
 */
import { isValidTimeZone } from '../../engine/schedule-expressions/index.js';
import {
  endDateInPast,
  endDateNotAfterStart,
  invalidTimezone,
  startDateTooEarly,
  windowNotAllowed,
  windowRequired,
} from './errors.js';
import { requireSchedulerExpression } from './expression.js';
import type { CreateScheduleInput, FlexibleTimeWindow, Target } from './generated/types.js';
import type { ScheduleRecord } from './records.js';

/** AWS's retry policy when a target names none, or names only one of its two members. */
export const DEFAULT_RETRY = { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 };

/** How far in the past a recurring schedule's StartDate may lie, as AWS allows. */
const START_GRACE_MS = 5 * 60_000;

export type ScheduleSettings = Omit<CreateScheduleInput, 'ClientToken' | 'GroupName' | 'Name'>;

function checkWindow(window: FlexibleTimeWindow): FlexibleTimeWindow {
  if (window.Mode === 'FLEXIBLE') {
    if (window.MaximumWindowInMinutes === undefined) throw windowRequired();
    return { Mode: 'FLEXIBLE', MaximumWindowInMinutes: window.MaximumWindowInMinutes };
  }
  if (window.MaximumWindowInMinutes !== undefined) throw windowNotAllowed();
  return { Mode: window.Mode };
}

/**
 * StartDate and EndDate bound a recurring schedule; AWS ignores both for a one-time
 * `at(…)`, so they are kept as given but not checked there.
 */
function checkDates(
  recurring: boolean,
  start: Date | undefined,
  end: Date | undefined,
  nowMs: number,
) {
  if (!recurring) return;
  if (start !== undefined && start.getTime() < nowMs - START_GRACE_MS) throw startDateTooEarly();
  if (end === undefined) return;
  if (start !== undefined && end.getTime() <= start.getTime()) throw endDateNotAfterStart();
  if (end.getTime() < nowMs) throw endDateInPast();
}

/** The target as stored: plain JSON, with AWS's retry policy filled in. */
function storedTarget(target: Target): Target {
  const copy = JSON.parse(JSON.stringify(target)) as Target;
  copy.RetryPolicy = { ...DEFAULT_RETRY, ...copy.RetryPolicy };
  return copy;
}

/** Checks the settings; the record to store, dates to be set by the caller. */
export function scheduleSettings(
  input: ScheduleSettings,
  nowMs: number,
): Omit<ScheduleRecord, 'name' | 'groupName' | 'arn' | 'creationDate' | 'lastModificationDate'> {
  const expression = requireSchedulerExpression(input.ScheduleExpression);
  const zone = input.ScheduleExpressionTimezone;
  if (zone !== undefined && !isValidTimeZone(zone)) throw invalidTimezone(zone);
  const flexibleTimeWindow = checkWindow(input.FlexibleTimeWindow);
  checkDates(expression.kind !== 'at', input.StartDate, input.EndDate, nowMs);
  return {
    scheduleExpression: input.ScheduleExpression,
    ...(zone !== undefined ? { scheduleExpressionTimezone: zone } : {}),
    ...(input.StartDate !== undefined ? { startDate: input.StartDate.getTime() } : {}),
    ...(input.EndDate !== undefined ? { endDate: input.EndDate.getTime() } : {}),
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    state: input.State ?? 'ENABLED',
    flexibleTimeWindow,
    target: storedTarget(input.Target),
    ...(input.ActionAfterCompletion !== undefined
      ? { actionAfterCompletion: input.ActionAfterCompletion }
      : {}),
    ...(input.KmsKeyArn !== undefined ? { kmsKeyArn: input.KmsKeyArn } : {}),
  };
}
