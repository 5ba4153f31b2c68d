/**
 * What the API destination operations need permission for: each on the destination's
 * ARN (`api-destination/NAME/UUID`; `…/NAME/*` when there is none yet, as for
 * connections), and, where the reference lists the connection as a required resource
 * (CreateApiDestination, DescribeApiDestination), on the connection's ARN too.
 */
import type { Store } from '../../../store/types.js';
import {
  anyResource,
  type AuthorizationTable,
  type Permission,
} from '../../authorization/permission.js';
import { arnOf } from '../../authorization/reference.js';
import { scopeOf, type RequestContext } from '../../context.js';
import type { EventsOperations } from '../generated/types.js';
import { apiDestinations, type ApiDestinationRecord } from './records.js';

type ApiDestinationOperations = Pick<
  EventsOperations,
  | 'CreateApiDestination'
  | 'DescribeApiDestination'
  | 'ListApiDestinations'
  | 'UpdateApiDestination'
  | 'DeleteApiDestination'
>;

export function apiDestinationsAuthorization(
  store: Store,
): AuthorizationTable<ApiDestinationOperations> {
  const destination = async (ctx: RequestContext, name: string) => {
    const scope = scopeOf(ctx);
    const record: ApiDestinationRecord | undefined = await apiDestinations(store).get(scope, name);
    return {
      record,
      arn:
        record?.arn ?? `${arnOf('events:api-destination', scope, { ApiDestinationName: name })}/*`,
    };
  };
  const onDestination =
    (action: string) =>
    async (input: { Name: string }, ctx: RequestContext): Promise<Permission[]> => [
      { action, resource: (await destination(ctx, input.Name)).arn },
    ];
  return {
    async CreateApiDestination(input, ctx) {
      const { arn } = await destination(ctx, input.Name);
      return [
        { action: 'events:CreateApiDestination', resource: arn },
        { action: 'events:CreateApiDestination', resource: input.ConnectionArn },
      ];
    },
    async DescribeApiDestination(input, ctx) {
      const { arn, record } = await destination(ctx, input.Name);
      return [
        { action: 'events:DescribeApiDestination', resource: arn },
        ...(record
          ? [{ action: 'events:DescribeApiDestination', resource: record.connectionArn }]
          : []),
      ];
    },
    ListApiDestinations: anyResource('events:ListApiDestinations'),
    UpdateApiDestination: onDestination('events:UpdateApiDestination'),
    DeleteApiDestination: onDestination('events:DeleteApiDestination'),
  };
}
