/**
 * Finding a cluster from what callers pass: a name or a cluster ARN. An ARN names a
 * cluster only in the caller's own account and region; anything else finds nothing.
 * RunTask's lookup (`clusterForTask`) also stands up the `default` cluster on first use,
 * as AWS does when a task is run without naming a cluster.
 */
import type { Scope, Store, StoreSession } from '../../../store/types.js';
import { ClusterNotFoundException } from '../generated/errors.js';
import { CLUSTERS, ecsArn, type ClusterRecord } from '../records.js';

export const DEFAULT_CLUSTER = 'default';
export const CLUSTER_NOT_FOUND = 'Cluster not found.';

const CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:([^:]*):(\d{12}):cluster\/(.+)$/;

/** The cluster name a reference means in `scope`, or undefined when it can mean none. */
export function clusterNameIn(scope: Scope, reference: string): string | undefined {
  if (!reference.startsWith('arn:')) return reference;
  const match = CLUSTER_ARN.exec(reference);
  if (!match || match[1] !== scope.region || match[2] !== scope.accountId) return undefined;
  return match[3];
}

/** The ARN a reference stands for, as DescribeClusters reports a missing cluster. */
export function clusterArnOf(scope: Scope, reference: string): string {
  return reference.startsWith('arn:') ? reference : ecsArn(scope, `cluster/${reference}`);
}

/** A new ACTIVE cluster record with nothing configured. */
export function newClusterRecord(scope: Scope, clusterName: string): ClusterRecord {
  return {
    clusterArn: ecsArn(scope, `cluster/${clusterName}`),
    clusterName,
    status: 'ACTIVE',
  };
}

/** The cluster a reference names, in any status; undefined when there is none. */
export async function findCluster(
  session: StoreSession,
  scope: Scope,
  reference: string,
): Promise<ClusterRecord | undefined> {
  const name = clusterNameIn(scope, reference);
  if (name === undefined) return undefined;
  return session.collection<ClusterRecord>(CLUSTERS).get(scope, name);
}

/** The ACTIVE cluster a reference names, else AWS's ClusterNotFoundException. */
export async function requireActiveCluster(
  session: StoreSession,
  scope: Scope,
  reference: string,
): Promise<ClusterRecord> {
  const cluster = await findCluster(session, scope, reference);
  if (!cluster || cluster.status !== 'ACTIVE')
    throw new ClusterNotFoundException(CLUSTER_NOT_FOUND);
  return cluster;
}

/**
 * The cluster RunTask runs in: the ACTIVE cluster `reference` names, or, without a
 * reference, the `default` cluster, created (or brought back from INACTIVE) if need be.
 */
export async function clusterForTask(
  store: Store,
  scope: Scope,
  reference: string | undefined,
): Promise<ClusterRecord> {
  if (reference !== undefined) return requireActiveCluster(store, scope, reference);
  const clusters = store.collection<ClusterRecord>(CLUSTERS);
  const existing = await clusters.get(scope, DEFAULT_CLUSTER);
  if (existing?.status === 'ACTIVE') return existing;
  const fresh = newClusterRecord(scope, DEFAULT_CLUSTER);
  // Claimed in a transaction so two first RunTasks agree on one default cluster.
  return store.transaction(async (tx) => {
    const txClusters = tx.collection<ClusterRecord>(CLUSTERS);
    const current = await txClusters.get(scope, DEFAULT_CLUSTER);
    if (current?.status === 'ACTIVE') return current;
    await txClusters.put(scope, DEFAULT_CLUSTER, fresh);
    return fresh;
  });
}
