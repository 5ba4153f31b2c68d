/**
 * A schedule as GetSchedule and ListSchedules answer it. AWS answers the defaults of
 * members never given: `UTC` for the time zone and `NONE` for ActionAfterCompletion.
 */
import type { GetScheduleOutput, ScheduleSummary } from './generated/types.js';
import type { ScheduleRecord } from './records.js';

export function scheduleOutput(schedule: ScheduleRecord): GetScheduleOutput {
  return {
    ActionAfterCompletion: schedule.actionAfterCompletion ?? 'NONE',
    Arn: schedule.arn,
    CreationDate: new Date(schedule.creationDate),
    ...(schedule.description !== undefined ? { Description: schedule.description } : {}),
    ...(schedule.endDate !== undefined ? { EndDate: new Date(schedule.endDate) } : {}),
    FlexibleTimeWindow: { ...schedule.flexibleTimeWindow },
    GroupName: schedule.groupName,
    ...(schedule.kmsKeyArn !== undefined ? { KmsKeyArn: schedule.kmsKeyArn } : {}),
    LastModificationDate: new Date(schedule.lastModificationDate),
    Name: schedule.name,
    ScheduleExpression: schedule.scheduleExpression,
    ScheduleExpressionTimezone: schedule.scheduleExpressionTimezone ?? 'UTC',
    ...(schedule.startDate !== undefined ? { StartDate: new Date(schedule.startDate) } : {}),
    State: schedule.state,
    Target: structuredClone(schedule.target),
  };
}

export function scheduleSummary(schedule: ScheduleRecord): ScheduleSummary {
  return {
    Arn: schedule.arn,
    CreationDate: new Date(schedule.creationDate),
    GroupName: schedule.groupName,
    LastModificationDate: new Date(schedule.lastModificationDate),
    Name: schedule.name,
    State: schedule.state,
    Target: { Arn: schedule.target.Arn },
  };
}
