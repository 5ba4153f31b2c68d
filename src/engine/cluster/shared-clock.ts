/**
 * One virtual clock for every node of a store. Each node keeps a local virtual clock (the
 * one its scheduler sleeps on); a move asked of any node is made on all of them:
 *
 * 1. the mover starts the move in the database (one move at a time, cluster-wide), and
 *    tells every node through the channel;
 * 2. each node moves its local clock to the target, firing its own share of the entries
 *    on the way, and acknowledges the move together with the live set it fired for;
 * 3. the mover waits until every live node has acknowledged the move for the live set
 *    the mover sees now, then records the clock's new reading.
 *
 * A node that dies meanwhile drops out of the live set once its lease runs out; the others
 * take its entries over (firing what it left, up to the target) and acknowledge again for
 * the new live set. So when a move returns, every instant up to its target was claimed
 * and recorded, whichever nodes lived through it.
 */
import type { ClusterPort, SharedClockRow } from './port.js';
import { ClockMoveConflict } from '../clock/conflict.js';
import type { VirtualClock } from '../clock/types.js';
import type { Logger } from '../log.js';
import type { Membership } from './types.js';

/** How often a mover looks again when no acknowledgement arrives (a node may have died). */
const ACK_RECHECK_MS = 200;

export interface SharedVirtualClock extends VirtualClock {
  /** Joins a move under way, and acknowledges the clock as it reads (after the services start). */
  start(): Promise<void>;
  close(): void;
}

export function createSharedVirtualClock(options: {
  local: VirtualClock;
  /** The clock's row as read when the local clock was made at its reading. */
  row: SharedClockRow;
  port: ClusterPort['clock'];
  membership: Membership;
  logger: Logger;
}): SharedVirtualClock {
  const { local, port, membership, logger } = options;
  let applied = options.row.toMs === undefined ? options.row.moveId : options.row.moveId - 1;
  let applying: Promise<void> = Promise.resolve();
  let pending: { toMs: number } | undefined;
  const ackWaiters = new Set<() => void>();

  const ack = async () => {
    await port.ack({
      runnerId: membership.runnerId,
      moveId: applied,
      view: membership.view.join(','),
    });
    await membership.publish('clock-ack', { moveId: applied });
  };

  /** Moves the local clock for move `moveId` (once, in order), then acknowledges it. */
  const apply = (moveId: number, toMs: number): Promise<void> => {
    const run = applying.then(async () => {
      if (moveId <= applied) return;
      await local.set(toMs);
      applied = moveId;
      // A takeover under way fires up to the new reading before the acknowledgement.
      await membership.settled();
      await ack();
    });
    applying = run.catch((error: unknown) =>
      logger.error('following a move of the shared clock failed', { error }),
    );
    return run;
  };

  /** Re-reads the row: a move missed while the channel was down is made now. */
  const catchUp = async () => {
    const row = await port.read(local.nowMs());
    if (row.toMs !== undefined) await apply(row.moveId, row.toMs);
    else if (row.moveId > applied) await apply(row.moveId, row.nowMs);
  };

  const unsubscribers = [
    membership.subscribe('clock-move', (message) => {
      const { moveId, toMs } = message as unknown as { moveId: number; toMs: number };
      void apply(moveId, toMs).catch(() => {});
    }),
    membership.subscribe('clock-ack', () => {
      for (const wake of [...ackWaiters]) wake();
    }),
    membership.onReconnect(() => void catchUp().catch(() => {})),
    // After a takeover the node has fired its new share up to its reading: say so.
    membership.afterViewChange(() => ack()),
  ];

  const acknowledgedByAll = async (moveId: number): Promise<boolean> => {
    const live = await membership.refresh();
    const key = live.join(',');
    const acks = new Map((await port.acks()).map((a) => [a.runnerId, a]));
    return live.every((runnerId) => {
      const a = acks.get(runnerId);
      return a !== undefined && a.moveId >= moveId && a.view === key;
    });
  };

  const nextAck = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        ackWaiters.delete(wake);
        resolve();
      };
      // Wall-clock pacing of a wait on other processes, not schedule logic.
      const timer = setTimeout(wake, ACK_RECHECK_MS);
      ackWaiters.add(wake);
    });

  const move = async (toMs: number): Promise<void> => {
    const busy = pending ?? local.moving();
    if (busy) throw new ClockMoveConflict(busy.toMs);
    const mine = { toMs };
    pending = mine;
    try {
      const begun = await port.begin(membership.runnerId, toMs);
      if ('busy' in begun) throw new ClockMoveConflict(begun.busy.toMs ?? toMs);
      await membership.publish('clock-move', { moveId: begun.moveId, toMs });
      await apply(begun.moveId, toMs);
      while (!(await acknowledgedByAll(begun.moveId))) await nextAck();
      await port.finish(begun.moveId, toMs);
    } finally {
      if (pending === mine) pending = undefined;
    }
  };

  return {
    mode: 'virtual',
    nowMs: () => local.nowMs(),
    now: () => local.now(),
    sleepUntil: (atMs, signal) => local.sleepUntil(atMs, signal),
    onJump: (listener) => local.onJump(listener),
    onMove: (listener) => local.onMove(listener),
    moving: () => pending ?? local.moving(),
    advance: (ms) => move(local.nowMs() + ms),
    set: (atMs) => move(atMs),
    async start() {
      if (options.row.toMs !== undefined) await apply(options.row.moveId, options.row.toMs);
      else await ack();
    },
    close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
