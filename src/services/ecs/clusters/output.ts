/**
 * A cluster record as AWS returns it. Create, Update, PutClusterCapacityProviders and
 * Delete return the whole cluster (settings with the account default filled in, tags,
 * configuration); DescribeClusters leaves settings, tags and statistics empty and drops
 * configuration and attachments unless `include` asks for them.
 */
import type { Cluster, ClusterField, ClusterSetting } from '../generated/types.js';
import type { ClusterRecord } from '../records.js';
import { statisticsOf, total, type ClusterTaskCounts } from './statistics.js';

export type ClusterView = ReadonlySet<ClusterField>;

/** What a mutating operation shows: everything but statistics and attachments. */
export const FULL_VIEW: ClusterView = new Set<ClusterField>(['SETTINGS', 'TAGS', 'CONFIGURATIONS']);

/** Container Insights as the account default leaves it when a cluster sets nothing. */
export function effectiveSettings(record: ClusterRecord): ClusterSetting[] {
  if (record.settings && record.settings.length > 0) return record.settings.map((s) => ({ ...s }));
  return [{ name: 'containerInsights', value: 'disabled' }];
}

export function clusterOutput(
  record: ClusterRecord,
  counts: ClusterTaskCounts,
  view: ClusterView,
): Cluster {
  return {
    clusterArn: record.clusterArn,
    clusterName: record.clusterName,
    status: record.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: total(counts.running),
    pendingTasksCount: total(counts.pending),
    activeServicesCount: total(counts.activeServices),
    statistics: view.has('STATISTICS') ? statisticsOf(counts) : [],
    tags: view.has('TAGS') ? (record.tags ?? []).map((t) => ({ ...t })) : [],
    settings: view.has('SETTINGS') ? effectiveSettings(record) : [],
    capacityProviders: [...(record.capacityProviders ?? [])],
    defaultCapacityProviderStrategy: (record.defaultCapacityProviderStrategy ?? []).map((s) => ({
      ...s,
    })),
    ...(view.has('CONFIGURATIONS') && record.configuration
      ? { configuration: structuredClone(record.configuration) }
      : {}),
    // Fargate capacity providers need no scaling plans, so a cluster has no attachments.
    ...(view.has('ATTACHMENTS') ? { attachments: [] } : {}),
    ...(record.serviceConnectDefaults
      ? { serviceConnectDefaults: { ...record.serviceConnectDefaults } }
      : {}),
  };
}
