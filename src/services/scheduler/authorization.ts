/**
 * What each EventBridge Scheduler operation needs permission for: schedules by their ARN
 * (`schedule/GROUP/NAME`), groups by theirs, and `iam:PassRole` (passed to
 * scheduler.amazonaws.com) for the role a schedule's target is given, at CreateSchedule and
 * UpdateSchedule. Only groups carry tags; a schedule's `aws:ResourceTag` are its group's.
 */
import type { Store } from '../../store/types.js';
import { passRole } from '../authorization/common.js';
import {
  anyResource,
  tagMap,
  type AuthorizationTable,
  type Permission,
  type Tags,
} from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import { scopeOf, type RequestContext } from '../context.js';
import type { SchedulerOperations } from './generated/types.js';
import { DEFAULT_GROUP, SCHEDULE_GROUPS, type ScheduleGroupRecord } from './records.js';

const SCHEDULER_PRINCIPAL = 'scheduler.amazonaws.com';
const GROUP_ARN = /^arn:aws[\w-]*:scheduler:[a-z0-9-]+:\d{12}:schedule-group\/(.+)$/;

export function schedulerAuthorization(store: Store): AuthorizationTable<SchedulerOperations> {
  const groupTags = (ctx: RequestContext, group: string) => async (): Promise<Tags | undefined> => {
    const record = await store
      .collection<ScheduleGroupRecord>(SCHEDULE_GROUPS)
      .get(scopeOf(ctx), group);
    return record && Object.fromEntries(record.tags.map((tag) => [tag.Key, tag.Value]));
  };
  const onSchedule = (
    action: string,
    ctx: RequestContext,
    input: { Name: string; GroupName?: string },
  ): Permission => {
    const group = input.GroupName ?? DEFAULT_GROUP;
    return {
      action,
      resource: arnOf('scheduler:schedule', scopeOf(ctx), {
        GroupName: group,
        ScheduleName: input.Name,
      }),
      resourceTags: groupTags(ctx, group),
    };
  };
  const onGroup = (action: string, ctx: RequestContext, name: string): Permission => ({
    action,
    resource: arnOf('scheduler:schedule-group', scopeOf(ctx), { GroupName: name }),
    resourceTags: groupTags(ctx, name),
  });
  const byArn = (action: string, ctx: RequestContext, arn: string): Permission => {
    const group = GROUP_ARN.exec(arn)?.[1];
    return group !== undefined
      ? { action, resource: arn, resourceTags: groupTags(ctx, group) }
      : { action, resource: arn };
  };
  const withTargetRole = (
    action: string,
    input: { Name: string; GroupName?: string; Target: { RoleArn: string } },
    ctx: RequestContext,
  ): Permission[] => [
    onSchedule(action, ctx, input),
    passRole(store, ctx.accountId, input.Target.RoleArn, SCHEDULER_PRINCIPAL),
  ];

  return {
    ListSchedules: anyResource('scheduler:ListSchedules'),
    ListScheduleGroups: anyResource('scheduler:ListScheduleGroups'),

    CreateSchedule: (input, ctx) => withTargetRole('scheduler:CreateSchedule', input, ctx),
    UpdateSchedule: (input, ctx) => withTargetRole('scheduler:UpdateSchedule', input, ctx),
    GetSchedule: (input, ctx) => [onSchedule('scheduler:GetSchedule', ctx, input)],
    DeleteSchedule: (input, ctx) => [onSchedule('scheduler:DeleteSchedule', ctx, input)],

    CreateScheduleGroup(input, ctx) {
      const tags = tagMap(input.Tags);
      return [
        {
          action: 'scheduler:CreateScheduleGroup',
          resource: arnOf('scheduler:schedule-group', scopeOf(ctx), { GroupName: input.Name }),
          ...(tags ? { requestTags: tags } : {}),
        },
      ];
    },
    GetScheduleGroup: (input, ctx) => [onGroup('scheduler:GetScheduleGroup', ctx, input.Name)],
    DeleteScheduleGroup: (input, ctx) => [
      onGroup('scheduler:DeleteScheduleGroup', ctx, input.Name),
    ],

    TagResource: (input, ctx) => [
      {
        ...byArn('scheduler:TagResource', ctx, input.ResourceArn),
        requestTags: tagMap(input.Tags) ?? {},
      },
    ],
    UntagResource: (input, ctx) => [
      {
        ...byArn('scheduler:UntagResource', ctx, input.ResourceArn),
        context: { 'aws:TagKeys': input.TagKeys },
      },
    ],
    ListTagsForResource: (input, ctx) => [
      byArn('scheduler:ListTagsForResource', ctx, input.ResourceArn),
    ],
  };
}
