/**
 * Which scheduler keeps a service. Each service names its owner (a teiki process's
 * runner id, the one its tasks carry) and when it took the service last. A scheduler
 * keeps a service it owns, one nobody owns, and one whose owner is gone.
 *
 * Whether a runner is gone is the membership's answer (engine/cluster/gone.ts): alone on
 * a store, every earlier runner is gone at start, as task recovery already assumes, so a
 * restart takes its services back at once; among several nodes on one PostgreSQL, a
 * runner is gone once it left the live nodes' view (its lease, kept in real time on the
 * database's clock, ended). No lease of its own on the teiki clock: a virtual clock's
 * move of years would otherwise step through every renewal.
 */

export interface Owner {
  runnerId: string;
  /** When the owner last took the service (teiki clock), for whoever reads the record. */
  heartbeatAt: number;
}

export function mayKeep(
  owner: Owner | undefined,
  runnerId: string,
  isGone: (runnerId: string) => boolean,
): boolean {
  if (owner === undefined || owner.runnerId === runnerId) return true;
  return isGone(owner.runnerId);
}
