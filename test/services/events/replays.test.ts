/**
 * Replays through the SDK: archived events re-delivered to a CloudWatch Logs target with
 * `replay-name`, to every rule or only to FilterArns, never archived again; every
 * operation and error; states and timings on the virtual clock.
 */
import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  ListReplaysCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../helpers/http-server.js';
import { startTestTeiki, virtualClockArgs, type TestTeiki } from '../../helpers/teiki.js';
import { advanceClock } from '../../triggers/targets/invocations.js';
import {
  ACCOUNT,
  REGION,
  busArnOf,
  eventsClient,
  expectEventsError,
  ruleArnOf,
  uniqueName,
} from './helpers.js';

const START = Date.parse('2026-07-01T00:00:00Z');
let teiki: TestTeiki;
let events: EventBridgeClient;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(new Date(START).toISOString()));
  events = eventsClient(teiki);
  logs = new CloudWatchLogsClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

interface Setup {
  bus: string;
  archiveArn: string;
  archiveName: string;
  rules: Array<{ name: string; group: string }>;
  source: string;
}

/** A bus with an archive and two rules, each writing what it gets to its own log group. */
async function setup(): Promise<Setup> {
  const bus = uniqueName('bus');
  const source = `app.${bus}`;
  await events.send(new CreateEventBusCommand({ Name: bus }));
  const archiveName = uniqueName('archive');
  const archive = await events.send(
    new CreateArchiveCommand({
      ArchiveName: archiveName,
      EventSourceArn: busArnOf(bus),
      EventPattern: JSON.stringify({ source: [source] }),
    }),
  );
  const rules = [];
  for (const label of ['one', 'two']) {
    const name = uniqueName(`rule-${label}`);
    const group = `/replays/${name}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await events.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: bus,
        EventPattern: JSON.stringify({ source: [source] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: name,
        EventBusName: bus,
        Targets: [{ Id: 'logs', Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}` }],
      }),
    );
    rules.push({ name, group });
  }
  return { bus, archiveArn: archive.ArchiveArn!, archiveName, rules, source };
}

async function put(s: Setup, orders: number[]) {
  await events.send(
    new PutEventsCommand({
      Entries: orders.map((order) => ({
        EventBusName: s.bus,
        Source: s.source,
        DetailType: 'Order Placed',
        Detail: JSON.stringify({ order }),
      })),
    }),
  );
}

async function logged(group: string): Promise<Array<Record<string, unknown>>> {
  const out = await logs.send(new FilterLogEventsCommand({ logGroupName: group }));
  return (out.events ?? []).map((e) => JSON.parse(e.message ?? '{}') as Record<string, unknown>);
}

async function nowMs(): Promise<number> {
  const res = await fetch(`${teiki.url}/_teiki/clock`);
  return Date.parse(((await res.json()) as { now: string }).now);
}

function replayed(entries: Array<Record<string, unknown>>) {
  return entries.filter((entry) => entry['replay-name'] !== undefined);
}

describe('StartReplay', () => {
  it('re-delivers the archived window to the Logs target with replay-name, and archives nothing again', async () => {
    const s = await setup();
    const windowStart = await nowMs();
    await put(s, [1, 2, 3]);
    await until(
      () => logged(s.rules[0]!.group),
      (entries) => entries.length === 3,
    );
    await advanceClock(teiki, 60);
    const before = await events.send(new DescribeArchiveCommand({ ArchiveName: s.archiveName }));
    expect(before.EventCount).toBe(3);

    const name = uniqueName('replay');
    const started = await events.send(
      new StartReplayCommand({
        ReplayName: name,
        Description: 'description of the replay',
        EventSourceArn: s.archiveArn,
        EventStartTime: new Date(windowStart - 1000),
        EventEndTime: new Date(await nowMs()),
        Destination: { Arn: busArnOf(s.bus) },
      }),
    );
    expect(started).toMatchObject({
      ReplayArn: `arn:aws:events:${REGION}:${ACCOUNT}:replay/${name}`,
      State: 'STARTING',
    });
    expect(started.ReplayStartTime?.getTime()).toBe(await nowMs());
    await advanceClock(teiki, 1);
    const done = await until(
      () => events.send(new DescribeReplayCommand({ ReplayName: name })),
      (out) => out.State === 'COMPLETED',
    );
    expect(done).toMatchObject({
      ReplayName: name,
      Description: 'description of the replay',
      EventSourceArn: s.archiveArn,
      Destination: { Arn: busArnOf(s.bus) },
    });
    expect(done.EventLastReplayedTime?.getTime()).toBe(windowStart);
    expect(done.ReplayEndTime).toBeInstanceOf(Date);

    for (const rule of s.rules) {
      const entries = await until(
        () => logged(rule.group),
        (list) => replayed(list).length === 3,
      );
      const again = replayed(entries);
      expect(again.map((e) => (e.detail as { order: number }).order).sort()).toEqual([1, 2, 3]);
      expect(again[0]).toMatchObject({
        'replay-name': name,
        source: s.source,
        'detail-type': 'Order Placed',
      });
      const originalIds = new Set(entries.filter((e) => !e['replay-name']).map((e) => e.id));
      expect(again.every((e) => !originalIds.has(e.id))).toBe(true);
    }
    const after = await events.send(new DescribeArchiveCommand({ ArchiveName: s.archiveName }));
    expect(after.EventCount).toBe(3);
  });

  it('reaches only the FilterArns rules, and only events inside the window', async () => {
    const s = await setup();
    await put(s, [1]);
    await advanceClock(teiki, 600);
    const windowStart = await nowMs();
    await put(s, [2, 3]);
    await advanceClock(teiki, 10);
    const name = uniqueName('filtered');
    await events.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: s.archiveArn,
        EventStartTime: new Date(windowStart),
        EventEndTime: new Date(await nowMs()),
        Destination: { Arn: busArnOf(s.bus), FilterArns: [ruleArnOf(s.rules[1]!.name, s.bus)] },
      }),
    );
    await advanceClock(teiki, 1);
    await until(
      () => events.send(new DescribeReplayCommand({ ReplayName: name })),
      (out) => out.State === 'COMPLETED',
    );
    const second = await until(
      () => logged(s.rules[1]!.group),
      (list) => replayed(list).length === 2,
    );
    expect(
      replayed(second)
        .map((e) => (e.detail as { order: number }).order)
        .sort(),
    ).toEqual([2, 3]);
    expect(replayed(await logged(s.rules[0]!.group))).toEqual([]);
  });
});

describe('CancelReplay, DescribeReplay, ListReplays', () => {
  it('cancels a STARTING replay: CANCELLING, then CANCELLED; a finished one cannot be cancelled', async () => {
    const s = await setup();
    await put(s, [1]);
    const name = uniqueName('cancel');
    await events.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: s.archiveArn,
        EventStartTime: new Date(START),
        EventEndTime: new Date((await nowMs()) + 1000),
        Destination: { Arn: busArnOf(s.bus) },
      }),
    );
    const cancel = await events.send(new CancelReplayCommand({ ReplayName: name }));
    expect(cancel).toEqual(
      expect.objectContaining({
        ReplayArn: `arn:aws:events:${REGION}:${ACCOUNT}:replay/${name}`,
        State: 'CANCELLING',
      }),
    );
    const cancelled = await until(
      () => events.send(new DescribeReplayCommand({ ReplayName: name })),
      (out) => out.State === 'CANCELLED',
    );
    expect(cancelled.EventLastReplayedTime).toBeUndefined();
    await expectEventsError(
      events.send(new CancelReplayCommand({ ReplayName: name })),
      'IllegalStatusException',
      `Replay ${name} is not in a valid state for this operation.`,
    );
    expect(replayed(await logged(s.rules[0]!.group))).toEqual([]);
  });

  it('lists by prefix, by state and by archive, and pages by name', async () => {
    const s = await setup();
    const prefix = uniqueName('many');
    for (const i of [0, 1, 2]) {
      await events.send(
        new StartReplayCommand({
          ReplayName: `${prefix}-${i}`,
          EventSourceArn: s.archiveArn,
          EventStartTime: new Date(START),
          EventEndTime: new Date((await nowMs()) + 1000),
          Destination: { Arn: busArnOf(s.bus) },
        }),
      );
    }
    await advanceClock(teiki, 1);
    for (const i of [0, 1, 2]) {
      await until(
        () => events.send(new DescribeReplayCommand({ ReplayName: `${prefix}-${i}` })),
        (out) => out.State === 'COMPLETED',
      );
    }
    const first = await events.send(new ListReplaysCommand({ NamePrefix: prefix, Limit: 2 }));
    expect(first.Replays?.map((r) => r.ReplayName)).toEqual([`${prefix}-0`, `${prefix}-1`]);
    expect(first.Replays?.[0]).toMatchObject({
      EventSourceArn: s.archiveArn,
      State: 'COMPLETED',
      ReplayStartTime: expect.any(Date) as Date,
      ReplayEndTime: expect.any(Date) as Date,
    });
    const rest = await events.send(
      new ListReplaysCommand({ NamePrefix: prefix, Limit: 2, NextToken: first.NextToken }),
    );
    expect(rest.Replays?.map((r) => r.ReplayName)).toEqual([`${prefix}-2`]);
    const byArchive = await events.send(new ListReplaysCommand({ EventSourceArn: s.archiveArn }));
    expect(byArchive.Replays).toHaveLength(3);
    const completed = await events.send(new ListReplaysCommand({ State: 'COMPLETED' }));
    expect(completed.Replays?.filter((r) => r.ReplayName?.startsWith(prefix))).toHaveLength(3);
    await expectEventsError(
      events.send(new ListReplaysCommand({ NamePrefix: prefix, State: 'COMPLETED' })),
      'ValidationException',
      'At most one filter is allowed for ListReplays. Use either : State, EventSourceArn, or NamePrefix.',
    );
    await expectEventsError(
      events.send(new DescribeReplayCommand({ ReplayName: 'ghost' })),
      'ResourceNotFoundException',
      'Replay ghost does not exist.',
    );
    await expectEventsError(
      events.send(new CancelReplayCommand({ ReplayName: 'ghost' })),
      'ResourceNotFoundException',
      'Replay ghost does not exist.',
    );
  });
});

describe('StartReplay errors', () => {
  it('answers each refusal with AWS sentence', async () => {
    const s = await setup();
    const other = await setup();
    const window = { EventStartTime: new Date(START), EventEndTime: new Date(START + 60_000) };
    const name = uniqueName('dup');
    await events.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: s.archiveArn,
        Destination: { Arn: busArnOf(s.bus) },
        ...window,
      }),
    );
    const start = (overrides: Partial<ConstructorParameters<typeof StartReplayCommand>[0]>) =>
      events.send(
        new StartReplayCommand({
          ReplayName: uniqueName('r'),
          EventSourceArn: s.archiveArn,
          Destination: { Arn: busArnOf(s.bus) },
          ...window,
          ...overrides,
        }),
      );
    await expectEventsError(
      start({ ReplayName: name }),
      'ResourceAlreadyExistsException',
      `Replay ${name} already exists.`,
    );
    await expectEventsError(
      start({ EventSourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:archive/ghost` }),
      'ValidationException',
      'Parameter EventSourceArn is not valid. Reason: Archive ghost does not exist.',
    );
    await expectEventsError(
      start({ EventEndTime: window.EventStartTime }),
      'ValidationException',
      'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
    );
    await expectEventsError(
      start({ Destination: { Arn: busArnOf('ghost') } }),
      'ResourceNotFoundException',
      'Event bus ghost does not exist.',
    );
    await expectEventsError(
      start({ Destination: { Arn: busArnOf(other.bus) } }),
      'ValidationException',
      'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
    );
    await expectEventsError(
      start({
        Destination: {
          Arn: busArnOf(s.bus),
          FilterArns: [ruleArnOf(other.rules[0]!.name, other.bus)],
        },
      }),
      'ValidationException',
      'Parameter Destination.FilterArns is not valid. Reason: Rule must be on the destination event bus.',
    );
    await expectEventsError(
      start({ Destination: { Arn: busArnOf(s.bus), FilterArns: [ruleArnOf('ghost', s.bus)] } }),
      'ResourceNotFoundException',
      `Rule ghost does not exist on EventBus ${s.bus}.`,
    );
  });
});
