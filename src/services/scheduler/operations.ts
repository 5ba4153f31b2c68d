/** The EventBridge Scheduler operation table (`scheduler`, restJson1). */
import { iamRoleDirectory } from '../iam/role-directory.js';
import type { OperationTable } from '../operation.js';
import type { SchedulerDeps } from './deps.js';
import type { SchedulerOperations } from './generated/types.js';
import {
  createScheduleGroup,
  deleteScheduleGroup,
  getScheduleGroup,
  listScheduleGroups,
} from './group-operations.js';
import { listSchedules } from './list-schedules.js';
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  updateSchedule,
  type ScheduleOperationDeps,
} from './schedule-operations.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';

export function createSchedulerOperations(
  deps: SchedulerDeps,
): OperationTable<SchedulerOperations> {
  const withRoles: ScheduleOperationDeps = {
    store: deps.store,
    clock: deps.clock,
    onScheduleChanged: (scope, schedule, id) => deps.onScheduleChanged(scope, schedule, id),
    roles: iamRoleDirectory(deps.store),
  };
  return {
    CreateSchedule: (input, ctx) => createSchedule(withRoles, input, ctx),
    GetSchedule: (input, ctx) => getSchedule(deps, input, ctx),
    UpdateSchedule: (input, ctx) => updateSchedule(withRoles, input, ctx),
    DeleteSchedule: (input, ctx) => deleteSchedule(deps, input, ctx),
    ListSchedules: (input, ctx) => listSchedules(deps, input, ctx),
    CreateScheduleGroup: (input, ctx) => createScheduleGroup(deps, input, ctx),
    GetScheduleGroup: (input, ctx) => getScheduleGroup(deps, input, ctx),
    DeleteScheduleGroup: (input, ctx) => deleteScheduleGroup(deps, input, ctx),
    ListScheduleGroups: (input, ctx) => listScheduleGroups(deps, input, ctx),
    TagResource: (input, ctx) => tagResource(deps, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps, input, ctx),
    ListTagsForResource: (input, ctx) => listTagsForResource(deps, input, ctx),
  };
}
