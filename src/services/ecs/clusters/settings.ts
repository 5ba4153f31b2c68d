/**
 * Cluster settings (Container Insights) and Service Connect defaults, as CreateCluster,
 * UpdateCluster and UpdateClusterSettings take them.
 */
import { createHash } from 'node:crypto';
import type { Scope } from '../../../store/types.js';
import { InvalidParameterException } from '../generated/errors.js';
import type {
  ClusterServiceConnectDefaults,
  ClusterServiceConnectDefaultsRequest,
  ClusterSetting,
} from '../generated/types.js';

const INSIGHTS_VALUES: ReadonlySet<string> = new Set(['enabled', 'disabled', 'enhanced']);

/** Refuses settings AWS refuses: only `containerInsights`, only its three values. */
export function checkSettings(settings: readonly ClusterSetting[]): void {
  for (const setting of settings) {
    if (setting.name !== 'containerInsights') {
      throw new InvalidParameterException("Invalid setting 'name'");
    }
    if (setting.value === undefined || !INSIGHTS_VALUES.has(setting.value)) {
      throw new InvalidParameterException("Invalid setting 'value'");
    }
  }
}

/** `updates` laid over `current` by setting name; a name given twice keeps its last value. */
export function mergeSettings(
  current: readonly ClusterSetting[] | undefined,
  updates: readonly ClusterSetting[],
): ClusterSetting[] {
  const merged = (current ?? []).map((s) => ({ ...s }));
  for (const setting of updates) {
    const at = merged.findIndex((s) => s.name === setting.name);
    if (at >= 0) merged[at] = { ...setting };
    else merged.push({ ...setting });
  }
  return merged;
}

/**
 * The Cloud Map namespace ARN a Service Connect default stands for. teiki has no Cloud
 * Map: a name gets a stable ARN of AWS's form (`…:namespace/ns-` and 16 characters), the
 * same for the same name in the same account and region, as AWS reuses the namespace it
 * created for that name. An empty namespace removes the default.
 */
export function serviceConnectDefaultsOf(
  scope: Scope,
  request: ClusterServiceConnectDefaultsRequest,
): ClusterServiceConnectDefaults | undefined {
  if (request.namespace === '') return undefined;
  if (request.namespace.startsWith('arn:')) return { namespace: request.namespace };
  const digest = createHash('sha256')
    .update(`${scope.accountId}/${scope.region}/${request.namespace}`)
    .digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let id = '';
  for (let i = 0; i < 16; i++) id += alphabet[(digest[i] ?? 0) % 32];
  return {
    namespace: `arn:aws:servicediscovery:${scope.region}:${scope.accountId}:namespace/ns-${id}`,
  };
}
