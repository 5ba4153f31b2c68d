/** DescribeApiDestination and ListApiDestinations: the state read from the connection. */
import type { RequestContext } from '../../context.js';
import type { EventsDeps } from '../deps.js';
import type {
  DescribeApiDestinationRequest,
  DescribeApiDestinationResponse,
  ListApiDestinationsRequest,
  ListApiDestinationsResponse,
} from '../generated/types.js';
import { pageOf, pageStart } from '../pages.js';
import { apiDestinationNotFound, oneListFilter } from './errors.js';
import { describedApiDestination, listedApiDestination } from './output.js';
import { apiDestinations, connectionOf, stateOf } from './records.js';
import { scopeOf } from '../../context.js';

export async function describeApiDestination(
  deps: EventsDeps,
  input: DescribeApiDestinationRequest,
  ctx: RequestContext,
): Promise<DescribeApiDestinationResponse> {
  const scope = scopeOf(ctx);
  const record = await apiDestinations(deps.store).get(scope, input.Name);
  if (!record) throw apiDestinationNotFound('describe', input.Name);
  const connection = await connectionOf(deps.store, scope, record.connectionArn);
  return describedApiDestination(record, stateOf(connection));
}

export async function listApiDestinations(
  deps: EventsDeps,
  input: ListApiDestinationsRequest,
  ctx: RequestContext,
): Promise<ListApiDestinationsResponse> {
  if (input.NamePrefix !== undefined && input.ConnectionArn !== undefined) throw oneListFilter();
  const scope = scopeOf(ctx);
  const after = pageStart(input.NextToken);
  const all = await apiDestinations(deps.store).list(scope, { prefix: input.NamePrefix ?? '' });
  const kept = all
    .map((entry) => entry.value)
    .filter(
      (record) => input.ConnectionArn === undefined || record.connectionArn === input.ConnectionArn,
    );
  const page = pageOf(kept, (record) => record.name, after, input.Limit);
  const items = [];
  for (const record of page.items) {
    const connection = await connectionOf(deps.store, scope, record.connectionArn);
    items.push(listedApiDestination(record, stateOf(connection)));
  }
  return {
    ApiDestinations: items,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}
