/**
 * Which scheduler keeps a service. Each service names its owner (a teiki process's
 * runner id, the one its tasks carry) and when that owner last said it was alive. A
 * scheduler keeps a service it owns, one nobody owns, one whose owner's lease ran out,
 * and one whose owner is known to be gone.
 *
 * Alone on a store, every earlier runner is gone at start, as task recovery already
 * assumes, so a restart takes its services back at once. Among several nodes on one
 * PostgreSQL, a runner is gone once it is no longer in the live nodes' view (its lease
 * ended); otherwise its services wait for this lease to run out.
 */

/** How long an owner's word holds. */
export const LEASE_MS = 90_000;
/** How often an owner renews it (well within the lease). */
export const RENEW_MS = 30_000;

export interface Owner {
  runnerId: string;
  heartbeatAt: number;
}

export function mayKeep(
  owner: Owner | undefined,
  runnerId: string,
  nowMs: number,
  isGone: (runnerId: string) => boolean,
): boolean {
  if (owner === undefined || owner.runnerId === runnerId) return true;
  if (isGone(owner.runnerId)) return true;
  return owner.heartbeatAt + LEASE_MS <= nowMs;
}
