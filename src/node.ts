/**
 * This process as a node: its membership of the cluster sharing its store (one node on a
 * store nobody shares), and its clock (on a shared store, a virtual clock is the cluster's
 * one clock). Part of the composition root, beside teiki.ts.
 */
import { hostname } from 'node:os';
import type { TeikiOptions } from './config.js';
import { createRealClock, createVirtualClock } from './engine/clock/index.js';
import type { Clock } from './engine/clock/types.js';
import { joinSharedCluster, soloMembership } from './engine/cluster/index.js';
import type { SharedVirtualClock } from './engine/cluster/shared-clock.js';
import { createSharedVirtualClock } from './engine/cluster/shared-clock.js';
import type { Membership } from './engine/cluster/types.js';
import type { Logger } from './engine/log.js';
import type { Store } from './store/types.js';
import { TEIKI_VERSION } from './version.js';

export interface TeikiNode {
  membership: Membership;
  clock: Clock;
  /** The cluster's virtual clock, when this node shares one: started after the services. */
  sharedClock?: SharedVirtualClock;
}

export async function joinNode(
  options: TeikiOptions,
  store: Store,
  logger: Logger,
): Promise<TeikiNode> {
  const info = {
    version: TEIKI_VERSION,
    runtime: options.runtime,
    host: hostname(),
    pid: process.pid,
  };
  const inFlight = () => store.inFlight?.();
  if (!store.cluster) {
    const membership = soloMembership({ nodeId: options.nodeId, info, wallNowMs: wallClockNow });
    const clock =
      options.clock === 'virtual'
        ? createVirtualClock(options.clockStartMs ?? wallClockNow(), { inFlight })
        : createRealClock();
    return { membership, clock };
  }
  const membership = await joinSharedCluster({
    port: store.cluster,
    nodeId: options.nodeId,
    info,
    logger: logger.child({ component: 'cluster' }),
  });
  if (options.clock !== 'virtual') return { membership, clock: createRealClock() };
  // The cluster's clock reads where it reads; --clock-start only places a new one.
  const row = await store.cluster.clock.read(options.clockStartMs ?? wallClockNow());
  const local = createVirtualClock(row.nowMs, { inFlight });
  const sharedClock = createSharedVirtualClock({
    local,
    row,
    port: store.cluster.clock,
    membership,
    logger: logger.child({ component: 'clock' }),
  });
  return { membership, clock: sharedClock, sharedClock };
}

export function wallClockNow(): number {
  // Outside the clock, the wall clock is read only where a virtual clock starts and for the
  // times health reports of processes.
  // eslint-disable-next-line no-restricted-syntax
  return Date.now();
}
