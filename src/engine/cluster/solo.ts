/**
 * The one node of a store nobody else shares (memory, SQLite): it owns every entry, hears
 * no one, and every runner but itself is gone (an earlier process, killed or stopped).
 */
import { randomUUID } from 'node:crypto';
import type { NodeRow } from './port.js';
import type { Membership } from './types.js';

export function soloMembership(options: {
  nodeId: string;
  info: Record<string, unknown>;
  /** The wall clock (health reports process times, whatever the teiki clock reads). */
  wallNowMs: () => number;
}): Membership {
  const startedAtMs = options.wallNowMs();
  const runnerId = `${options.nodeId}#${randomUUID()}`;
  const view = [runnerId];
  const none = () => () => {};
  return {
    kind: 'solo',
    nodeId: options.nodeId,
    runnerId,
    view,
    joinedLiveCluster: false,
    owns: () => true,
    ownedUnder: (other) => other.includes(runnerId),
    gone: (runnerIds) => Promise.resolve(new Set(runnerIds.filter((id) => id !== runnerId))),
    nodes: () => {
      const self: NodeRow = {
        nodeId: options.nodeId,
        runnerId,
        epoch: 1,
        startedAtMs,
        // Alive as long as it can answer: the one asking is this node.
        lastSeenMs: options.wallNowMs(),
        state: 'live',
        info: options.info,
      };
      return Promise.resolve([self]);
    },
    onViewChange: none,
    afterViewChange: none,
    settled: () => Promise.resolve(),
    refresh: () => Promise.resolve(view),
    liveNow: () => Promise.resolve(view),
    onFenced: none,
    publish: () => Promise.resolve(),
    publishMany: () => Promise.resolve(),
    subscribe: none,
    onReconnect: none,
    start: () => Promise.resolve(),
    leave: () => Promise.resolve(),
  };
}
