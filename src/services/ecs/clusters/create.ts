/**
 * CreateCluster. The name defaults to `default`. Creating a cluster that is already
 * ACTIVE is idempotent: AWS returns the cluster as it is, and refuses the call only when
 * an argument it carries disagrees with the cluster. An INACTIVE (deleted) cluster of the
 * same name is replaced by a new one.
 */
import type { Scope, Store } from '../../../store/types.js';
import { canonicalJson } from '../../canonical-json.js';
import type { RequestContext } from '../../context.js';
import { InvalidParameterException } from '../generated/errors.js';
import type { CreateClusterRequest, CreateClusterResponse, Tag } from '../generated/types.js';
import { CLUSTERS, type ClusterRecord } from '../records.js';
import { creationTags } from '../tags/rules.js';
import { checkCapacityProviders } from './capacity-providers.js';
import { DEFAULT_CLUSTER, newClusterRecord } from './lookup.js';
import { FULL_VIEW, clusterOutput, effectiveSettings } from './output.js';
import { checkSettings, mergeSettings, serviceConnectDefaultsOf } from './settings.js';
import { countClusterTasks } from './statistics.js';
import { scopeOf } from '../../context.js';

const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

function requestedCluster(scope: Scope, name: string, input: CreateClusterRequest): ClusterRecord {
  const record = newClusterRecord(scope, name);
  if (input.settings && input.settings.length > 0) {
    checkSettings(input.settings);
    record.settings = mergeSettings(undefined, input.settings);
  }
  if (input.configuration) record.configuration = structuredClone(input.configuration);
  if (input.capacityProviders || input.defaultCapacityProviderStrategy) {
    Object.assign(
      record,
      checkCapacityProviders(
        input.capacityProviders ?? [],
        input.defaultCapacityProviderStrategy ?? [],
      ),
    );
  }
  if (input.serviceConnectDefaults) {
    const defaults = serviceConnectDefaultsOf(scope, input.serviceConnectDefaults);
    if (defaults) record.serviceConnectDefaults = defaults;
  }
  const tags = creationTags(input.tags);
  if (tags.length > 0) record.tags = tags;
  return record;
}

function tagMap(tags: readonly Tag[] | undefined): Record<string, string | undefined> {
  return Object.fromEntries(
    (tags ?? []).map((t): [string, string | undefined] => [t.key ?? '', t.value]),
  );
}

/** True when an argument the caller gave disagrees with the existing cluster. */
function disagrees(input: CreateClusterRequest, wanted: ClusterRecord, existing: ClusterRecord) {
  const differs = (a: unknown, b: unknown) => canonicalJson(a) !== canonicalJson(b);
  return (
    (input.settings !== undefined &&
      differs(effectiveSettings(wanted), effectiveSettings(existing))) ||
    (input.tags !== undefined && differs(tagMap(wanted.tags), tagMap(existing.tags))) ||
    (input.configuration !== undefined &&
      differs(wanted.configuration ?? {}, existing.configuration ?? {})) ||
    (input.capacityProviders !== undefined &&
      differs(wanted.capacityProviders ?? [], existing.capacityProviders ?? [])) ||
    (input.defaultCapacityProviderStrategy !== undefined &&
      differs(
        wanted.defaultCapacityProviderStrategy ?? [],
        existing.defaultCapacityProviderStrategy ?? [],
      )) ||
    (input.serviceConnectDefaults !== undefined &&
      differs(wanted.serviceConnectDefaults ?? {}, existing.serviceConnectDefaults ?? {}))
  );
}

export async function createCluster(
  store: Store,
  input: CreateClusterRequest,
  ctx: RequestContext,
): Promise<CreateClusterResponse> {
  const scope = scopeOf(ctx);
  const name =
    input.clusterName === undefined || input.clusterName === ''
      ? DEFAULT_CLUSTER
      : input.clusterName;
  if (!CLUSTER_NAME.test(name)) {
    throw new InvalidParameterException(
      'Clusters can only contain alphanumeric characters, hyphens, and underscores, and must be between 1 and 255 characters long.',
    );
  }
  const wanted = requestedCluster(scope, name, input);
  return store.transaction(async (tx) => {
    const clusters = tx.collection<ClusterRecord>(CLUSTERS);
    const existing = await clusters.get(scope, name);
    let cluster = wanted;
    if (existing?.status === 'ACTIVE') {
      if (disagrees(input, wanted, existing)) {
        throw new InvalidParameterException(
          'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
        );
      }
      cluster = existing;
    } else {
      await clusters.put(scope, name, wanted);
    }
    const counts = await countClusterTasks(tx, scope, name);
    return { cluster: clusterOutput(cluster, counts, FULL_VIEW) };
  });
}
