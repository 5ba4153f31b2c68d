/**
 * ECS clusters as stored, and the operations over them that this issue needs.
 * The ECS issue extends the record and adds CreateCluster and the rest; keep one record
 * shape here so every cluster operation reads the same thing.
 */
import { decodePageToken, listPage } from '../paging.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../../store/types.js';
import { InvalidParameterException } from './generated/errors.js';
import type { ListClustersRequest, ListClustersResponse } from './generated/types.js';

export interface ClusterRecord {
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE' | 'PROVISIONING' | 'DEPROVISIONING' | 'FAILED' | 'INACTIVE';
}

export const CLUSTERS = 'ecs.clusters';

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
  const scope = { accountId: ctx.accountId, region: ctx.region };
  const { items, nextToken } = await listPage(store.collection<ClusterRecord>(CLUSTERS), scope, {
    afterId,
    pageSize,
  });
  return {
    clusterArns: items.filter((e) => e.value.status !== 'INACTIVE').map((e) => e.value.clusterArn),
    ...(nextToken ? { nextToken } : {}),
  };
}
