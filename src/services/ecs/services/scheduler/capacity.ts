/**
 * Where a service's next task goes under a capacity provider strategy, as ECS spreads
 * them: the provider with a base gets tasks until it has its base, then each task goes to
 * the provider furthest below its weighted share of the tasks beyond the bases. Providers
 * of weight 0 get no task beyond their base (unless every weight is 0: then the first).
 */
import type { CapacityProviderStrategyItem } from '../../generated/types.js';

export function nextProvider(
  strategy: readonly CapacityProviderStrategyItem[],
  placed: Readonly<Record<string, number>>,
): string | undefined {
  const count = (name: string) => placed[name] ?? 0;
  for (const item of strategy) {
    if (count(item.capacityProvider) < (item.base ?? 0)) return item.capacityProvider;
  }
  const weighted = strategy.filter((item) => (item.weight ?? 0) > 0);
  if (weighted.length === 0) return strategy[0]?.capacityProvider;
  let best: CapacityProviderStrategyItem | undefined;
  let bestShare = Infinity;
  for (const item of weighted) {
    const beyondBase = Math.max(0, count(item.capacityProvider) - (item.base ?? 0));
    // The share after one more task; the lowest goes next (ties: strategy order).
    const share = (beyondBase + 1) / (item.weight ?? 1);
    if (share < bestShare) {
      best = item;
      bestShare = share;
    }
  }
  return best?.capacityProvider;
}
