/**
 * What several teiki processes sharing one store need of it beyond records: a registry of
 * nodes held by leases, a channel of messages between them, and one virtual clock. Only a
 * store several processes can share has it (postgres); memory and SQLite have one node.
 *
 * Leases are measured on the database's clock, never a node's, so nodes on machines whose
 * clocks disagree still agree on who is alive. A node is one process incarnation: its
 * `runnerId` is new at every start (the node id and an epoch from a sequence), so a node
 * restarted under the same `--node-id` never inherits the claims of the one before.
 */

/** One incarnation of a node, as the registry has it. */
export interface NodeRow {
  nodeId: string;
  /** Unique per start: `NODE_ID#EPOCH`. Tasks carry it; leases are held under it. */
  runnerId: string;
  /** Increases with every start across the whole cluster: the fencing token. */
  epoch: number;
  startedAtMs: number;
  /** The last heartbeat, on the database's clock. */
  lastSeenMs: number;
  /** `live` while its lease holds; `dead` once it ran out; `left` after a graceful stop. */
  state: 'live' | 'dead' | 'left';
  /** What the node said of itself when it joined (version, runtime, pid, host). */
  info: Record<string, unknown>;
}

/** The largest message the channel carries (PostgreSQL's NOTIFY refuses 8000 bytes). */
export const MAX_MESSAGE_BYTES = 7900;

/** How long a lease holds and how often it is renewed. */
export interface LeaseTiming {
  leaseMs: number;
  heartbeatMs: number;
}

/** The shared virtual clock's row: where it reads, and the move under way if any. */
export interface SharedClockRow {
  nowMs: number;
  moveId: number;
  /** The target of the move under way (undefined when none). */
  toMs?: number;
  /** The runner making that move. */
  mover?: string;
}

/** What a node reports after finishing a clock move and any takeover it owed. */
export interface ClockAck {
  runnerId: string;
  moveId: number;
  /** The live set the node fired its share for (sorted runner ids, comma-joined). */
  view: string;
}

/** A message between nodes; `from` is the sending runner. */
export interface ClusterMessage {
  type: string;
  from: string;
  [field: string]: unknown;
}

export interface ClusterPort {
  /** Registers a new incarnation of `nodeId` holding a lease of `timing.leaseMs`. */
  join(nodeId: string, info: Record<string, unknown>, timing: LeaseTiming): Promise<NodeRow>;
  /** Renews the lease; `false` when it had run out or was ended (the node is fenced). */
  renew(runnerId: string, timing: LeaseTiming): Promise<boolean>;
  /**
   * Ends every lease that ran out (in the store's transaction order, so a fenced claim and
   * this never interleave) and returns the live runners, sorted.
   */
  sweep(): Promise<string[]>;
  /** Which of these runners have a lease that was not ended (live, or ran out unswept). */
  unended(runnerIds: readonly string[]): Promise<Set<string>>;
  /** Every incarnation still listed (the latest of each node, dead ones for a while). */
  nodes(): Promise<NodeRow[]>;
  /** A graceful stop: the lease ends now, so others take over without waiting for it. */
  leave(runnerId: string): Promise<void>;

  /** Sends to every node (the sender hears its own message too; `from` tells). */
  publish(message: ClusterMessage): Promise<void>;
  /**
   * Sends several messages at once (one round trip), heard in this order. Two identical
   * messages in one call may be heard once (PostgreSQL folds repeated notifications of a
   * transaction): send only messages that differ.
   */
  publishMany(messages: readonly ClusterMessage[]): Promise<void>;
  /**
   * Hears messages in the order the database committed them. `onReconnect` is told after
   * the channel was lost and is listening again: messages in between may have been missed.
   */
  subscribe(listener: (message: ClusterMessage) => void, onReconnect?: () => void): () => void;

  clock: {
    /** The shared clock's row, created at `startMs` when there is none. */
    read(startMs: number): Promise<SharedClockRow>;
    /**
     * Starts a move to `toMs` unless one is under way by a live runner; undefined when one
     * is (its row returned through `busy`).
     */
    begin(runnerId: string, toMs: number): Promise<SharedClockRow | { busy: SharedClockRow }>;
    /** The move is done: the clock reads `toMs`. */
    finish(moveId: number, toMs: number): Promise<void>;
    ack(ack: ClockAck): Promise<void>;
    acks(): Promise<ClockAck[]>;
  };
  close(): Promise<void>;
}

/**
 * A transaction on behalf of a runner whose lease has ended: it did nothing. The node was
 * declared dead (it stalled or lost the database longer than its lease) and others have
 * taken over its work; it must not act on what it believed it owned.
 */
export class FencedError extends Error {
  override readonly name = 'FencedError';
  constructor(readonly runnerId: string) {
    super(`node ${runnerId} no longer holds its lease; another node has taken over its work`);
  }
}

export interface TransactionOptions {
  /** Commit only while this runner's lease holds (a store without leases ignores it). */
  fence?: string;
}
