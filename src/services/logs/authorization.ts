/**
 * What each CloudWatch Logs operation needs permission for. Logs authorizes an action on
 * a log group against the group's ARN with an empty stream part
 * (`…:log-group:NAME:log-stream:`, as its denials name it), which is why policies grant
 * `…:log-group:NAME:*`; stream actions against the stream's ARN; the tagging operations
 * against the ARN they are given. Creating a group with tags needs logs:TagResource too,
 * denied in Logs' own words.
 *
 * Insights and Live Tail need their action on every group they read; an operation that
 * names its groups only through a query id or an `@ptr` needs it on the groups those name
 * (on `*` when they name none: an unknown query, a pointer that does not decode, so that
 * a caller without the action is denied before being told so). Metric filters are
 * actions on their group.
 */
import type { Store } from '../../store/types.js';
import {
  anyResource,
  onAnyResource,
  type AuthorizationTable,
  type Permission,
  type Tags,
} from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import { scopeOf, type RequestContext } from '../context.js';
import type { LogsOperations } from './generated/types.js';
import { decodePointer } from './insights/pointers.js';
import { QUERIES, type QueryRecord } from './insights/records.js';
import { groupsOf } from './insights/start-query.js';
import { liveTailGroupName } from './live-tail/identifiers.js';
import { groupNameOf, parseLogGroupArn } from './lookup.js';
import { GROUPS, type LogGroupRecord } from './records.js';

export function logsAuthorization(store: Store): AuthorizationTable<LogsOperations> {
  const groupTags = (ctx: RequestContext, name: string) => async (): Promise<Tags | undefined> =>
    (await store.collection<LogGroupRecord>(GROUPS).get(scopeOf(ctx), name))?.tags;

  /** An action on a group, by name. */
  const onGroup = (action: string, ctx: RequestContext, name: string): Permission => ({
    action,
    resource: arnOf('logs:log-stream', scopeOf(ctx), { LogGroupName: name, LogStreamName: '' }),
    resourceTags: groupTags(ctx, name),
  });
  const groupAction =
    (action: string) =>
    (input: { logGroupName?: string; logGroupIdentifier?: string }, ctx: RequestContext) => [
      onGroup(action, ctx, groupNameOf(scopeOf(ctx), input)),
    ];
  const streamAction =
    (action: string) =>
    (
      input: { logGroupName?: string; logGroupIdentifier?: string; logStreamName: string },
      ctx: RequestContext,
    ): Permission[] => {
      const group = groupNameOf(scopeOf(ctx), input);
      return [
        {
          action,
          resource: arnOf('logs:log-stream', scopeOf(ctx), {
            LogGroupName: group,
            LogStreamName: input.logStreamName,
          }),
          resourceTags: groupTags(ctx, group),
        },
      ];
    };
  /** TagResource and friends: the ARN as given (a log group's, without `:*`). */
  const byArn = (action: string, ctx: RequestContext, resourceArn: string): Permission => {
    const group = parseLogGroupArn(resourceArn);
    return {
      action,
      resource: resourceArn,
      ...(group ? { resourceTags: groupTags(ctx, group.logGroupName) } : {}),
    };
  };

  const onGroups = (action: string, ctx: RequestContext, names: readonly string[]) =>
    names.map((name) => onGroup(action, ctx, name));

  return {
    DescribeLogGroups: anyResource('logs:DescribeLogGroups'),
    TestMetricFilter: anyResource('logs:TestMetricFilter'),

    StartQuery(input, ctx) {
      return onGroups('logs:StartQuery', ctx, groupsOf(scopeOf(ctx), input));
    },
    async GetQueryResults(input, ctx) {
      const query = await store.collection<QueryRecord>(QUERIES).get(scopeOf(ctx), input.queryId);
      return query
        ? onGroups('logs:GetQueryResults', ctx, query.logGroupNames)
        : [onAnyResource('logs:GetQueryResults')];
    },
    StopQuery: anyResource('logs:StopQuery'),
    DescribeQueries: anyResource('logs:DescribeQueries'),
    GetLogRecord(input, ctx) {
      const pointer = decodePointer(input.logRecordPointer);
      return [
        pointer
          ? onGroup('logs:GetLogRecord', ctx, pointer.logGroupName)
          : onAnyResource('logs:GetLogRecord'),
      ];
    },
    GetLogGroupFields: groupAction('logs:GetLogGroupFields'),
    PutQueryDefinition: anyResource('logs:PutQueryDefinition'),
    DescribeQueryDefinitions: anyResource('logs:DescribeQueryDefinitions'),
    DeleteQueryDefinition: anyResource('logs:DeleteQueryDefinition'),
    StartLiveTail(input, ctx) {
      const names = input.logGroupIdentifiers.map((id) => liveTailGroupName(scopeOf(ctx), id));
      return onGroups('logs:StartLiveTail', ctx, names);
    },

    PutMetricFilter: groupAction('logs:PutMetricFilter'),
    DeleteMetricFilter: groupAction('logs:DeleteMetricFilter'),
    DescribeMetricFilters(input, ctx) {
      // Without a group it lists every group's filters.
      return input.logGroupName === undefined
        ? [onAnyResource('logs:DescribeMetricFilters')]
        : [onGroup('logs:DescribeMetricFilters', ctx, input.logGroupName)];
    },

    CreateLogGroup(input, ctx) {
      const permissions: Permission[] = [
        {
          ...onGroup('logs:CreateLogGroup', ctx, input.logGroupName),
          ...(input.tags ? { requestTags: input.tags } : {}),
        },
      ];
      if (input.tags && Object.keys(input.tags).length > 0) {
        permissions.push({
          action: 'logs:TagResource',
          resource: arnOf('logs:log-group', scopeOf(ctx), { LogGroupName: input.logGroupName }),
          requestTags: input.tags,
          deniedMessage: `User with accountId: ${ctx.accountId} is not authorized to perform CreateLogGroup with Tags. An additional permission "logs:TagResource" is required.`,
        });
      }
      return permissions;
    },
    DeleteLogGroup: groupAction('logs:DeleteLogGroup'),
    PutRetentionPolicy: groupAction('logs:PutRetentionPolicy'),
    DeleteRetentionPolicy: groupAction('logs:DeleteRetentionPolicy'),
    PutLogGroupDeletionProtection: groupAction('logs:PutLogGroupDeletionProtection'),
    DescribeLogStreams: groupAction('logs:DescribeLogStreams'),
    FilterLogEvents: groupAction('logs:FilterLogEvents'),
    ListTagsLogGroup: groupAction('logs:ListTagsLogGroup'),
    TagLogGroup(input, ctx) {
      return [{ ...onGroup('logs:TagLogGroup', ctx, input.logGroupName), requestTags: input.tags }];
    },
    UntagLogGroup(input, ctx) {
      return [
        {
          ...onGroup('logs:UntagLogGroup', ctx, input.logGroupName),
          context: { 'aws:TagKeys': input.tags },
        },
      ];
    },

    CreateLogStream: streamAction('logs:CreateLogStream'),
    DeleteLogStream: streamAction('logs:DeleteLogStream'),
    PutLogEvents: streamAction('logs:PutLogEvents'),
    GetLogEvents: streamAction('logs:GetLogEvents'),

    TagResource(input, ctx) {
      return [{ ...byArn('logs:TagResource', ctx, input.resourceArn), requestTags: input.tags }];
    },
    UntagResource(input, ctx) {
      return [
        {
          ...byArn('logs:UntagResource', ctx, input.resourceArn),
          context: { 'aws:TagKeys': input.tagKeys },
        },
      ];
    },
    ListTagsForResource(input, ctx) {
      return [byArn('logs:ListTagsForResource', ctx, input.resourceArn)];
    },
  };
}
