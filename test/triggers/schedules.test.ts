/**
 * EventBridge Scheduler schedules on a virtual clock: time zones (the article's
 * "subtract 9 hours" trap done right), daylight-saving transitions as AWS documents them,
 * flexible windows spreading firings, and one-time schedules deleted after they run.
 */
import {
  CreateScheduleCommand,
  GetScheduleCommand,
  SchedulerClient,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../src/engine/clock/types.js';
import { raw, startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';
import { createRole, ROLE_ARN } from '../services/scheduler/helpers.js';

let teiki: TestTeiki;
let clock: VirtualClock;
let scheduler: SchedulerClient;
const ROLE = ROLE_ARN;
/** A queue target: teiki records the invocation (and that it cannot deliver to SQS). */
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:jobs';

interface Invocation {
  source: string;
  name: string;
  scheduledTime: string;
  invokedTime: string;
  outcome: string;
}

async function invocationsOf(name: string | RegExp): Promise<Invocation[]> {
  const res = await raw(teiki.url, { method: 'GET', path: '/_teiki/invocations?limit=10000' });
  const all = (JSON.parse(res.text) as { invocations: Invocation[] }).invocations;
  return all
    .filter(
      (i) =>
        i.source === 'schedule' && (typeof name === 'string' ? i.name === name : name.test(i.name)),
    )
    .sort((a, b) => a.scheduledTime.localeCompare(b.scheduledTime));
}

function schedule(
  name: string,
  extra: Partial<CreateScheduleCommandInput>,
): CreateScheduleCommandInput {
  return {
    Name: name,
    ScheduleExpression: 'rate(1 day)',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: QUEUE, RoleArn: ROLE, Input: '{}' },
    ...extra,
  };
}

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs('2026-03-01T00:00:00Z'));
  clock = teiki.clock as VirtualClock;
  scheduler = new SchedulerClient(teiki.clientConfig());
  await createRole(teiki);
  await scheduler.send(
    new CreateScheduleCommand(
      schedule('tokyo-job', {
        ScheduleExpression: 'cron(20 11 * * ? *)',
        ScheduleExpressionTimezone: 'Asia/Tokyo',
      }),
    ),
  );
  // 02:30 does not exist on 2026-03-08 in New York; 01:30 happens twice on 2026-11-01.
  await scheduler.send(
    new CreateScheduleCommand(
      schedule('ny-spring', {
        ScheduleExpression: 'cron(30 2 * * ? *)',
        ScheduleExpressionTimezone: 'America/New_York',
      }),
    ),
  );
  await scheduler.send(
    new CreateScheduleCommand(
      schedule('ny-fall', {
        ScheduleExpression: 'cron(30 1 * * ? *)',
        ScheduleExpressionTimezone: 'America/New_York',
      }),
    ),
  );
});
afterAll(() => teiki.close());

describe('time zones', () => {
  it('fires cron(20 11 * * ? *) in Asia/Tokyo at 02:20Z', async () => {
    await clock.set(Date.parse('2026-03-03T00:00:00Z'));
    const runs = await invocationsOf('tokyo-job');
    expect(runs.map((r) => r.scheduledTime)).toEqual([
      '2026-03-01T02:20:00.000Z',
      '2026-03-02T02:20:00.000Z',
    ]);
    expect(runs.map((r) => r.invokedTime)).toEqual(runs.map((r) => r.scheduledTime));
  });

  it('skips 02:30 on the day New York springs forward', async () => {
    await clock.set(Date.parse('2026-03-11T00:00:00Z'));
    const days = (await invocationsOf('ny-spring')).map((r) => r.scheduledTime);
    // 02:30 EST is 07:30Z before the change and 02:30 EDT is 06:30Z after it.
    expect(days.filter((d) => d >= '2026-03-06' && d < '2026-03-11')).toEqual([
      '2026-03-06T07:30:00.000Z',
      '2026-03-07T07:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
      '2026-03-10T06:30:00.000Z',
    ]);
  });

  it('runs 01:30 once on the day New York falls back', async () => {
    await clock.set(Date.parse('2026-11-03T00:00:00Z'));
    const days = (await invocationsOf('ny-fall')).map((r) => r.scheduledTime);
    expect(days.filter((d) => d >= '2026-10-31' && d < '2026-11-03')).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });
});

describe('flexible windows and one-time schedules', () => {
  it('spreads 1,000 schedules due at the same minute across their 15-minute window', async () => {
    await clock.set(Date.parse('2026-11-10T00:00:00Z'));
    for (let i = 0; i < 1000; i++) {
      await scheduler.send(
        new CreateScheduleCommand(
          schedule(`flex-${i}`, {
            ScheduleExpression: 'at(2026-11-10T09:00:00)',
            FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
          }),
        ),
      );
    }
    await clock.set(Date.parse('2026-11-10T09:20:00Z'));
    const runs = await invocationsOf(/^flex-/);
    expect(runs).toHaveLength(1000);
    const start = Date.parse('2026-11-10T09:00:00Z');
    const offsets = runs.map((r) => Date.parse(r.invokedTime) - start);
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(15 * 60_000);
    // Spread, not bunched: every one of the 15 minutes gets some of them.
    const perMinute = new Set(offsets.map((ms) => Math.floor(ms / 60_000)));
    expect(perMinute.size).toBe(15);
    expect(new Set(runs.map((r) => r.scheduledTime))).toEqual(
      new Set(['2026-11-10T09:00:00.000Z']),
    );
  });

  it('deletes a one-time schedule with ActionAfterCompletion DELETE once it ran', async () => {
    await scheduler.send(
      new CreateScheduleCommand(
        schedule('once', {
          ScheduleExpression: 'at(2026-11-10T10:00:00)',
          ActionAfterCompletion: 'DELETE',
        }),
      ),
    );
    await scheduler.send(
      new CreateScheduleCommand(
        schedule('kept', {
          ScheduleExpression: 'at(2026-11-10T10:00:00)',
          ActionAfterCompletion: 'NONE',
        }),
      ),
    );
    await clock.set(Date.parse('2026-11-10T10:00:01Z'));
    expect(await invocationsOf('once')).toHaveLength(1);
    const gone = await scheduler
      .send(new GetScheduleCommand({ Name: 'once' }))
      .catch((e: unknown) => e);
    expect((gone as Error).name).toBe('ResourceNotFoundException');
    const kept = await scheduler.send(new GetScheduleCommand({ Name: 'kept' }));
    expect(kept.Name).toBe('kept');
  });
});
