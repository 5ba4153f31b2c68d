/**
 * What the Scheduler operations tell the scheduler engine: operations built directly with
 * a recording `onScheduleChanged`, since that call never reaches the wire. Each committed
 * change is told once, with the schedule as stored (or undefined once deleted); a refused
 * or replayed request tells nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src/engine/clock/index.js';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import type { RequestContext } from '../../../src/services/context.js';
import { createIamOperations } from '../../../src/services/iam/operations.js';
import type { OperationTable } from '../../../src/services/operation.js';
import type {
  SchedulerOperations,
  Target,
} from '../../../src/services/scheduler/generated/types.js';
import { createSchedulerOperations } from '../../../src/services/scheduler/operations.js';
import type { ScheduleRecord } from '../../../src/services/scheduler/records.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { Scope } from '../../../src/store/types.js';
import { ROLE_ARN, ROLE_NAME, seedTarget as sdkSeedTarget, trustPolicy } from './helpers.js';

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
const RETRY = { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 };

interface Change {
  scope: Scope;
  schedule: ScheduleRecord | undefined;
  id: string;
}

let clock: VirtualClock;
let changes: Change[];
let ops: OperationTable<SchedulerOperations>;

function op<K extends keyof SchedulerOperations>(name: K) {
  const fn = ops[name];
  if (!fn) throw new Error(`${name} is not implemented`);
  return (input: SchedulerOperations[K]['input']) => fn(input, ctx);
}

const seed = (name: string, group?: string) => ({
  Name: name,
  ...(group !== undefined ? { GroupName: group } : {}),
  ScheduleExpression: 'cron(20 11 * * ? *)',
  ScheduleExpressionTimezone: 'Asia/Tokyo',
  FlexibleTimeWindow: { Mode: 'OFF' as const },
  Target: seedTarget(),
});

beforeEach(async () => {
  clock = createVirtualClock(START_MS);
  changes = [];
  const store = createMemoryStore();
  const iam = createIamOperations({ store, clock });
  await iam.CreateRole?.({ RoleName: ROLE_NAME, AssumeRolePolicyDocument: trustPolicy() }, ctx);
  ops = createSchedulerOperations({
    store,
    clock,
    onScheduleChanged: (scope, schedule, id) => changes.push({ scope, schedule, id }),
  });
});

describe('onScheduleChanged', () => {
  it("hears the seed's job as stored after CreateSchedule", async () => {
    await op('CreateSchedule')(seed('logger'));
    expect(changes).toEqual([
      {
        scope: SCOPE,
        id: 'default|logger',
        schedule: {
          name: 'logger',
          groupName: 'default',
          arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/logger',
          scheduleExpression: 'cron(20 11 * * ? *)',
          scheduleExpressionTimezone: 'Asia/Tokyo',
          state: 'ENABLED',
          flexibleTimeWindow: { Mode: 'OFF' },
          target: { ...seedTarget(), RetryPolicy: RETRY },
          creationDate: START_MS,
          lastModificationDate: START_MS,
        },
      },
    ]);
  });

  it('hears an update as the whole replacement, with the new modification date', async () => {
    await op('CreateSchedule')({ ...seed('logger'), Description: 'first', State: 'DISABLED' });
    await clock.advance(60_000);
    await op('UpdateSchedule')({
      ...seed('logger'),
      ScheduleExpression: 'at(2026-04-01T09:00:00)',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      ActionAfterCompletion: 'DELETE',
      StartDate: new Date(START_MS + 3_600_000),
    });
    expect(changes).toHaveLength(2);
    expect(changes[1]).toEqual({
      scope: SCOPE,
      id: 'default|logger',
      schedule: {
        name: 'logger',
        groupName: 'default',
        arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/logger',
        scheduleExpression: 'at(2026-04-01T09:00:00)',
        scheduleExpressionTimezone: 'Asia/Tokyo',
        startDate: START_MS + 3_600_000,
        state: 'ENABLED',
        flexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
        target: { ...seedTarget(), RetryPolicy: RETRY },
        actionAfterCompletion: 'DELETE',
        creationDate: START_MS,
        lastModificationDate: START_MS + 60_000,
      },
    });
  });

  it('hears a deletion as undefined', async () => {
    await op('CreateSchedule')(seed('logger'));
    await op('DeleteSchedule')({ Name: 'logger' });
    expect(changes.map((c) => [c.id, c.schedule?.name])).toEqual([
      ['default|logger', 'logger'],
      ['default|logger', undefined],
    ]);
  });

  it('hears each schedule a group deletion removes, and only those', async () => {
    await op('CreateScheduleGroup')({ Name: 'batch' });
    await op('CreateScheduleGroup')({ Name: 'batch2' });
    for (const name of ['a', 'b', 'c']) await op('CreateSchedule')(seed(name, 'batch'));
    await op('CreateSchedule')(seed('a', 'batch2'));
    await op('CreateSchedule')(seed('a'));
    changes = [];
    await op('DeleteScheduleGroup')({ Name: 'batch' });
    expect(changes).toEqual([
      { scope: SCOPE, id: 'batch|a', schedule: undefined },
      { scope: SCOPE, id: 'batch|b', schedule: undefined },
      { scope: SCOPE, id: 'batch|c', schedule: undefined },
    ]);
  });

  it('hears nothing of a refused request, a replay, a read or a group change', async () => {
    await op('CreateSchedule')({ ...seed('logger'), ClientToken: 'once' });
    changes = [];
    await op('CreateSchedule')({ ...seed('logger'), ClientToken: 'once' });
    await expect(op('CreateSchedule')(seed('logger'))).rejects.toThrow('already exists');
    await expect(
      op('UpdateSchedule')({ ...seed('logger'), ScheduleExpression: 'rate(0 minutes)' }),
    ).rejects.toThrow('Invalid Schedule Expression');
    await expect(
      op('UpdateSchedule')({
        ...seed('logger'),
        Target: { ...seedTarget(), RoleArn: ROLE_ARN.replace(ROLE_NAME, 'Other') },
      }),
    ).rejects.toThrow('must allow AWS EventBridge Scheduler');
    await expect(op('DeleteSchedule')({ Name: 'missing' })).rejects.toThrow('does not exist');
    await op('GetSchedule')({ Name: 'logger' });
    await op('ListSchedules')({});
    await op('CreateScheduleGroup')({ Name: 'empty' });
    await op('DeleteScheduleGroup')({ Name: 'empty' });
    await op('TagResource')({
      ResourceArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule-group/default',
      Tags: [{ Key: 'a', Value: 'b' }],
    });
    expect(changes).toEqual([]);
  });
});
