/** ListSchedules through the SDK: filters by group, name prefix and state, and its paginator. */
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  ListSchedulesCommand,
  paginateListSchedules,
  type ScheduleSummary,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  CLUSTER_ARN,
  createRole,
  expectSchedulerError,
  minimalSchedule,
  scheduleArnOf,
  schedulerClient,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory', '--clock', 'virtual']);
  await createRole(teiki);
  const client = schedulerClient(teiki);
  await client.send(new CreateScheduleGroupCommand({ Name: 'batch' }));
  for (const group of ['default', 'batch']) {
    for (const name of ['daily-a', 'daily-b', 'hourly-a']) {
      for (const state of ['ENABLED', 'DISABLED'] as const) {
        await client.send(
          new CreateScheduleCommand({
            ...minimalSchedule(`${name}-${state.toLowerCase()}`, group),
            State: state,
          }),
        );
      }
    }
  }
});
afterAll(() => teiki.close());

const names = (schedules: ScheduleSummary[] | undefined) =>
  (schedules ?? []).map((s) => `${s.GroupName}/${s.Name}`);

describe('ListSchedules', () => {
  it('lists every schedule of every group, each as a summary', async () => {
    const out = await schedulerClient(teiki).send(new ListSchedulesCommand({}));
    expect(out.Schedules).toHaveLength(12);
    expect(out.NextToken).toBeUndefined();
    expect(out.Schedules?.[0]).toEqual({
      Arn: scheduleArnOf('daily-a-disabled', 'batch'),
      CreationDate: teiki.clock.now(),
      GroupName: 'batch',
      LastModificationDate: teiki.clock.now(),
      Name: 'daily-a-disabled',
      State: 'DISABLED',
      Target: { Arn: CLUSTER_ARN },
    });
  });

  it.each([
    [{ GroupName: 'batch' }, 6, (n: string) => n.startsWith('batch/')],
    [{ NamePrefix: 'daily' }, 8, (n: string) => n.includes('/daily-')],
    [{ State: 'ENABLED' as const }, 6, (n: string) => n.endsWith('-enabled')],
    [
      { GroupName: 'default', NamePrefix: 'hourly', State: 'DISABLED' as const },
      1,
      (n: string) => n === 'default/hourly-a-disabled',
    ],
  ])('filters by %j', async (filter, count, expected) => {
    const out = await schedulerClient(teiki).send(new ListSchedulesCommand(filter));
    expect(out.Schedules).toHaveLength(count);
    expect(names(out.Schedules).every(expected)).toBe(true);
  });

  it('pages through the paginator, each schedule once', async () => {
    const client = schedulerClient(teiki);
    for (const [filter, expected] of [
      [{}, 12],
      [{ State: 'ENABLED' as const }, 6],
      [{ GroupName: 'default', NamePrefix: 'daily' }, 4],
    ] as const) {
      const seen: string[] = [];
      let pages = 0;
      for await (const page of paginateListSchedules({ client, pageSize: 5 }, filter)) {
        pages += 1;
        expect(page.Schedules?.length ?? 0).toBeLessThanOrEqual(5);
        seen.push(...names(page.Schedules));
      }
      expect(seen).toHaveLength(expected);
      expect(new Set(seen).size).toBe(expected);
      expect(pages).toBe(Math.ceil(expected / 5));
    }
  });

  it('answers a group that does not exist, and refuses a foreign page token', async () => {
    const client = schedulerClient(teiki);
    await expectSchedulerError(
      client.send(new ListSchedulesCommand({ GroupName: 'nowhere' })),
      'ResourceNotFoundException',
      'Schedule group nowhere does not exist.',
      404,
    );
    const first = await client.send(
      new ListSchedulesCommand({ GroupName: 'batch', MaxResults: 1 }),
    );
    expect(first.NextToken).toBeDefined();
    for (const input of [
      { NextToken: 'forged' },
      { GroupName: 'default', NextToken: first.NextToken },
    ]) {
      await expectSchedulerError(
        client.send(new ListSchedulesCommand(input)),
        'ValidationException',
        'Invalid NextToken.',
      );
    }
    await expectSchedulerError(
      client.send(new ListSchedulesCommand({ MaxResults: 101 })),
      'ValidationException',
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it('lists nothing in a region without schedules', async () => {
    const out = await schedulerClient(teiki, { region: 'eu-west-1' }).send(
      new ListSchedulesCommand({}),
    );
    expect(out.Schedules).toEqual([]);
  });
});
