/**
 * Whether work a runner recorded as its own may be taken over, answered at once from what
 * this node knows: alone on a store, every other runner is an earlier process that ended;
 * among several nodes, a runner is gone once it left the live nodes' view (its lease
 * ended). Work that names its runner (an ECS service, a replay) asks this before taking it.
 */
import type { Membership } from './types.js';

export function runnerGone(membership: Membership): (runnerId: string) => boolean {
  return (runnerId) =>
    membership.kind === 'solo'
      ? runnerId !== membership.runnerId
      : !membership.view.includes(runnerId);
}
