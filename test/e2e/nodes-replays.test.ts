/**
 * Several nodes on one PostgreSQL, shared virtual clock: an EventBridge replay is run by
 * one node; when that node dies before the replay ran, another takes it over and replays
 * the window once.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/nodes.js';
import { clientConfig as config } from '../soak/world.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const BUS = 'orders';
const GROUP = '/replays/orders';
const START = '2026-07-01T00:00:00Z';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(look: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await look();
    if (found !== undefined) return found;
    await sleep(200);
  }
}

async function clockMs(c: TestCluster, via: string): Promise<number> {
  const res = await fetch(`${c.url(via)}/_teiki/clock`);
  return Date.parse(((await res.json()) as { now: string }).now);
}

describe('several nodes, EventBridge replays', () => {
  it(
    'a replay whose node died before it ran is replayed once by another node',
    { timeout: 180_000 },
    async () => {
      cluster = await TestCluster.of(
        ['n1', 'n2'],
        ['--log-level', 'error', '--clock', 'virtual', '--clock-start', START],
      );
      const events1 = new EventBridgeClient(config(cluster.url('n1')));
      const logs2 = new CloudWatchLogsClient(config(cluster.url('n2')));
      await logs2.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
      await events1.send(new CreateEventBusCommand({ Name: BUS }));
      const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${BUS}`;
      const archive = await events1.send(
        new CreateArchiveCommand({ ArchiveName: 'all-orders', EventSourceArn: busArn }),
      );
      await events1.send(
        new PutRuleCommand({
          Name: 'to-logs',
          EventBusName: BUS,
          EventPattern: JSON.stringify({ source: ['app.orders'] }),
        }),
      );
      await events1.send(
        new PutTargetsCommand({
          Rule: 'to-logs',
          EventBusName: BUS,
          Targets: [{ Id: 'logs', Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}` }],
        }),
      );
      const windowStart = await clockMs(cluster, 'n1');
      const orders = [1, 2, 3, 4, 5];
      await events1.send(
        new PutEventsCommand({
          Entries: orders.map((order) => ({
            EventBusName: BUS,
            Source: 'app.orders',
            DetailType: 'Order Placed',
            Detail: JSON.stringify({ order }),
          })),
        }),
      );
      const logged = async () =>
        ((await logs2.send(new FilterLogEventsCommand({ logGroupName: GROUP }))).events ?? []).map(
          (e) => JSON.parse(e.message ?? '{}') as Record<string, unknown>,
        );
      await until(async () => ((await logged()).length === orders.length ? true : undefined));
      expect((await cluster.moveClock('n1', { advanceSeconds: 60 })).status).toBe(200);

      // Started through n1, which dies while the replay waits for the clock to start it.
      const started = await events1.send(
        new StartReplayCommand({
          ReplayName: 'again',
          EventSourceArn: archive.ArchiveArn,
          EventStartTime: new Date(windowStart - 1000),
          EventEndTime: new Date(await clockMs(cluster, 'n1')),
          Destination: { Arn: busArn },
        }),
      );
      expect(started.State).toBe('STARTING');
      await cluster.kill('n1');
      await cluster.waitForLive('n2', ['n2']);

      expect((await cluster.moveClock('n2', { advanceSeconds: 2 })).status).toBe(200);
      const events2 = new EventBridgeClient(config(cluster.url('n2')));
      await until(async () => {
        const out = await events2.send(new DescribeReplayCommand({ ReplayName: 'again' }));
        return out.State === 'COMPLETED' ? out : undefined;
      });
      const replayed = await until(async () => {
        const again = (await logged()).filter((e) => e['replay-name'] === 'again');
        return again.length >= orders.length ? again : undefined;
      });
      expect(replayed.map((e) => (e.detail as { order: number }).order).sort()).toEqual(orders);
    },
  );
});
