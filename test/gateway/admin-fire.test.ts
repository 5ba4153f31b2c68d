/**
 * `POST /_teiki/fire` and `GET /_teiki/invocations` (gateway/admin/fire.ts over the
 * triggers' fireNow): where a name is looked for (the account and region given,
 * else the one place it exists, else the defaults), how each outcome is answered, and
 * what a body or a limit that makes no sense gets.
 */
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceRole } from '../helpers/roles.js';
import { raw, startTestTeiki, virtualClockArgs, type TestTeiki } from '../helpers/teiki.js';

const DEFAULT_ACCOUNT = '000000000000';
const OTHER = { accountId: '111111111111', region: 'us-west-2' };
const THIRD = { accountId: '222222222222', region: 'eu-west-1' };

let teiki: TestTeiki;

/** A rule with a log group target, on `bus` (created with it) or the default bus. */
async function putRule(
  name: string,
  where: { accountId: string; region: string } = {
    accountId: DEFAULT_ACCOUNT,
    region: 'us-east-1',
  },
  bus?: string,
): Promise<void> {
  const events = new EventBridgeClient(
    teiki.clientConfig({ accessKeyId: where.accountId, region: where.region }),
  );
  if (bus !== undefined) await events.send(new CreateEventBusCommand({ Name: bus }));
  // A bus other than the default takes event patterns only, as on AWS.
  await events.send(
    new PutRuleCommand(
      bus === undefined
        ? { Name: name, ScheduleExpression: 'rate(1 day)' }
        : { Name: name, EventBusName: bus, EventPattern: '{"source":["teiki.test"]}' },
    ),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: bus,
      Targets: [
        {
          Id: 'log',
          Arn: `arn:aws:logs:${where.region}:${where.accountId}:log-group:fired-${name}`,
        },
      ],
    }),
  );
}

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs('2026-12-01T00:00:00Z'));
  await putRule('only-here');
  await putRule('only-elsewhere', OTHER);
  await putRule('twice-elsewhere', OTHER);
  await putRule('twice-elsewhere', THIRD);
  await putRule('default-and-elsewhere');
  await putRule('default-and-elsewhere', OTHER);
  await putRule('on-a-bus', undefined, 'side');
  const roleArn = await createServiceRole(
    new IAMClient(teiki.clientConfig()),
    'scheduler',
    ['scheduler.amazonaws.com'],
    [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: '*' }],
  );
  await new SchedulerClient(teiki.clientConfig()).send(
    new CreateScheduleCommand({
      Name: 'daily',
      ScheduleExpression: 'rate(1 day)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: `arn:aws:events:us-east-1:${DEFAULT_ACCOUNT}:event-bus/default`,
        RoleArn: roleArn,
        EventBridgeParameters: { Source: 'teiki.test', DetailType: 'Fired' },
      },
    }),
  );
});
afterAll(() => teiki.close());

async function fire(body: unknown) {
  const res = await raw(teiki.url, {
    method: 'POST',
    path: '/_teiki/fire',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
}

const ruleArn = (name: string, where = { accountId: DEFAULT_ACCOUNT, region: 'us-east-1' }) =>
  `arn:aws:events:${where.region}:${where.accountId}:rule/${name}`;

describe('POST /_teiki/fire', () => {
  it.each([
    ['a rule in the default account and region', { rule: 'only-here' }, ruleArn('only-here')],
    [
      'a rule in the one place it exists',
      { rule: 'only-elsewhere' },
      ruleArn('only-elsewhere', OTHER),
    ],
    [
      'a rule in the default place before the others',
      { rule: 'default-and-elsewhere' },
      ruleArn('default-and-elsewhere'),
    ],
    [
      'a rule in the account and region named',
      { rule: 'twice-elsewhere', ...THIRD },
      ruleArn('twice-elsewhere', THIRD),
    ],
    [
      'a rule on the event bus named',
      { rule: 'on-a-bus', eventBusName: 'side' },
      ruleArn('side/on-a-bus'),
    ],
  ])('fires %s', async (_what, body, arn) => {
    const { status, body: answer } = await fire(body);
    expect(status).toBe(200);
    expect(Object.keys(answer)).toEqual(['rule', 'invocations']);
    expect(answer.rule).toBe(arn);
    expect(answer.invocations).toEqual([
      expect.objectContaining({ source: 'rule', target: expect.objectContaining({ id: 'log' }) }),
    ]);
  });

  it('fires a schedule of the default group', async () => {
    const { status, body } = await fire({ schedule: 'daily' });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['schedule', 'invocations']);
    expect(body.schedule).toBe(
      `arn:aws:scheduler:us-east-1:${DEFAULT_ACCOUNT}:schedule/default/daily`,
    );
    expect(body.invocations).toEqual([
      expect.objectContaining({ source: 'schedule', name: 'daily' }),
    ]);
  });

  it.each([
    [{ rule: 'nope' }, 404, 'Rule nope does not exist on EventBus default.'],
    [{ rule: 'on-a-bus' }, 404, 'Rule on-a-bus does not exist on EventBus default.'],
    [{ rule: 'only-here', ...OTHER }, 404, 'Rule only-here does not exist on EventBus default.'],
    [
      { schedule: 'daily', groupName: 'other' },
      404,
      'Schedule daily does not exist in group other.',
    ],
    [
      { rule: 'twice-elsewhere' },
      409,
      'It exists in several accounts or regions: give "accountId" and "region".',
    ],
    [{}, 400, 'Give {"rule": NAME} (and optionally "eventBusName", "region", "accountId").'],
    [
      { rule: 7 },
      400,
      'Give {"rule": NAME} (and optionally "eventBusName", "region", "accountId").',
    ],
    ['not json', 400, 'The body is not valid JSON.'],
  ])('answers %j with %i', async (body, status, message) => {
    const answer = await fire(body);
    expect(answer.status).toBe(status);
    expect(answer.body.message).toBe(message);
  });
});

describe('GET /_teiki/invocations', () => {
  it('lists the latest invocations, newest first, as many as asked', async () => {
    // A later instant than every firing above, which all happened at the start.
    await raw(teiki.url, {
      method: 'POST',
      path: '/_teiki/clock',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 60 }),
    });
    await fire({ rule: 'only-here' });
    const res = await raw(teiki.url, { method: 'GET', path: '/_teiki/invocations?limit=2' });
    expect(res.status).toBe(200);
    const { invocations } = JSON.parse(res.text) as {
      invocations: Array<{ name: string; tasks: unknown[] }>;
    };
    expect(invocations).toHaveLength(2);
    expect(invocations[0]).toMatchObject({ name: 'only-here', tasks: [] });
  });

  it.each(['0', '10001', '1.5', 'x'])('refuses limit=%s', async (limit) => {
    const res = await raw(teiki.url, { method: 'GET', path: `/_teiki/invocations?limit=${limit}` });
    expect(res.status).toBe(400);
    expect((JSON.parse(res.text) as { message: string }).message).toBe(
      '"limit" must be an integer from 1 to 10000.',
    );
  });
});
