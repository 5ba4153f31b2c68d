/**
 * A node's view of the cluster it belongs to: who is alive, which scheduled entries are
 * its own to fire, and a channel to the other nodes. With memory or SQLite there is one
 * node (solo.ts); with PostgreSQL, nodes hold leases in the database (membership.ts).
 *
 * The notion is general on purpose: anything that must be done by exactly one live node
 * (firing an entry, keeping an ECS service) asks `owns(key)`, and anything left by a
 * process asks `gone(runnerIds)` before taking it over.
 */
import type { ClusterMessage, NodeRow } from './port.js';

export interface NodeIdentity {
  /** `--node-id`: the name a person gives the node. */
  nodeId: string;
  /** This incarnation: written on the tasks it runs, the holder of its lease. */
  runnerId: string;
}

export type ViewListener = (change: {
  view: readonly string[];
  previous: readonly string[];
}) => void | Promise<void>;

export interface Membership extends NodeIdentity {
  readonly kind: 'solo' | 'shared';
  /** The live runners as last seen, sorted (this one among them while its lease holds). */
  readonly view: readonly string[];
  /** Whether this node fires `key` under the current view. */
  owns(key: string): boolean;
  /** Whether `key` was this node's under `view` (another view than the current one). */
  ownedUnder(view: readonly string[], key: string): boolean;
  /** Whether other nodes were alive when this one joined (they fired meanwhile). */
  readonly joinedLiveCluster: boolean;
  /**
   * Which of these runners are gone for good (their lease ended, or never held one here):
   * their unfinished work may be taken over. A runner whose lease ran out but was not yet
   * swept is not gone yet.
   */
  gone(runnerIds: readonly string[]): Promise<Set<string>>;
  /** Every node the registry lists, for `/_teiki/health`. */
  nodes(): Promise<NodeRow[]>;
  /**
   * Called in order, each awaited, whenever the view changes; `afterViewChange` listeners
   * run once every `onViewChange` listener is done with that change.
   */
  onViewChange(listener: ViewListener): () => void;
  afterViewChange(listener: ViewListener): () => void;
  /** Resolves once the work of every view change seen so far is done. */
  settled(): Promise<void>;
  /** Looks at the registry now rather than at the next heartbeat; resolves with the view. */
  refresh(): Promise<readonly string[]>;
  /**
   * The live runners as the registry has them in a read that starts after the call (a
   * `refresh` may join a look begun earlier), this one among them; the view is left as is.
   */
  liveNow(): Promise<readonly string[]>;
  /** Called once if the lease is lost: others have taken over this node's work. */
  onFenced(listener: () => void): () => void;
  publish(type: string, fields: Record<string, unknown>): Promise<void>;
  /** Several messages of `type` in one go, heard in this order (see ClusterPort.publishMany). */
  publishMany(type: string, fieldsList: readonly Record<string, unknown>[]): Promise<void>;
  /**
   * Messages of `type` from other nodes; this node's own too with `ownToo` (hearing its own
   * message tells a node that it heard everything sent before it).
   */
  subscribe(
    type: string,
    listener: (message: ClusterMessage) => void,
    options?: { ownToo?: boolean },
  ): () => void;
  /** Told after the channel to the other nodes was lost and is back (messages may be lost). */
  onReconnect(listener: () => void): () => void;
  /** Begins heartbeats (after the services are ready to take over work). */
  start(): Promise<void>;
  /** Leaves the cluster: the lease ends now so others take over at once. */
  leave(): Promise<void>;
}
