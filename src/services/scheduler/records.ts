/**
 * EventBridge Scheduler state as stored. Records are plain JSON; timestamps are epoch ms.
 *
 * Collections and ids (per account and region):
 * - `scheduler.groups`: the group name. The `default` group always exists and is not
 *   stored (`DEFAULT_GROUP`).
 * - `scheduler.schedules`: `GROUP|NAME`, so a group's schedules list by prefix.
 */
import type { Scope } from '../../store/types.js';
import type {
  ActionAfterCompletion,
  FlexibleTimeWindow,
  ScheduleGroupState,
  ScheduleState,
  Tag,
  Target,
} from './generated/types.js';

export const SCHEDULE_GROUPS = 'scheduler.groups';
export const SCHEDULES = 'scheduler.schedules';
export const DEFAULT_GROUP = 'default';

export interface ScheduleGroupRecord {
  name: string;
  arn: string;
  state: ScheduleGroupState;
  tags: Tag[];
  creationDate: number;
  lastModificationDate: number;
}

export interface ScheduleRecord {
  name: string;
  groupName: string;
  arn: string;
  scheduleExpression: string;
  /** IANA zone the expression is evaluated in; absent means UTC. */
  scheduleExpressionTimezone?: string;
  startDate?: number;
  endDate?: number;
  description?: string;
  state: ScheduleState;
  flexibleTimeWindow: FlexibleTimeWindow;
  target: Target;
  actionAfterCompletion?: ActionAfterCompletion;
  kmsKeyArn?: string;
  creationDate: number;
  lastModificationDate: number;
}

export function scheduleId(groupName: string, name: string): string {
  return `${groupName}|${name}`;
}

export function scheduleArn(scope: Scope, groupName: string, name: string): string {
  return `arn:aws:scheduler:${scope.region}:${scope.accountId}:schedule/${groupName}/${name}`;
}

export function scheduleGroupArn(scope: Scope, name: string): string {
  return `arn:aws:scheduler:${scope.region}:${scope.accountId}:schedule-group/${name}`;
}
