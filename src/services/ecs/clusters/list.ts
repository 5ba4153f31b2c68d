/**
 * ListClusters: the region's clusters page by page, deleted (INACTIVE) ones included: AWS
 * keeps them discoverable for a while and lists them (docs/decisions.md); teiki keeps them
 * until the name is used again.
 */
import type { Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { decodePageToken, listPage } from '../../paging.js';
import { InvalidParameterException } from '../generated/errors.js';
import type { ListClustersRequest, ListClustersResponse } from '../generated/types.js';
import { CLUSTERS, type ClusterRecord } from '../records.js';
import { scopeOf } from '../../context.js';

const MAX_PAGE = 100;

export async function listClusters(
  store: Store,
  input: ListClustersRequest,
  ctx: RequestContext,
): Promise<ListClustersResponse> {
  const pageSize = input.maxResults ?? MAX_PAGE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
    throw new InvalidParameterException('maxResults must be between 1 and 100.');
  }
  const afterId = input.nextToken === undefined ? undefined : decodePageToken(input.nextToken);
  if (input.nextToken !== undefined && afterId === undefined) {
    throw new InvalidParameterException('Invalid nextToken.');
  }
  const scope = scopeOf(ctx);
  const { items, nextToken } = await listPage(store.collection<ClusterRecord>(CLUSTERS), scope, {
    afterId,
    pageSize,
  });
  return {
    clusterArns: items.map((e) => e.value.clusterArn),
    ...(nextToken ? { nextToken } : {}),
  };
}
