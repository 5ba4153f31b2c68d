/** A schedule group as GetScheduleGroup and ListScheduleGroups answer it. */
import type { GetScheduleGroupOutput } from './generated/types.js';
import type { ScheduleGroupRecord } from './records.js';

export function groupOutput(group: ScheduleGroupRecord): GetScheduleGroupOutput {
  // The implicit default group was never created, so it carries no dates (stored: 0).
  const dates =
    group.creationDate > 0
      ? {
          CreationDate: new Date(group.creationDate),
          LastModificationDate: new Date(group.lastModificationDate),
        }
      : {};
  return { Arn: group.arn, ...dates, Name: group.name, State: group.state };
}
