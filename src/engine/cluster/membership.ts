/**
 * A node of a cluster sharing one PostgreSQL store: it joins the registry with a lease,
 * renews it every heartbeat, sweeps the leases that ran out, and keeps the view of the
 * live runners from which ownership of scheduled entries follows (ownership.ts).
 *
 * A dead node is seen within `leaseMs + heartbeatMs` of its last heartbeat: its lease runs
 * out, the next sweep by any node ends it, and every node's next look finds the view
 * changed. Heartbeats run on wall-clock timers, not the teiki clock: a lease is about the
 * process being alive, and a virtual clock standing still must not stop it.
 */
import type { ClusterMessage, ClusterPort, LeaseTiming } from './port.js';
import type { Logger } from '../log.js';
import { ownerOf } from './ownership.js';
import type { Membership, ViewListener } from './types.js';

/** Renewed every second, held for three: a dead node's work moves within about four. */
export const DEFAULT_LEASE_TIMING: LeaseTiming = { leaseMs: 3_000, heartbeatMs: 1_000 };

export async function joinSharedCluster(options: {
  port: ClusterPort;
  nodeId: string;
  info: Record<string, unknown>;
  logger: Logger;
  timing?: LeaseTiming;
}): Promise<Membership> {
  const { port, logger } = options;
  const timing = options.timing ?? DEFAULT_LEASE_TIMING;
  const before = await port.sweep();
  const self = await port.join(options.nodeId, options.info, timing);
  const runnerId = self.runnerId;
  let view: readonly string[] = [...new Set([...before, runnerId])].sort();
  const owned = new Map<string, boolean>();
  const viewListeners = new Set<ViewListener>();
  const afterListeners = new Set<ViewListener>();
  const fencedListeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();
  /** Listeners by message type; `ownToo` ones hear this node's own messages as well. */
  const typed = new Map<string, Set<{ listener: (m: ClusterMessage) => void; ownToo: boolean }>>();
  let viewWork: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let fenced = false;
  let stopped = false;
  let looking: Promise<readonly string[]> | undefined;

  const unsubscribe = port.subscribe(
    (message) => {
      const own = message.from === runnerId;
      for (const { listener, ownToo } of [...(typed.get(message.type) ?? [])]) {
        if (!own || ownToo) listener(message);
      }
    },
    () => {
      for (const listener of [...reconnectListeners]) listener();
    },
  );

  const setView = (next: readonly string[]) => {
    const previous = view;
    if (previous.join(',') === next.join(',')) return;
    view = next;
    owned.clear();
    logger.info('the live nodes changed', { live: next, before: previous });
    const change = { view: next, previous };
    viewWork = viewWork.then(async () => {
      for (const listeners of [viewListeners, afterListeners]) {
        for (const listener of [...listeners]) {
          try {
            await listener(change);
          } catch (error) {
            logger.error('taking a change of live nodes into account failed', { error });
          }
        }
      }
    });
  };

  const becomeFenced = () => {
    if (fenced) return;
    fenced = true;
    setView([]);
    logger.error('this node lost its lease: other nodes have taken over its work', {
      runnerId,
    });
    for (const listener of [...fencedListeners]) listener();
  };

  /** One heartbeat: renew, sweep, look at who is alive. */
  const look = (): Promise<readonly string[]> =>
    (looking ??= (async () => {
      try {
        if (!fenced && !(await port.renew(runnerId, timing))) becomeFenced();
        if (fenced) return view;
        const live = await port.sweep();
        if (!live.includes(runnerId)) becomeFenced();
        else setView(live);
      } catch (error) {
        // The database is out of reach: the lease runs out unless it comes back in time,
        // and the fence check in each claim keeps this node from acting on a stale view.
        logger.warn('a heartbeat could not reach the database', { error });
      } finally {
        looking = undefined;
      }
      return view;
    })());

  const beat = () => {
    if (stopped || fenced) return;
    void look().finally(() => {
      if (!stopped && !fenced) timer = setTimeout(beat, timing.heartbeatMs);
    });
  };

  const listen = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };

  return {
    kind: 'shared',
    nodeId: options.nodeId,
    runnerId,
    get view() {
      return view;
    },
    joinedLiveCluster: before.length > 0,
    owns(key) {
      let mine = owned.get(key);
      if (mine === undefined) {
        mine = ownerOf(view, key) === runnerId;
        owned.set(key, mine);
      }
      return mine;
    },
    ownedUnder: (other, key) => ownerOf(other, key) === runnerId,
    async gone(runnerIds) {
      const unended = await port.unended(runnerIds);
      return new Set(runnerIds.filter((id) => !unended.has(id)));
    },
    nodes: () => port.nodes(),
    onViewChange: (listener) => listen(viewListeners, listener),
    afterViewChange: (listener) => listen(afterListeners, listener),
    settled: async () => {
      for (let work = viewWork; ; work = viewWork) {
        await work;
        if (work === viewWork) return;
      }
    },
    refresh: () => look(),
    liveNow: () => port.sweep(),
    onFenced: (listener) => listen(fencedListeners, listener),
    publish: (type, fields) => port.publish({ ...fields, type, from: runnerId }),
    publishMany: (type, fieldsList) =>
      port.publishMany(fieldsList.map((fields) => ({ ...fields, type, from: runnerId }))),
    subscribe(type, listener, options) {
      let set = typed.get(type);
      if (!set) typed.set(type, (set = new Set()));
      return listen(set, { listener, ownToo: options?.ownToo === true });
    },
    onReconnect: (listener) => listen(reconnectListeners, listener),
    start() {
      timer = setTimeout(beat, timing.heartbeatMs);
      return Promise.resolve();
    },
    async leave() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      await looking?.catch(() => {});
      if (!fenced) await port.leave(runnerId).catch(() => {});
    },
  };
}
