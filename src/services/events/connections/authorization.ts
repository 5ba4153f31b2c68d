/**
 * What the connection operations need permission for: each on the connection's ARN, which
 * AWS gives a UUID (`connection/NAME/UUID`, the reference's template stops at the name).
 * A connection that does not exist yet, or no longer does, is asked about as
 * `connection/NAME/*`, so a policy naming `connection/NAME/*` or a wider pattern decides
 * (AWS's own resource for a CreateConnection is unconfirmed: docs/decisions.md).
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
import { CONNECTIONS, type ConnectionRecord } from './records.js';

type ConnectionOperations = Pick<
  EventsOperations,
  | 'CreateConnection'
  | 'DescribeConnection'
  | 'ListConnections'
  | 'UpdateConnection'
  | 'DeleteConnection'
  | 'DeauthorizeConnection'
>;

/** A named connection's ARN as it is, or as `connection/NAME/*` when there is none. */
export async function connectionResource(
  store: Store,
  ctx: RequestContext,
  name: string,
): Promise<string> {
  const scope = scopeOf(ctx);
  const record = await store.collection<ConnectionRecord>(CONNECTIONS).get(scope, name);
  return record?.arn ?? `${arnOf('events:connection', scope, { ConnectionName: name })}/*`;
}

export function connectionsAuthorization(store: Store): AuthorizationTable<ConnectionOperations> {
  const onConnection =
    (action: string) =>
    async (input: { Name: string }, ctx: RequestContext): Promise<Permission[]> => [
      { action, resource: await connectionResource(store, ctx, input.Name) },
    ];
  return {
    CreateConnection: onConnection('events:CreateConnection'),
    DescribeConnection: onConnection('events:DescribeConnection'),
    ListConnections: anyResource('events:ListConnections'),
    UpdateConnection: onConnection('events:UpdateConnection'),
    DeleteConnection: onConnection('events:DeleteConnection'),
    DeauthorizeConnection: onConnection('events:DeauthorizeConnection'),
  };
}
