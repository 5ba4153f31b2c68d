/**
 * UpdateCluster (settings, configuration, Service Connect defaults) and
 * UpdateClusterSettings. Settings merge by name; a configuration given replaces the
 * cluster's whole configuration, as AWS does. Only an ACTIVE cluster can change.
 */
import type { Scope, Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { ClusterNotFoundException } from '../generated/errors.js';
import type {
  Cluster,
  UpdateClusterRequest,
  UpdateClusterResponse,
  UpdateClusterSettingsRequest,
  UpdateClusterSettingsResponse,
} from '../generated/types.js';
import { CLUSTERS, type ClusterRecord } from '../records.js';
import { CLUSTER_NOT_FOUND, clusterNameIn } from './lookup.js';
import { FULL_VIEW, clusterOutput } from './output.js';
import { checkSettings, mergeSettings, serviceConnectDefaultsOf } from './settings.js';
import { countClusterTasks } from './statistics.js';
import { scopeOf } from '../../context.js';

/** Reads, changes and writes one ACTIVE cluster in a transaction; returns it as AWS shows it. */
async function changeCluster(
  store: Store,
  scope: Scope,
  reference: string,
  change: (cluster: ClusterRecord) => ClusterRecord,
): Promise<Cluster> {
  return store.transaction(async (tx) => {
    const clusters = tx.collection<ClusterRecord>(CLUSTERS);
    const name = clusterNameIn(scope, reference);
    const current = name === undefined ? undefined : await clusters.get(scope, name);
    if (!current || current.status !== 'ACTIVE') {
      throw new ClusterNotFoundException(CLUSTER_NOT_FOUND);
    }
    const updated = change(current);
    await clusters.put(scope, current.clusterName, updated);
    const counts = await countClusterTasks(tx, scope, current.clusterName);
    return clusterOutput(updated, counts, FULL_VIEW);
  });
}

export async function updateCluster(
  store: Store,
  input: UpdateClusterRequest,
  ctx: RequestContext,
): Promise<UpdateClusterResponse> {
  const scope = scopeOf(ctx);
  if (input.settings) checkSettings(input.settings);
  const defaults = input.serviceConnectDefaults
    ? serviceConnectDefaultsOf(scope, input.serviceConnectDefaults)
    : undefined;
  const cluster = await changeCluster(store, scope, input.cluster, (current) => {
    const updated: ClusterRecord = { ...current };
    if (input.settings && input.settings.length > 0) {
      updated.settings = mergeSettings(current.settings, input.settings);
    }
    if (input.configuration) updated.configuration = structuredClone(input.configuration);
    if (input.serviceConnectDefaults) {
      if (defaults) updated.serviceConnectDefaults = defaults;
      else delete updated.serviceConnectDefaults;
    }
    return updated;
  });
  return { cluster };
}

export async function updateClusterSettings(
  store: Store,
  input: UpdateClusterSettingsRequest,
  ctx: RequestContext,
): Promise<UpdateClusterSettingsResponse> {
  const scope = scopeOf(ctx);
  checkSettings(input.settings);
  const cluster = await changeCluster(store, scope, input.cluster, (current) =>
    input.settings.length > 0
      ? { ...current, settings: mergeSettings(current.settings, input.settings) }
      : current,
  );
  return { cluster };
}
