/** DescribeConnection and ListConnections. */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import type { EventsDeps } from '../deps.js';
import type {
  DescribeConnectionRequest,
  DescribeConnectionResponse,
  ListConnectionsRequest,
  ListConnectionsResponse,
} from '../generated/types.js';
import { pageOf, pageStart } from '../pages.js';
import { connectionNotFound } from './errors.js';
import { describedConnection, listedConnection } from './output.js';
import { CONNECTIONS, type ConnectionRecord } from './records.js';
import { scopeOf } from '../../context.js';

export function connections(session: StoreSession) {
  return session.collection<ConnectionRecord>(CONNECTIONS);
}

export async function requireConnection(
  session: StoreSession,
  scope: Scope,
  name: string,
): Promise<ConnectionRecord> {
  const record = await connections(session).get(scope, name);
  if (!record) throw connectionNotFound(name);
  return record;
}

export async function describeConnection(
  deps: EventsDeps,
  input: DescribeConnectionRequest,
  ctx: RequestContext,
): Promise<DescribeConnectionResponse> {
  return describedConnection(await requireConnection(deps.store, scopeOf(ctx), input.Name));
}

/** An account holds few connections: filtered in one pass, paged by name. */
export async function listConnections(
  deps: EventsDeps,
  input: ListConnectionsRequest,
  ctx: RequestContext,
): Promise<ListConnectionsResponse> {
  const after = pageStart(input.NextToken);
  const prefix = input.NamePrefix ?? '';
  const all = (await connections(deps.store).list(scopeOf(ctx), { prefix })).map((e) => e.value);
  const kept = all.filter(
    (record) => input.ConnectionState === undefined || record.state === input.ConnectionState,
  );
  const page = pageOf(kept, (record) => record.name, after, input.Limit);
  return {
    Connections: page.items.map(listedConnection),
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
