/**
 * The clusters' read model: what the console needs of them that no ECS operation answers
 * cheaply (ListClusters gives no status, and DescribeClusters counts every task of a
 * cluster to answer).
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import { CLUSTERS, type ClusterRecord } from '../records.js';

export class ClusterQueries {
  constructor(private readonly store: StoreSession) {}

  /** How many ACTIVE clusters the scope has (ListClusters lists deleted ones too, as AWS does). */
  async countActive(scope: Scope): Promise<number> {
    const entries = await this.store.collection<ClusterRecord>(CLUSTERS).list(scope);
    return entries.filter((entry) => entry.value.status === 'ACTIVE').length;
  }
}
