/**
 * What the EventBridge operations tell the scheduler and hand to delivery: operations built
 * directly with recording dependencies, since those two calls never reach the wire.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src/engine/clock/index.js';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import type { RequestContext } from '../../../src/services/context.js';
import type { EventsDeps } from '../../../src/services/events/deps.js';
import type { EventsOperations, Target } from '../../../src/services/events/generated/types.js';
import { createEventsOperations } from '../../../src/services/events/operations.js';
import type { BusEvent, RuleRecord } from '../../../src/services/events/records.js';
import type { OperationTable } from '../../../src/services/operation.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { Scope } from '../../../src/store/types.js';
import { seedTarget as sdkSeedTarget } from './helpers.js';
import { eventsDeps } from './deps-fixtures.js';

/** The seed's target, in the operations' own type. */
const seedTarget = (): Target => sdkSeedTarget() as Target;

const START_MS = Date.parse('2026-03-01T00:00:00.000Z');
const SCOPE: Scope = { accountId: '000000000000', region: 'us-east-1' };
const ctx: RequestContext = {
  requestId: 'test',
  accountId: SCOPE.accountId,
  region: SCOPE.region,
  caller: {
    accountId: SCOPE.accountId,
    arn: 'arn:aws:iam::000000000000:root',
    userId: SCOPE.accountId,
    accessKeyId: 'test',
    type: 'root',
  },
};

interface Change {
  scope: Scope;
  rule: RuleRecord | undefined;
  id: string;
}

let clock: VirtualClock;
let changes: Change[];
let deliveries: Array<{ scope: Scope; bus: string; events: BusEvent[] }>;
let ops: OperationTable<EventsOperations>;

function op<K extends keyof EventsOperations>(name: K) {
  const fn = ops[name];
  if (!fn) throw new Error(`${name} is not implemented`);
  return (input: EventsOperations[K]['input']) => fn(input, ctx);
}

beforeEach(() => {
  clock = createVirtualClock(START_MS);
  changes = [];
  deliveries = [];
  const deps: EventsDeps = eventsDeps({
    store: createMemoryStore(),
    clock,
    onRuleChanged: (scope, rule, id) => changes.push({ scope, rule, id }),
    deliver: (scope, bus, events) => {
      deliveries.push({ scope, bus, events });
      return Promise.resolve();
    },
  });
  ops = createEventsOperations(deps);
});

describe('onRuleChanged', () => {
  it('hears the seed rule as stored after PutRule and PutTargets', async () => {
    await op('PutRule')({ Name: 'ecs-scheduled-task', ScheduleExpression: 'cron(20 2 * * ? *)' });
    expect(changes).toEqual([
      {
        scope: SCOPE,
        id: 'default|ecs-scheduled-task',
        rule: {
          name: 'ecs-scheduled-task',
          arn: 'arn:aws:events:us-east-1:000000000000:rule/ecs-scheduled-task',
          eventBusName: 'default',
          scheduleExpression: 'cron(20 2 * * ? *)',
          state: 'ENABLED',
          createdBy: '000000000000',
          tags: [],
          targets: [],
          createdAt: START_MS,
          scheduleSetAt: START_MS,
        },
      },
    ]);
    await clock.advance(60_000);
    await op('PutTargets')({ Rule: 'ecs-scheduled-task', Targets: [seedTarget()] });
    expect(changes).toHaveLength(2);
    expect(changes[1]?.rule?.targets).toEqual([seedTarget()]);
    expect(changes[1]?.rule?.scheduleSetAt).toBe(START_MS);
  });

  it('moves scheduleSetAt only when the expression is set or changed', async () => {
    await op('PutRule')({ Name: 'r', ScheduleExpression: 'rate(5 minutes)' });
    await clock.advance(60_000);
    await op('PutRule')({ Name: 'r', ScheduleExpression: 'rate(5 minutes)', Description: 'same' });
    expect(changes[1]?.rule?.scheduleSetAt).toBe(START_MS);
    await clock.advance(60_000);
    await op('PutRule')({ Name: 'r', ScheduleExpression: 'rate(10 minutes)' });
    expect(changes[2]?.rule?.scheduleSetAt).toBe(START_MS + 120_000);
    await op('PutRule')({ Name: 'r', EventPattern: '{"source":["a"]}' });
    expect(changes[3]?.rule?.scheduleSetAt).toBeUndefined();
    expect(changes[3]?.rule?.scheduleExpression).toBeUndefined();
    await clock.advance(60_000);
    await op('PutRule')({ Name: 'r', ScheduleExpression: 'rate(10 minutes)' });
    expect(changes[4]?.rule?.scheduleSetAt).toBe(START_MS + 180_000);
    expect(changes.every((change) => change.rule?.createdAt === START_MS)).toBe(true);
  });

  it('hears every change of state, targets and tags, and the deletion', async () => {
    await op('PutRule')({ Name: 'r', ScheduleExpression: 'rate(1 day)' });
    await op('DisableRule')({ Name: 'r' });
    await op('DisableRule')({ Name: 'r' });
    await op('EnableRule')({ Name: 'r' });
    await op('PutTargets')({ Rule: 'r', Targets: [seedTarget()] });
    await op('RemoveTargets')({ Rule: 'r', Ids: ['unknown'] });
    await op('TagResource')({
      ResourceARN: 'arn:aws:events:us-east-1:000000000000:rule/r',
      Tags: [{ Key: 'a', Value: 'b' }],
    });
    await op('UntagResource')({
      ResourceARN: 'arn:aws:events:us-east-1:000000000000:rule/r',
      TagKeys: ['a'],
    });
    await op('RemoveTargets')({ Rule: 'r', Ids: ['scheduler-target'] });
    await op('DeleteRule')({ Name: 'r' });
    await op('DeleteRule')({ Name: 'r' });
    expect(
      changes.map((change) => [
        change.rule?.state,
        change.rule?.targets.length,
        change.rule?.tags.length,
      ]),
    ).toEqual([
      ['ENABLED', 0, 0],
      ['DISABLED', 0, 0],
      ['ENABLED', 0, 0],
      ['ENABLED', 1, 0],
      ['ENABLED', 1, 1],
      ['ENABLED', 1, 0],
      ['ENABLED', 0, 0],
      [undefined, undefined, undefined],
    ]);
    expect(changes.every((change) => change.id === 'default|r')).toBe(true);
  });

  it('hears nothing from a refused change', async () => {
    await op('PutRule')({ Name: 'r', EventPattern: '{"source":["a"]}' });
    await op('PutTargets')({ Rule: 'r', Targets: [seedTarget()] });
    changes = [];
    await expect(op('DeleteRule')({ Name: 'r' })).rejects.toThrow(
      "Rule can't be deleted since it has targets.",
    );
    await expect(
      op('PutTargets')({ Rule: 'r', Targets: [{ ...seedTarget(), Input: 'x' }] }),
    ).rejects.toThrow('is not a valid JSON text');
    await expect(
      op('PutRule')({ Name: 'r', EventBusName: 'nope', EventPattern: '{"source":["a"]}' }),
    ).rejects.toThrow('Event bus nope does not exist.');
    expect(changes).toEqual([]);
  });

  it("hears each rule of a deleted bus go, and nothing of the bus's absent rules", async () => {
    await op('CreateEventBus')({ Name: 'b' });
    await op('PutRule')({ Name: 'x', EventBusName: 'b', EventPattern: '{"source":["a"]}' });
    await op('PutRule')({ Name: 'y', EventBusName: 'b', EventPattern: '{"source":["a"]}' });
    await op('PutRule')({ Name: 'x', EventPattern: '{"source":["a"]}' });
    changes = [];
    await op('DeleteEventBus')({ Name: 'b' });
    expect(changes).toEqual([
      { scope: SCOPE, rule: undefined, id: 'b|x' },
      { scope: SCOPE, rule: undefined, id: 'b|y' },
    ]);
    expect(await op('DescribeRule')({ Name: 'x' })).toMatchObject({ EventBusName: 'default' });
  });
});

describe('delivery of PutEvents', () => {
  it('hands accepted events to their bus in AWS envelope, skipping failed entries and missing buses', async () => {
    await op('CreateEventBus')({ Name: 'orders' });
    await clock.advance(1_234);
    const out = await op('PutEvents')({
      Entries: [
        { Source: 'my.app', DetailType: 'A', Detail: '{"n":1}' },
        { Source: 'my.app', DetailType: 'B', Detail: '[]' },
        {
          Source: 'shop',
          DetailType: 'C',
          Detail: '{"o":{"id":7}}',
          EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/orders',
          Resources: ['arn:aws:s3:::b'],
          Time: new Date('2026-02-03T04:05:06.789Z'),
        },
        { Source: 'shop', DetailType: 'D', Detail: '{}', EventBusName: 'orders' },
        { Source: 'lost', DetailType: 'E', Detail: '{}', EventBusName: 'no-such-bus' },
        {
          Source: 'far',
          DetailType: 'F',
          Detail: '{}',
          EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/orders',
        },
      ],
    });
    expect(out.FailedEntryCount).toBe(1);
    const ids = (out.Entries ?? []).map((entry) => entry.EventId);
    expect(deliveries.map((d) => [d.bus, d.events.map((e) => e['detail-type'])])).toEqual([
      ['default', ['A']],
      ['orders', ['C', 'D']],
    ]);
    expect(deliveries.every((d) => d.scope.accountId === SCOPE.accountId)).toBe(true);
    expect(deliveries[0]?.events[0]).toEqual({
      version: '0',
      id: ids[0],
      'detail-type': 'A',
      source: 'my.app',
      account: '000000000000',
      time: '2026-03-01T00:00:01Z',
      region: 'us-east-1',
      resources: [],
      detail: { n: 1 },
    });
    expect(deliveries[1]?.events[0]).toMatchObject({
      id: ids[2],
      time: '2026-02-03T04:05:06Z',
      resources: ['arn:aws:s3:::b'],
      detail: { o: { id: 7 } },
    });
    expect(ids[4]).toBeDefined();
    expect(ids[5]).toBeDefined();
  });
});
