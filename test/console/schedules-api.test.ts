/**
 * The schedules page's API over HTTP, against rules and schedules made with the AWS SDKs
 * on a virtual clock: readings, next runs (UTC; Tokyo's 11:20 is 02:20Z), the revision a
 * run would start, enabling and disabling through the real operations, the invocation
 * history filtered on the server, and bad requests answered as JSON errors.
 */
import { DescribeRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../src/engine/clock/types.js';
import type {
  ApiError,
  InvocationsResponse,
  ScheduleView,
  SchedulesResponse,
} from '../../src/console/shared/api-types.js';
import type { TestTeiki } from '../helpers/teiki.js';
import {
  CLUSTER_ARN,
  COMMAND,
  createSchedules,
  FAMILY_ARN,
  NAMES,
  SEED_RUNS,
  startSchedulesTeiki,
} from './schedules-fixtures.js';

let teiki: TestTeiki;

beforeAll(async () => {
  teiki = await startSchedulesTeiki();
  await createSchedules(teiki);
});
afterAll(() => teiki?.close());

async function api<T>(path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(teiki.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
  expect(res.headers.get('content-type')).toBe('application/json');
  return { status: res.status, json: (await res.json()) as T };
}

async function schedules(): Promise<ScheduleView[]> {
  const { status, json } = await api<SchedulesResponse>('/_teiki/api/schedules');
  expect(status).toBe(200);
  return json.schedules;
}

async function one(kind: 'rule' | 'schedule', name: string): Promise<ScheduleView> {
  const found = (await schedules()).find((s) => s.kind === kind && s.name === name);
  expect(found, `${kind} ${name}`).toBeDefined();
  return found as ScheduleView;
}

async function history(query: string): Promise<InvocationsResponse> {
  const { status, json } = await api<InvocationsResponse>(`/_teiki/api/invocations?${query}`);
  expect(status).toBe(200);
  return json;
}

async function fire(body: object) {
  const res = await fetch(`${teiki.url}/_teiki/fire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

describe('GET /_teiki/api/schedules', () => {
  it('lists every scheduled rule and every schedule, and no rule that waits for events', async () => {
    const { json } = await api<SchedulesResponse>('/_teiki/api/schedules');
    expect(json.now).toBe('2026-11-28T00:00:00.000Z');
    expect(json.schedules.map((s) => `${s.kind}:${s.container}:${s.name}`).sort()).toEqual(
      [
        `rule:default:${NAMES.rule}`,
        `rule:default:${NAMES.rate}`,
        `rule:default:${NAMES.denied}`,
        `rule:default:${NAMES.gone}`,
        `schedule:default:${NAMES.tokyo}`,
        `schedule:default:${NAMES.ending}`,
      ].sort(),
    );
  });

  it("reads the seed's rule in UTC, with its next five runs and the revision a run starts", async () => {
    const rule = await one('rule', NAMES.rule);
    expect(rule).toMatchObject({
      container: 'default',
      accountId: '000000000000',
      region: 'us-east-1',
      arn: `arn:aws:events:us-east-1:000000000000:rule/${NAMES.rule}`,
      expression: 'cron(20 2 * * ? *)',
      timezone: 'UTC',
      reading: 'every day at 02:20 UTC',
      state: 'ENABLED',
      nextRuns: SEED_RUNS,
    });
    expect(rule.targets).toEqual([
      {
        id: 'seed-target',
        arn: CLUSTER_ARN,
        roleArn: 'arn:aws:iam::000000000000:role/SeedEventsRole',
        taskDefinition: FAMILY_ARN,
        // The family alone: its latest ACTIVE revision.
        resolvedTaskDefinitionArn: `${FAMILY_ARN}:2`,
        resolvedStatus: 'ACTIVE',
        commandOverride: COMMAND,
      },
    ]);
  });

  it('reads the Tokyo schedule in its zone: 11:20 there is 02:20 UTC', async () => {
    const tokyo = await one('schedule', NAMES.tokyo);
    expect(tokyo).toMatchObject({
      arn: `arn:aws:scheduler:us-east-1:000000000000:schedule/default/${NAMES.tokyo}`,
      expression: 'cron(20 11 * * ? *)',
      timezone: 'Asia/Tokyo',
      reading: 'every day at 11:20 Asia/Tokyo',
      state: 'ENABLED',
      description: "the seed's job in Japan time",
      nextRuns: SEED_RUNS,
    });
    expect(tokyo.targets[0]).toMatchObject({
      taskDefinition: `${FAMILY_ARN}:1`,
      resolvedTaskDefinitionArn: `${FAMILY_ARN}:1`,
      commandOverride: COMMAND,
    });
  });

  it('counts a rate from when the rule was made, and stops a schedule at its EndDate', async () => {
    const rate = await one('rule', NAMES.rate);
    expect(rate.reading).toBe('every 5 minutes');
    expect(rate.targets).toEqual([]);
    expect(rate.nextRuns).toEqual([
      '2026-11-28T00:05:00.000Z',
      '2026-11-28T00:10:00.000Z',
      '2026-11-28T00:15:00.000Z',
      '2026-11-28T00:20:00.000Z',
      '2026-11-28T00:25:00.000Z',
    ]);
    const ending = await one('schedule', NAMES.ending);
    expect(ending).toMatchObject({
      reading: 'every day at 09:00 UTC',
      timezone: 'UTC',
      endDate: '2026-11-30T12:00:00.000Z',
      flexibleWindowMinutes: 15,
      nextRuns: [
        '2026-11-28T09:00:00.000Z',
        '2026-11-29T09:00:00.000Z',
        '2026-11-30T09:00:00.000Z',
      ],
    });
  });

  it('says why no revision would run for a family with none ACTIVE', async () => {
    const gone = await one('rule', NAMES.gone);
    expect(gone.targets[0]?.taskDefinition).toBe('gone-job');
    expect(gone.targets[0]?.resolvedTaskDefinitionArn).toBeUndefined();
    expect(gone.targets[0]?.resolveError).toBe(
      'Family gone-job has no ACTIVE revision: a run would fail.',
    );
  });
});

describe('POST /_teiki/api/schedules/state', () => {
  it('disables and enables a rule through DisableRule and EnableRule', async () => {
    const events = new EventBridgeClient(teiki.clientConfig());
    const off = await api<ScheduleView>('/_teiki/api/schedules/state', {
      kind: 'rule',
      name: NAMES.rule,
      container: 'default',
      enabled: false,
    });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ name: NAMES.rule, state: 'DISABLED' });
    expect((await events.send(new DescribeRuleCommand({ Name: NAMES.rule }))).State).toBe(
      'DISABLED',
    );
    expect((await one('rule', NAMES.rule)).state).toBe('DISABLED');
    const on = await api<ScheduleView>('/_teiki/api/schedules/state', {
      kind: 'rule',
      name: NAMES.rule,
      enabled: true,
    });
    expect(on.json.state).toBe('ENABLED');
    expect((await events.send(new DescribeRuleCommand({ Name: NAMES.rule }))).State).toBe(
      'ENABLED',
    );
  });

  it('disables a schedule with UpdateSchedule and keeps everything else it had', async () => {
    const scheduler = new SchedulerClient(teiki.clientConfig());
    const before = await scheduler.send(new GetScheduleCommand({ Name: NAMES.tokyo }));
    const off = await api<ScheduleView>('/_teiki/api/schedules/state', {
      kind: 'schedule',
      name: NAMES.tokyo,
      container: 'default',
      enabled: false,
    });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ state: 'DISABLED', nextRuns: SEED_RUNS });
    const after = await scheduler.send(new GetScheduleCommand({ Name: NAMES.tokyo }));
    expect(after.State).toBe('DISABLED');
    expect(after.ScheduleExpression).toBe('cron(20 11 * * ? *)');
    expect(after.ScheduleExpressionTimezone).toBe('Asia/Tokyo');
    expect(after.Description).toBe(before.Description);
    expect(after.Target).toEqual(before.Target);
    await api('/_teiki/api/schedules/state', {
      kind: 'schedule',
      name: NAMES.tokyo,
      enabled: true,
    });
    expect((await scheduler.send(new GetScheduleCommand({ Name: NAMES.tokyo }))).State).toBe(
      'ENABLED',
    );
  });

  it('answers a malformed request with 400 and an unknown one with 404, changing nothing', async () => {
    const bad: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{ kind: 'alarm', name: NAMES.rule, enabled: false }, /"kind"/],
      [{ kind: 'rule', enabled: false }, /"name"/],
      [{ kind: 'rule', name: NAMES.rule, enabled: 'no' }, /"enabled"/],
      [{ kind: 'rule', name: NAMES.rule, container: 7, enabled: false }, /"container"/],
    ];
    for (const [body, message] of bad) {
      const res = await api<ApiError>('/_teiki/api/schedules/state', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toBe('BadRequest');
      expect(res.json.message).toMatch(message);
    }
    const missing = await api<ApiError>('/_teiki/api/schedules/state', {
      kind: 'schedule',
      name: 'nope',
      enabled: false,
    });
    expect(missing).toEqual({
      status: 404,
      json: { error: 'NotFound', message: 'No schedule nope in group default.' },
    });
    const eventRule = await api<ApiError>('/_teiki/api/schedules/state', {
      kind: 'rule',
      name: 'on-task-change',
      enabled: false,
    });
    expect(eventRule.status).toBe(404);
    expect((await one('rule', NAMES.rule)).state).toBe('ENABLED');
  });
});

describe('GET /_teiki/api/invocations', () => {
  it('has no history before anything ran', async () => {
    expect(await history(`kind=rule&name=${NAMES.rule}&container=default`)).toEqual({
      invocations: [],
      total: 0,
    });
  });

  it('lists a run now and the scheduled runs, filtered by kind, name and container', async () => {
    await fire({
      rule: NAMES.rule,
      eventBusName: 'default',
      accountId: '000000000000',
      region: 'us-east-1',
    });
    await fire({ rule: NAMES.denied });
    await (teiki.clock as VirtualClock).set(Date.parse('2026-11-28T02:20:00Z'));

    const rule = await history(`kind=rule&name=${NAMES.rule}&container=default`);
    expect(rule.total).toBe(2);
    expect(rule.invocations.map((i) => [i.scheduledTime, i.outcome])).toEqual([
      ['2026-11-28T02:20:00.000Z', 'started'],
      ['2026-11-28T00:00:00.000Z', 'started'],
    ]);
    expect(rule.invocations[0]?.taskArns[0]).toMatch(
      /^arn:aws:ecs:us-east-1:000000000000:task\/seed-cluster\//,
    );
    const tokyo = await history(`kind=schedule&name=${NAMES.tokyo}`);
    expect(tokyo.invocations.map((i) => [i.source, i.scheduledTime, i.outcome])).toEqual([
      ['schedule', '2026-11-28T02:20:00.000Z', 'started'],
    ]);
    const denied = await history(`kind=rule&name=${NAMES.denied}`);
    expect(denied.invocations).toHaveLength(1);
    expect(denied.invocations[0]).toMatchObject({ outcome: 'failed', taskArns: [] });
    expect(denied.invocations[0]?.error?.code).toBe('AccessDeniedException');
    expect(denied.invocations[0]?.error?.message).toMatch(/SeedDeniedRole may not ecs:RunTask/);

    expect((await history('')).total).toBe(4);
    expect((await history('kind=schedule')).total).toBe(1);
    expect((await history(`name=${NAMES.rule}&container=elsewhere`)).total).toBe(0);
    const limited = await history(`kind=rule&name=${NAMES.rule}&limit=1`);
    expect(limited.invocations.map((i) => i.scheduledTime)).toEqual(['2026-11-28T02:20:00.000Z']);
    expect(limited.total).toBe(2);
  });

  it('shows the last run on the list and the next runs from the moved clock', async () => {
    const rule = await one('rule', NAMES.rule);
    expect(rule.lastInvocation).toMatchObject({
      scheduledTime: '2026-11-28T02:20:00.000Z',
      outcome: 'started',
    });
    expect(rule.nextRuns).toEqual([...SEED_RUNS.slice(1), '2026-12-03T02:20:00.000Z']);
    expect((await one('schedule', NAMES.tokyo)).nextRuns[0]).toBe('2026-11-29T02:20:00.000Z');
    expect((await one('rule', NAMES.rate)).lastInvocation).toBeUndefined();
  });

  it('answers a bad kind or limit with 400', async () => {
    for (const query of ['kind=alarm', 'limit=0', 'limit=10001', 'limit=ten']) {
      const res = await api<ApiError>(`/_teiki/api/invocations?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error).toBe('BadRequest');
    }
  });
});
