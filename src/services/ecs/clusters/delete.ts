/**
 * DeleteCluster. A cluster with an ACTIVE or DRAINING service is refused with AWS's
 * ClusterContainsServicesException, one with any task not yet STOPPED with
 * ClusterContainsTasksException. Otherwise it turns INACTIVE: still described and listed,
 * no longer usable, its tags gone (AWS deletes a resource's tags with it). Deleting an
 * INACTIVE cluster again returns it as it is.
 */
import type { Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import {
  ClusterContainsServicesException,
  ClusterContainsTasksException,
  ClusterNotFoundException,
} from '../generated/errors.js';
import type { DeleteClusterRequest, DeleteClusterResponse } from '../generated/types.js';
import { CLUSTERS, type ClusterRecord } from '../records.js';
import { CLUSTER_NOT_FOUND, clusterNameIn } from './lookup.js';
import { FULL_VIEW, clusterOutput } from './output.js';
import { clusterTasks, countClusterTasks, total } from './statistics.js';
import { scopeOf } from '../../context.js';

export async function deleteCluster(
  store: Store,
  input: DeleteClusterRequest,
  ctx: RequestContext,
): Promise<DeleteClusterResponse> {
  const scope = scopeOf(ctx);
  // One transaction, so a task started while the cluster is checked cannot be orphaned.
  return store.transaction(async (tx) => {
    const clusters = tx.collection<ClusterRecord>(CLUSTERS);
    const name = clusterNameIn(scope, input.cluster);
    const current = name === undefined ? undefined : await clusters.get(scope, name);
    if (!current) throw new ClusterNotFoundException(CLUSTER_NOT_FOUND);
    const services = await countClusterTasks(tx, scope, current.clusterName);
    if (total(services.activeServices) + total(services.drainingServices) > 0) {
      throw new ClusterContainsServicesException(
        'The Cluster cannot be deleted while Services are active.',
      );
    }
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
