/**
 * DeleteCluster. A cluster with any task not yet STOPPED is refused with AWS's
 * ClusterContainsTasksException. Otherwise it turns INACTIVE: still described and listed,
 * no longer usable, its tags gone (AWS deletes a resource's tags with it). Deleting an
 * INACTIVE cluster again returns it as it is.
 */
import type { Scope, Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { ClusterContainsTasksException, ClusterNotFoundException } from '../generated/errors.js';
import type { DeleteClusterRequest, DeleteClusterResponse } from '../generated/types.js';
import { CLUSTERS, type ClusterRecord } from '../records.js';
import { CLUSTER_NOT_FOUND, clusterNameIn } from './lookup.js';
import { FULL_VIEW, clusterOutput } from './output.js';
import { clusterTasks, countClusterTasks } from './statistics.js';

export async function deleteCluster(
  store: Store,
  input: DeleteClusterRequest,
  ctx: RequestContext,
): Promise<DeleteClusterResponse> {
  const scope: Scope = { accountId: ctx.accountId, region: ctx.region };
  // One transaction, so a task started while the cluster is checked cannot be orphaned.
  return store.transaction(async (tx) => {
    const clusters = tx.collection<ClusterRecord>(CLUSTERS);
    const name = clusterNameIn(scope, input.cluster);
    const current = name === undefined ? undefined : await clusters.get(scope, name);
    if (!current) throw new ClusterNotFoundException(CLUSTER_NOT_FOUND);
    const tasks = await clusterTasks(tx, scope, current.clusterName);
    if (tasks.some((task) => task.lastStatus !== 'STOPPED')) {
      throw new ClusterContainsTasksException(
        'The Cluster cannot be deleted while Tasks are active.',
      );
    }
    const deleted: ClusterRecord = { ...current, status: 'INACTIVE' };
    delete deleted.tags;
    if (current.status !== 'INACTIVE') await clusters.put(scope, current.clusterName, deleted);
    const counts = await countClusterTasks(tx, scope, current.clusterName);
    return { cluster: clusterOutput(deleted, counts, FULL_VIEW) };
  });
}
