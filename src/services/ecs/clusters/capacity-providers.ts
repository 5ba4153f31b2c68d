/**
 * Capacity providers of a cluster. teiki runs tasks on Fargate only, so the providers a
 * cluster can use are AWS's two built-in ones, FARGATE and FARGATE_SPOT; anything else is
 * a provider that does not exist. The default strategy may only name providers of the
 * cluster, and, as on AWS, at most one of its items may have a base.
 */
import type { Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import {
  ClusterNotFoundException,
  InvalidParameterException,
  ResourceInUseException,
} from '../generated/errors.js';
import type {
  CapacityProviderStrategyItem,
  PutClusterCapacityProvidersRequest,
  PutClusterCapacityProvidersResponse,
} from '../generated/types.js';
import { CLUSTERS, type ClusterRecord } from '../records.js';
import { CLUSTER_NOT_FOUND, clusterNameIn } from './lookup.js';
import { FULL_VIEW, clusterOutput } from './output.js';
import { clusterTasks, countClusterTasks } from './statistics.js';
import { scopeOf } from '../../context.js';

export const FARGATE_PROVIDERS: readonly string[] = ['FARGATE', 'FARGATE_SPOT'];

export interface CapacityProviderChoice {
  capacityProviders: string[];
  defaultCapacityProviderStrategy: CapacityProviderStrategyItem[];
}

/** Checks providers and strategy; strategy items come back with AWS's 0 defaults filled in. */
export function checkCapacityProviders(
  providers: readonly string[],
  strategy: readonly CapacityProviderStrategyItem[],
): CapacityProviderChoice {
  for (const provider of providers) {
    if (!FARGATE_PROVIDERS.includes(provider)) {
      throw new InvalidParameterException(
        'The specified capacity provider was not found. Specify a valid capacity provider and try again.',
      );
    }
  }
  for (const item of strategy) {
    if (!providers.includes(item.capacityProvider)) {
      throw new InvalidParameterException(
        'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
      );
    }
  }
  if (strategy.filter((item) => (item.base ?? 0) > 0).length > 1) {
    throw new InvalidParameterException(
      'Only one capacity provider in a capacity provider strategy can have a base defined.',
    );
  }
  return {
    capacityProviders: [...providers],
    defaultCapacityProviderStrategy: strategy.map((item) => ({
      capacityProvider: item.capacityProvider,
      weight: item.weight ?? 0,
      base: item.base ?? 0,
    })),
  };
}

/** PutClusterCapacityProviders: the cluster's providers and default strategy, replaced whole. */
export async function putClusterCapacityProviders(
  store: Store,
  input: PutClusterCapacityProvidersRequest,
  ctx: RequestContext,
): Promise<PutClusterCapacityProvidersResponse> {
  const scope = scopeOf(ctx);
  const choice = checkCapacityProviders(
    input.capacityProviders,
    input.defaultCapacityProviderStrategy,
  );
  return store.transaction(async (tx) => {
    const name = clusterNameIn(scope, input.cluster);
    const clusters = tx.collection<ClusterRecord>(CLUSTERS);
    const current = name === undefined ? undefined : await clusters.get(scope, name);
    if (!current || current.status !== 'ACTIVE') {
      throw new ClusterNotFoundException(CLUSTER_NOT_FOUND);
    }
    const tasks = await clusterTasks(tx, scope, current.clusterName);
    const stillUsed = tasks.some(
      (task) =>
        task.lastStatus !== 'STOPPED' &&
        task.capacityProviderName !== undefined &&
        !choice.capacityProviders.includes(task.capacityProviderName),
    );
    if (stillUsed) {
      throw new ResourceInUseException(
        'The specified capacity provider is in use and cannot be removed.',
      );
    }
    const updated: ClusterRecord = { ...current, ...choice };
    await clusters.put(scope, current.clusterName, updated);
    const counts = await countClusterTasks(tx, scope, current.clusterName);
    return { cluster: clusterOutput(updated, counts, FULL_VIEW) };
  });
}
