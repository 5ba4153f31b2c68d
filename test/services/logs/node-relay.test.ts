/**
 * The cross-node log relay on PostgreSQL: nodes (each a store, a membership and a relay,
 * as teiki wires them) relay appends only to a group some other node tails, and only while
 * it does. What each node sends is counted at its cluster port; what a test waits for is
 * an event heard or a state reached, never a delay. A "marker" tail opened after the fact
 * proves that nothing else was sent before: one node's messages go out in order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinSharedCluster } from '../../../src/engine/cluster/membership.js';
import type { Membership } from '../../../src/engine/cluster/types.js';
import type { ClusterMessage, ClusterPort, LeaseTiming } from '../../../src/store/cluster.js';
import { openPostgresStore } from '../../../src/store/postgres/index.js';
import type { Scope, Store } from '../../../src/store/types.js';
import { logAppendFeed, type Tail } from '../../../src/services/logs/append-feed.js';
import {
  relayLogAppendsAcrossNodes,
  type LogRelay,
} from '../../../src/services/logs/node-relay.js';
import type { TailInterests } from '../../../src/services/logs/tail-interests.js';
import { recordingLogger, type LogEntry } from '../../helpers/logger.js';
import { createTestSchema, type TestSchema } from '../../helpers/postgres.js';

const A: Scope = { accountId: '000000000000', region: 'us-east-1' };
const LONG: LeaseTiming = { leaseMs: 60_000, heartbeatMs: 1_000 };
/** For nodes that die in a test: others see them gone within a few seconds. */
const SHORT: LeaseTiming = { leaseMs: 2_000, heartbeatMs: 250 };
const T0 = Date.parse('2026-03-01T00:00:00Z');

interface TestNode {
  store: Store;
  membership: Membership;
  relay: LogRelay;
  /** Every message this node's port was asked to send, in order. */
  sent: ClusterMessage[];
  dead: boolean;
}

let schema: TestSchema;
const nodes: TestNode[] = [];
const log: LogEntry[] = [];

beforeEach(async () => {
  schema = await createTestSchema();
});
afterEach(async () => {
  for (const node of nodes.splice(0)) {
    node.relay.stop();
    await node.membership.leave();
    if (!node.dead) await node.store.close();
  }
  await schema.drop();
});

/** `hearing.deaf`: the node hears no message, as before its channel listens. */
async function startNode(
  nodeId: string,
  timing = LONG,
  hearing = { deaf: false },
): Promise<TestNode> {
  const store = await openPostgresStore({ url: schema.url });
  const port = store.cluster as ClusterPort;
  const subscribe = port.subscribe.bind(port);
  port.subscribe = (listener, onReconnect) =>
    subscribe((message) => {
      if (!hearing.deaf) listener(message);
    }, onReconnect);
  const sent: ClusterMessage[] = [];
  const publish = port.publish.bind(port);
  const publishMany = port.publishMany.bind(port);
  port.publish = (message) => {
    sent.push(message);
    return publish(message);
  };
  port.publishMany = (messages) => {
    sent.push(...messages);
    return publishMany(messages);
  };
  const logger = recordingLogger(log);
  const membership = await joinSharedCluster({ port, nodeId, info: {}, logger, timing });
  const relay = relayLogAppendsAcrossNodes({ logEvents: store.logEvents, membership, logger });
  await membership.start();
  const node = { store, membership, relay, sent, dead: false };
  nodes.push(node);
  return node;
}

/** Ends a node as a crash would: no goodbye, its lease left to run out. */
async function kill(node: TestNode): Promise<void> {
  node.dead = true;
  node.relay.stop();
  await node.store.close();
}

/** Stores events in a stream and tells the node's feed, as PutLogEvents does. */
async function append(node: TestNode, group: string, stream: string, messages: string[]) {
  const stored = await node.store.logEvents.append(
    A,
    group,
    stream,
    messages.map((message, i) => ({ timestamp: T0 + i, message })),
    T0,
  );
  logAppendFeed(node.store.logEvents).publish({
    scope: A,
    logGroupName: group,
    logStreamName: stream,
    events: stored,
  });
}

/** A tail of `groups` on `node`, and the messages it heard by group. */
function tail(node: TestNode, ...groups: string[]) {
  const heard = new Map<string, string[]>(groups.map((g) => [g, []]));
  const opened: Tail = logAppendFeed(node.store.logEvents).tail(
    { scope: A, logGroupNames: groups },
    (appended) => {
      heard.get(appended.logGroupName)?.push(...appended.events.map((e) => e.message));
    },
  );
  return {
    ...opened,
    heard: (group: string) => heard.get(group) ?? [],
    /** Resolves once `group` heard `count` events. */
    hears: (group: string, count: number) =>
      until(() => ((heard.get(group)?.length ?? 0) >= count ? true : undefined)),
  };
}

async function until<T>(look: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await look();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The groups of the appends a node relayed, in order, one entry per append. */
function relayedGroups(node: TestNode): string[] {
  return node.sent
    .filter((m) => m.type === 'log-events')
    .flatMap((m) => (m.appends as Array<{ logGroupName: string }>).map((a) => a.logGroupName));
}

/**
 * The groups `from` relayed since its `since`th relayed append, up to a marker: a tail
 * opened now on `tailer` hears `from`'s next append, and whatever `from` relayed before
 * was sent before it.
 */
async function relayedUpToAMarker(from: TestNode, tailer: TestNode, since: number) {
  const marker = tail(tailer, '/marker');
  await marker.ready;
  await append(from, '/marker', 's', ['mark']);
  await marker.hears('/marker', 1);
  marker.close();
  return relayedGroups(from).slice(since);
}

const informed = (...of: TestNode[]) =>
  Promise.all(of.map((node) => (node.relay.interests as TailInterests).informed()));

const messages = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i}`);

describe('the log relay across nodes', () => {
  it('sends no log event to another node while no node tails its group', async () => {
    const a = await startNode('a');
    const b = await startNode('b');
    await informed(a, b);
    for (let i = 0; i < 20; i++) {
      await append(a, '/untailed', 'from-a', messages(`a${i}`, 5));
      await append(b, '/untailed', 'from-b', messages(`b${i}`, 5));
    }
    // Marker: a tail opened afterwards on b hears a's next append; anything a relayed
    // before it was sent before it.
    expect(await relayedUpToAMarker(a, b, 0)).toEqual(['/marker']);
    expect(relayedGroups(b)).toEqual([]);
  });

  it('a tail on another node hears every event stored after it started, under a burst', async () => {
    const a = await startNode('a');
    const b = await startNode('b');
    const watcher = tail(b, '/burst', '/big');
    await watcher.ready;
    // Many appends at once, and one too large for a message (relayed as its position).
    const burst = Array.from({ length: 100 }, (_, i) => messages(`burst ${i}`, 30));
    const big = messages('x'.repeat(200), 200);
    await Promise.all([
      ...burst.map((batch, i) => append(a, '/burst', `s${i % 7}`, batch)),
      append(a, '/big', 'big', big),
    ]);
    await watcher.hears('/burst', 3_000);
    await watcher.hears('/big', 200);
    expect([...watcher.heard('/burst')].sort()).toEqual(burst.flat().sort());
    expect(watcher.heard('/big')).toEqual(big);
    // A node that joins now relays its appends at once, before it learnt who tails what.
    const c = await startNode('c');
    await append(c, '/burst', 'from-c', ['first from c']);
    await watcher.hears('/burst', 3_001);
    expect(watcher.heard('/burst').at(-1)).toBe('first from c');
    watcher.close();
  });

  it('a tail starts only once every live node relays for it, a newcomer included', async () => {
    const a = await startNode('a');
    const b = await startNode('b');
    await informed(a, b);
    // The tail is announced while c is starting: c is in the registry once b reads the
    // live nodes, or it joined after the announcement and finds the tail when it asks.
    const starting = startNode('c');
    const watcher = tail(b, '/late');
    const c = await starting;
    await watcher.ready;
    await append(c, '/late', 's', ['from c']);
    await append(a, '/late', 's', ['from a']);
    await watcher.hears('/late', 2);
    expect([...watcher.heard('/late')].sort()).toEqual(['from a', 'from c']);
    watcher.close();
  });

  it('a tail opened before its node listens starts once it hears the acknowledgements', async () => {
    const a = await startNode('a');
    await informed(a);
    const hearing = { deaf: true };
    const b = await startNode('b', LONG, hearing);
    const watcher = tail(b, '/deaf');
    // a acknowledges the tail while b hears nothing.
    await until(() => (a.sent.some((m) => m.type === 'log-tail-ack') ? true : undefined));
    hearing.deaf = false;
    await watcher.ready;
    await append(a, '/deaf', 's', ['heard']);
    await watcher.hears('/deaf', 1);
    expect(watcher.heard('/deaf')).toEqual(['heard']);
    watcher.close();
  });

  it('the interest ends when the tail closes', async () => {
    const a = await startNode('a');
    const b = await startNode('b');
    await informed(a, b);
    const watcher = tail(b, '/closing');
    await watcher.ready;
    await append(a, '/closing', 's', ['while open']);
    await watcher.hears('/closing', 1);
    watcher.close();
    await until(() => (a.relay.interests?.tailsOfOthers().size === 0 ? true : undefined));
    const sentBefore = relayedGroups(a).length;
    await append(a, '/closing', 's', ['after close']);
    // The marker is announced after the close, so a knows of the close when it relays.
    expect(await relayedUpToAMarker(a, b, sentBefore)).toEqual(['/marker']);
    expect(watcher.heard('/closing')).toEqual(['while open']);
  });

  it("the interest ends when the tailing node dies, and a dead node's acknowledgement is not awaited", async () => {
    const a = await startNode('a', SHORT);
    const b = await startNode('b', SHORT);
    const c = await startNode('c', SHORT);
    await informed(a, b, c);
    const doomed = tail(b, '/orphan');
    await doomed.ready;
    expect([...(a.relay.interests?.tailsOfOthers().keys() ?? [])]).toEqual([b.membership.runnerId]);
    await kill(b);
    // a drops b's tail once b's lease has ended.
    await until(() => (a.relay.interests?.tailsOfOthers().size === 0 ? true : undefined));
    const sentBefore = relayedGroups(a).length;
    await append(a, '/orphan', 's', ['nobody listens']);
    // c's tail waits for a's acknowledgement only (b is gone), then hears a's next append.
    expect(await relayedUpToAMarker(a, c, sentBefore)).toEqual(['/marker']);
  });

  it('a tail opened while a dead node still holds its lease starts once the lease ended', async () => {
    const a = await startNode('a', SHORT);
    const b = await startNode('b', SHORT);
    await informed(a, b);
    await kill(b);
    // b is still live in the registry: the tail waits for it until its lease ends.
    const watcher = tail(a, '/after-death');
    await watcher.ready;
    expect(await a.membership.liveNow()).toEqual([a.membership.runnerId]);
    watcher.close();
  });
});
