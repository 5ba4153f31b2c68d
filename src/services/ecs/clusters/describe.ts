/**
 * DescribeClusters: clusters by name or ARN (the `default` cluster when none is named),
 * INACTIVE ones included, and a `MISSING` failure for each reference that names none.
 */
import type { Store } from '../../../store/types.js';
import type { RequestContext } from '../../context.js';
import { InvalidParameterException } from '../generated/errors.js';
import type {
  Cluster,
  DescribeClustersRequest,
  DescribeClustersResponse,
  Failure,
} from '../generated/types.js';
import { CLUSTERS, type ClusterRecord } from '../records.js';
import { DEFAULT_CLUSTER, clusterArnOf, clusterNameIn } from './lookup.js';
import { clusterOutput } from './output.js';
import { countClusterTasks } from './statistics.js';
import { scopeOf } from '../../context.js';

const MAX_CLUSTERS = 100;

export async function describeClusters(
  store: Store,
  input: DescribeClustersRequest,
  ctx: RequestContext,
): Promise<DescribeClustersResponse> {
  const scope = scopeOf(ctx);
  const references =
    input.clusters && input.clusters.length > 0 ? input.clusters : [DEFAULT_CLUSTER];
  if (references.length > MAX_CLUSTERS) {
    throw new InvalidParameterException(`clusters can have at most ${MAX_CLUSTERS} entries.`);
  }
  const view = new Set(input.include ?? []);
  const collection = store.collection<ClusterRecord>(CLUSTERS);
  const clusters: Cluster[] = [];
  const failures: Failure[] = [];
  const seen = new Set<string>();
  for (const reference of references) {
    const name = clusterNameIn(scope, reference);
    const record = name === undefined ? undefined : await collection.get(scope, name);
    if (!record) {
      failures.push({ arn: clusterArnOf(scope, reference), reason: 'MISSING' });
      continue;
    }
    // A cluster named twice (by name and by ARN, say) is described once.
    if (seen.has(record.clusterName)) continue;
    seen.add(record.clusterName);
    const counts = await countClusterTasks(store, scope, record.clusterName);
    clusters.push(clusterOutput(record, counts, view));
  }
  return { clusters, failures };
}
