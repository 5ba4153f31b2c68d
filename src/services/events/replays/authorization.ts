/**
 * What the replay operations need permission for: the replay's ARN; StartReplay also the
 * archive it replays and the event bus it replays to, as the reference lists them.
 */
import type { AuthorizationTable, Permission } from '../../authorization/permission.js';
import { anyResource } from '../../authorization/permission.js';
import { arnOf } from '../../authorization/reference.js';
import { scopeOf, type RequestContext } from '../../context.js';
import type { EventsOperations } from '../generated/types.js';

type ReplayOperations = Pick<
  EventsOperations,
  'StartReplay' | 'DescribeReplay' | 'ListReplays' | 'CancelReplay'
>;

export function replaysAuthorization(): AuthorizationTable<ReplayOperations> {
  const replay = (ctx: RequestContext, name: string) =>
    arnOf('events:replay', scopeOf(ctx), { ReplayName: name });
  const onReplay =
    (action: string) =>
    (input: { ReplayName: string }, ctx: RequestContext): Permission[] => [
      { action, resource: replay(ctx, input.ReplayName) },
    ];
  return {
    StartReplay: (input, ctx) => [
      { action: 'events:StartReplay', resource: replay(ctx, input.ReplayName) },
      { action: 'events:StartReplay', resource: input.EventSourceArn },
      { action: 'events:StartReplay', resource: input.Destination.Arn },
    ],
    DescribeReplay: onReplay('events:DescribeReplay'),
    ListReplays: anyResource('events:ListReplays'),
    CancelReplay: onReplay('events:CancelReplay'),
  };
}
