/**
 * Which log groups the nodes of a cluster tail, so that a node relays to the others only
 * the appends somebody follows (node-relay.ts), and never misses one a tail should hear.
 * With no tail open anywhere, no node sends a log event to another.
 *
 * Nothing here rests on timing; it rests on two facts of the channel: every node hears the
 * messages in the order the database committed them, and one node's messages are
 * committed in the order it sent them.
 *
 * - A tail is announced (`log-tail-open`), then the live runners are read from the
 *   registry, and the tail starts only once each of them has acknowledged it (or is gone:
 *   its lease ended). A node acknowledges a tail once it relays for it, so every append
 *   stored after the start is relayed. A node that joins after that read joined after the
 *   announcement was committed, so it hears it, or finds it in a snapshot (below).
 * - A node that starts, or whose channel was lost and is back, does not know the tails
 *   announced while it was not listening: until it does, it relays every append. It says
 *   `log-tail-hello`; every node answers with its tails (`log-tails`, a snapshot that
 *   replaces what was known of that node). Once the node heard its own hello (it was
 *   listening by then, so it hears every announcement from there on), it reads the live
 *   runners, and it is informed once it holds a snapshot of each of them (or they are gone).
 *   Its tails still waiting for acknowledgements are announced again then: those sent
 *   before it listened were not heard.
 * - Closing a tail is told (`log-tail-close`); a dead node's tails are dropped once its
 *   lease ended. A close that is missed only leaves some appends relayed for nothing.
 */
import { randomUUID } from 'node:crypto';
import type { ClusterMessage } from '../../engine/cluster/port.js';
import type { Membership } from '../../engine/cluster/types.js';
import type { Logger } from '../../engine/log.js';
import { MAX_MESSAGE_BYTES } from '../../store/cluster.js';
import type { Scope } from '../../store/types.js';
import type { Tail, TailedGroups } from './append-feed.js';

const HELLO = 'log-tail-hello';
const TAILS = 'log-tails';
const OPEN = 'log-tail-open';
const ACK = 'log-tail-ack';
const CLOSE = 'log-tail-close';

/**
 * How long a node waits to hear its own hello before it says it again: a channel still
 * connecting hears nothing sent before it listens. Only how soon the node stops relaying
 * everything depends on it.
 */
const HELLO_AGAIN_MS = 500;

/**
 * How often the runners awaited (and those whose tails are known) are looked up when they
 * are out of the view: one that died before this node ever saw it live changes no view.
 */
const GONE_RECHECK_MS = 1_000;

/** One tail as the messages carry it. */
interface TailOnWire {
  id: string;
  accountId: string;
  region: string;
  logGroupNames: readonly string[];
}

/** A group of an account and region, as one string. */
const groupKey = (scope: Scope, logGroupName: string) =>
  `${scope.accountId}\u0000${scope.region}\u0000${logGroupName}`;

const keysOf = (tail: TailOnWire) => tail.logGroupNames.map((name) => groupKey(tail, name));

/** Room left in a message for the tails, after the envelope. */
const TAILS_BUDGET = MAX_MESSAGE_BYTES - 512;

/** Waits until each runner of a set has said something (or left the set). */
class Quorum {
  private readonly heard = new Set<string>();
  private waiting: Set<string> | undefined;
  private resolve: () => void = () => {};
  readonly reached = new Promise<void>((resolve) => (this.resolve = resolve));

  hear(runnerId: string): void {
    this.heard.add(runnerId);
    this.waiting?.delete(runnerId);
    this.check();
  }

  /** The runners to wait for (those heard already count). */
  expect(runnerIds: readonly string[]): void {
    this.waiting = new Set(runnerIds.filter((id) => !this.heard.has(id)));
    this.check();
  }

  /** Runners still awaited, once the set is known. */
  awaited(): readonly string[] {
    return [...(this.waiting ?? [])];
  }

  drop(runnerIds: Iterable<string>): void {
    for (const id of runnerIds) this.waiting?.delete(id);
    this.check();
  }

  /** Nobody waits any more (the tail closed before it started). */
  abandon(): void {
    this.waiting = new Set();
    this.resolve();
  }

  get isReached(): boolean {
    return this.waiting?.size === 0;
  }

  private check(): void {
    if (this.waiting?.size === 0) this.resolve();
  }
}

export class TailInterests {
  /** Other runners' tails: runner → tail id → group keys. */
  private readonly remote = new Map<string, Map<string, readonly string[]>>();
  /** How many of the other runners' tails follow each group. */
  private readonly followed = new Map<string, number>();
  /** Runner → its tails known here that the parts of its snapshot so far did not list. */
  private readonly unlisted = new Map<string, Set<string>>();
  /** This node's tails, and the acknowledgements each awaits before it starts. */
  private readonly own = new Map<string, { tail: TailOnWire; acks: Quorum }>();
  /** While this node learns the others' tails (relaying every append meanwhile). */
  private learning: { nonce: string; echoed: boolean; snapshots: Quorum } | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  private goneTimer: NodeJS.Timeout | undefined;
  private readonly unsubscribes: Array<() => void> = [];
  private informedNow: () => void = () => {};
  private informedOnce = new Promise<void>((resolve) => (this.informedNow = resolve));

  constructor(
    private readonly membership: Membership,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const m = this.membership;
    const on = (type: string, hear: (message: ClusterMessage) => void, ownToo = false) =>
      this.unsubscribes.push(m.subscribe(type, hear, { ownToo }));
    on(HELLO, (message) => this.heardHello(message), true);
    on(TAILS, (message) => this.heardSnapshot(message));
    on(OPEN, (message) => this.heardOpen(message));
    on(ACK, (message) => this.heardAck(message));
    on(CLOSE, (message) => this.forget(message.from, String(message.id)));
    this.unsubscribes.push(
      m.onViewChange(({ view }) => void this.dropGone(view)),
      // Messages were missed: learn the tails again (and ask again for acknowledgements).
      m.onReconnect(() => this.learn()),
    );
    this.goneTimer = setInterval(() => void this.dropGone(m.view), GONE_RECHECK_MS);
    this.goneTimer.unref();
    this.learn();
  }

  stop(): void {
    clearTimeout(this.helloTimer);
    clearInterval(this.goneTimer);
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  /** Whether an append to this group goes to the other nodes. */
  relays(scope: Scope, logGroupName: string): boolean {
    if (this.learning) return true;
    return this.followed.size > 0 && this.followed.has(groupKey(scope, logGroupName));
  }

  /** Resolves once this node knows every other node's tails (the first time). */
  informed(): Promise<void> {
    return this.informedOnce;
  }

  /** The other runners' tails, by runner: the group keys each tail follows. */
  tailsOfOthers(): Map<string, string[][]> {
    return new Map(
      [...this.remote].map(([runner, tails]) => [runner, [...tails.values()].map((k) => [...k])]),
    );
  }

  /** Announces a tail of this node; it is ready once every live node relays for it. */
  open(groups: TailedGroups): Tail {
    const tail: TailOnWire = {
      id: randomUUID(),
      accountId: groups.scope.accountId,
      region: groups.scope.region,
      logGroupNames: [...groups.logGroupNames],
    };
    const acks = new Quorum();
    this.own.set(tail.id, { tail, acks });
    const ready = (async () => {
      await this.membership.publish(OPEN, { ...tail });
      // Read after the announcement was committed: a runner missing here joined later,
      // and hears the announcement or finds the tail in a snapshot before it relays less.
      const live = await this.membership.liveNow();
      acks.expect(live.filter((id) => id !== this.membership.runnerId));
      await acks.reached;
    })();
    return {
      ready,
      close: () => {
        if (!this.own.delete(tail.id)) return;
        acks.abandon();
        this.send(CLOSE, { id: tail.id });
      },
    };
  }

  /** Starts (again) learning the other nodes' tails, relaying every append meanwhile. */
  private learn(): void {
    clearTimeout(this.helloTimer);
    const learning = { nonce: randomUUID(), echoed: false, snapshots: new Quorum() };
    this.learning = learning;
    this.send(HELLO, { nonce: learning.nonce });
    this.helloTimer = setTimeout(() => {
      if (this.learning === learning && !learning.echoed) this.learn();
    }, HELLO_AGAIN_MS);
    this.helloTimer.unref();
    void learning.snapshots.reached.then(() => {
      if (this.learning !== learning) return;
      this.learning = undefined;
      this.logger.debug('this node knows which log groups the other nodes tail', {
        tails: [...this.remote.values()].reduce((n, tails) => n + tails.size, 0),
      });
      this.informedNow();
    });
  }

  private heardHello(message: ClusterMessage): void {
    this.sendSnapshot();
    const learning = this.learning;
    if (message.from !== this.membership.runnerId || !learning) return;
    if (message.nonce !== learning.nonce || learning.echoed) return;
    // Listening since before the hello: every announcement from here on is heard. The
    // runners that may have announced before are among those live after it.
    learning.echoed = true;
    clearTimeout(this.helloTimer);
    // Acknowledgements sent before this node listened (it had just started, or its channel
    // was lost) were not heard: the tails still waiting ask again, heard from now on.
    for (const { tail, acks } of this.own.values()) {
      if (!acks.isReached) this.send(OPEN, { ...tail });
    }
    this.membership.liveNow().then(
      (live) => learning.snapshots.expect(live.filter((id) => id !== this.membership.runnerId)),
      (error: unknown) => {
        this.logger.warn('the live nodes could not be read; asking for their tails again', {
          error,
        });
        if (this.learning === learning) this.learn();
      },
    );
  }

  /** This node's tails, to every node: a snapshot replacing what they knew of them. */
  private sendSnapshot(): void {
    const parts: TailOnWire[][] = [[]];
    let bytes = 0;
    for (const { tail } of this.own.values()) {
      const size = Buffer.byteLength(JSON.stringify(tail)) + 1;
      const last = parts[parts.length - 1] as TailOnWire[];
      if (last.length > 0 && bytes + size > TAILS_BUDGET) {
        parts.push([tail]);
        bytes = size;
      } else {
        last.push(tail);
        bytes += size;
      }
    }
    const messages = parts.map((tails, i) => ({
      tails,
      first: i === 0,
      last: i === parts.length - 1,
    }));
    this.membership
      .publishMany(TAILS, messages)
      .catch((error: unknown) => this.logger.warn('this node could not tell its tails', { error }));
  }

  private heardSnapshot(message: ClusterMessage): void {
    const { tails, first, last } = message as unknown as {
      tails: TailOnWire[];
      first: boolean;
      last: boolean;
    };
    // A snapshot replaces what was known of its runner: the tails it does not list (in any
    // of its parts) were closed.
    if (first) this.unlisted.set(message.from, new Set(this.remote.get(message.from)?.keys()));
    const unlisted = this.unlisted.get(message.from);
    for (const tail of tails) {
      unlisted?.delete(tail.id);
      if (this.remember(message.from, tail)) this.acknowledge(message.from, tail.id);
    }
    if (!last) return;
    this.unlisted.delete(message.from);
    for (const id of unlisted ?? []) this.forget(message.from, id);
    this.learning?.snapshots.hear(message.from);
  }

  private heardOpen(message: ClusterMessage): void {
    const tail = message as unknown as TailOnWire;
    this.remember(message.from, tail);
    // Every time, even for a tail known already: the owner may have lost the first one.
    this.acknowledge(message.from, tail.id);
  }

  private heardAck(message: ClusterMessage): void {
    if (message.to !== this.membership.runnerId) return;
    this.own.get(String(message.id))?.acks.hear(message.from);
  }

  private acknowledge(owner: string, id: string): void {
    this.send(ACK, { id, to: owner });
  }

  /** Records a tail of `runner`; whether it was new. */
  private remember(runner: string, tail: TailOnWire): boolean {
    let tails = this.remote.get(runner);
    if (!tails) this.remote.set(runner, (tails = new Map<string, readonly string[]>()));
    if (tails.has(tail.id)) return false;
    const keys = keysOf(tail);
    tails.set(tail.id, keys);
    for (const key of keys) this.followed.set(key, (this.followed.get(key) ?? 0) + 1);
    return true;
  }

  private forget(runner: string, id: string): void {
    const tails = this.remote.get(runner);
    const keys = tails?.get(id);
    if (!tails || !keys) return;
    tails.delete(id);
    if (tails.size === 0) this.remote.delete(runner);
    for (const key of keys) {
      const left = (this.followed.get(key) ?? 1) - 1;
      if (left > 0) this.followed.set(key, left);
      else this.followed.delete(key);
    }
  }

  /**
   * After a change of the live nodes: the runners out of the view whose lease ended are
   * dead, their tails end and nobody waits for them any more. One out of the view with a
   * lease still held has only joined since this node last looked.
   */
  private async dropGone(view: readonly string[]): Promise<void> {
    const waiting = [
      ...this.remote.keys(),
      ...(this.learning?.snapshots.awaited() ?? []),
      ...[...this.own.values()].flatMap(({ acks }) => acks.awaited()),
    ];
    const unseen = [...new Set(waiting)].filter((id) => !view.includes(id));
    if (unseen.length === 0) return;
    let gone: Set<string>;
    try {
      gone = await this.membership.gone(unseen);
    } catch (error) {
      this.logger.warn('which nodes are gone could not be read', { error });
      return;
    }
    for (const runner of gone) {
      for (const id of [...(this.remote.get(runner)?.keys() ?? [])]) this.forget(runner, id);
    }
    this.learning?.snapshots.drop(gone);
    for (const { acks } of this.own.values()) acks.drop(gone);
  }

  private send(type: string, fields: Record<string, unknown>): void {
    this.membership
      .publish(type, fields)
      .catch((error: unknown) =>
        this.logger.warn('a message about log tails could not be sent', { type, error }),
      );
  }
}
