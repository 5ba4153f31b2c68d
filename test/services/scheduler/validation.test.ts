/**
 * Every way CreateSchedule (and UpdateSchedule, which checks the same) refuses a schedule:
 * the model's constraints, expressions, time zones, windows, dates, the role, conflicts.
 * A refused request changes nothing.
 */
import {
  CreateScheduleCommand,
  GetScheduleCommand,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  CLUSTER_ARN,
  createRole,
  expectSchedulerError,
  minimalSchedule,
  schedulerClient,
  seedTarget,
  trustPolicy,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory', '--clock', 'virtual']);
  await createRole(teiki);
});
afterAll(() => teiki.close());

const scheduler = () => schedulerClient(teiki);
const minutesFromNow = (minutes: number) => new Date(teiki.clock.nowMs() + minutes * 60_000);

type Change = (input: CreateScheduleCommandInput) => CreateScheduleCommandInput;

/** Asserts the refusal on create and on update, and that neither changed anything. */
async function expectRefused(change: Change, message: string, name = 'ValidationException') {
  const create = change(minimalSchedule(uniqueName('refused')));
  await expectSchedulerError(scheduler().send(new CreateScheduleCommand(create)), name, message);
  await expectSchedulerError(
    scheduler().send(new GetScheduleCommand({ Name: create.Name, GroupName: create.GroupName })),
    'ResourceNotFoundException',
    /does not exist\.$/,
    404,
  );
  const existing = uniqueName('kept');
  await scheduler().send(new CreateScheduleCommand(minimalSchedule(existing)));
  const update = change(minimalSchedule(existing));
  await expectSchedulerError(scheduler().send(new UpdateScheduleCommand(update)), name, message);
  const got = await scheduler().send(new GetScheduleCommand({ Name: existing }));
  expect(got.ScheduleExpression).toBe('rate(1 hour)');
}

describe('schedule expressions', () => {
  it.each([
    'cron(0 1 * * * *)',
    'cron(7 20 * * NOT *)',
    'cron(INVALID)',
    'cron(0 dummy ? * MON-FRI *)',
    'cron(71 8 1 * ? *)',
    'cron()',
    'rate(10 seconds)',
    'rate(10 years)',
    'rate()',
    'rate(10)',
    'rate(10 minutess)',
    'rate(foo minutes)',
    'rate(-10 minutes)',
    'rate( 10 minutes )',
    ' rate(10 minutes)',
    'at(2021-12-31T23:59:59Z)',
    'at(2021-12-31)',
    'every day',
  ])('refuses %j as AWS words it', async (expression) => {
    await expectRefused(
      (input) => ({ ...input, ScheduleExpression: expression }),
      `Invalid Schedule Expression ${expression}.`,
    );
  });
});

describe('time zones', () => {
  it.each(['Mars/Olympus_Mons', 'Asia/Tokio', 'GMT+25'])('refuses %j', async (zone) => {
    await expectRefused(
      (input) => ({ ...input, ScheduleExpressionTimezone: zone }),
      `Invalid Schedule Expression Timezone ${zone}.`,
    );
  });

  it('refuses a name longer than the model allows', async () => {
    const zone = `Asia/${'x'.repeat(50)}`;
    await expectRefused(
      (input) => ({ ...input, ScheduleExpressionTimezone: zone }),
      `1 validation error detected: Value '${zone}' at 'scheduleExpressionTimezone' failed to satisfy constraint: Member must have length less than or equal to 50`,
    );
  });
});

describe('flexible time windows', () => {
  it.each([
    [
      { Mode: 'FLEXIBLE' as const },
      'MaximumWindowInMinutes must be provided when FlexibleTimeWindowMode is set to FLEXIBLE.',
    ],
    [
      { Mode: 'OFF' as const, MaximumWindowInMinutes: 5 },
      'MaximumWindowInMinutes must not be provided when FlexibleTimeWindowMode is set to OFF.',
    ],
    [
      { Mode: 'FLEXIBLE' as const, MaximumWindowInMinutes: 0 },
      "1 validation error detected: Value '0' at 'flexibleTimeWindow.maximumWindowInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      { Mode: 'FLEXIBLE' as const, MaximumWindowInMinutes: 1441 },
      "1 validation error detected: Value '1441' at 'flexibleTimeWindow.maximumWindowInMinutes' failed to satisfy constraint: Member must have value less than or equal to 1440",
    ],
  ])('refuses %j', async (window, message) => {
    await expectRefused((input) => ({ ...input, FlexibleTimeWindow: window }), message);
  });

  it('takes the bounds of the window', async () => {
    for (const minutes of [1, 1440]) {
      const name = uniqueName('window');
      const created = await scheduler().send(
        new CreateScheduleCommand({
          ...minimalSchedule(name),
          FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: minutes },
        }),
      );
      expect(created.ScheduleArn).toBe(
        `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/${name}`,
      );
      const stored = await scheduler().send(new GetScheduleCommand({ Name: name }));
      expect(stored.FlexibleTimeWindow).toEqual({
        Mode: 'FLEXIBLE',
        MaximumWindowInMinutes: minutes,
      });
    }
  });
});

describe('start and end dates', () => {
  it('refuses a recurring schedule starting more than 5 minutes ago', async () => {
    await expectRefused(
      (input) => ({ ...input, StartDate: minutesFromNow(-6) }),
      'The StartDate you specify cannot be earlier than 5 minutes ago.',
    );
  });

  it('refuses an end not after the start, or already past', async () => {
    await expectRefused(
      (input) => ({ ...input, StartDate: minutesFromNow(60), EndDate: minutesFromNow(30) }),
      'The EndDate you specify must be later than the StartDate.',
    );
    await expectRefused(
      (input) => ({ ...input, StartDate: minutesFromNow(60), EndDate: minutesFromNow(60) }),
      'The EndDate you specify must be later than the StartDate.',
    );
    await expectRefused(
      (input) => ({ ...input, EndDate: minutesFromNow(-1) }),
      'The EndDate you specify cannot be earlier than the current time.',
    );
  });

  it('takes a start up to 5 minutes ago, and ignores both dates of a one-time schedule', async () => {
    await scheduler().send(
      new CreateScheduleCommand({
        ...minimalSchedule(uniqueName('recent')),
        StartDate: minutesFromNow(-4),
      }),
    );
    const name = uniqueName('once');
    await scheduler().send(
      new CreateScheduleCommand({
        ...minimalSchedule(name),
        ScheduleExpression: 'at(2030-01-01T00:00:00)',
        StartDate: minutesFromNow(-600),
        EndDate: minutesFromNow(-700),
      }),
    );
    const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
    expect(got.StartDate).toEqual(minutesFromNow(-600));
  });
});

describe('the target', () => {
  it.each([
    [
      { RetryPolicy: { MaximumEventAgeInSeconds: 59, MaximumRetryAttempts: 186 } },
      "2 validation errors detected: Value '59' at 'target.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60; Value '186' at 'target.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185",
    ],
    [
      { RetryPolicy: { MaximumEventAgeInSeconds: 86401, MaximumRetryAttempts: -1 } },
      "2 validation errors detected: Value '86401' at 'target.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 86400; Value '-1' at 'target.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value greater than or equal to 0",
    ],
    [
      {
        EcsParameters: {
          TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/t:1',
          TaskCount: 11,
        },
      },
      "1 validation error detected: Value '11' at 'target.ecsParameters.taskCount' failed to satisfy constraint: Member must have value less than or equal to 10",
    ],
    [
      {
        EcsParameters: {
          TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/t:1',
          TaskCount: 0,
        },
      },
      "1 validation error detected: Value '0' at 'target.ecsParameters.taskCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      { DeadLetterConfig: { Arn: 'arn:aws:sns:us-east-1:000000000000:topic' } },
      "1 validation error detected: Value 'arn:aws:sns:us-east-1:000000000000:topic' at 'target.deadLetterConfig.arn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+$",
    ],
    [
      { RoleArn: 'EcsRole' },
      "1 validation error detected: Value 'EcsRole' at 'target.roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws(-[a-z]+)?:iam::\\d{12}:role\\/[\\w+=,.@\\/-]+$",
    ],
  ])('refuses %j', async (change, message) => {
    await expectRefused((input) => ({ ...input, Target: { ...seedTarget(), ...change } }), message);
  });

  it('refuses a target without a role', async () => {
    await expectRefused(
      (input) => ({ ...input, Target: { Arn: CLUSTER_ARN } as typeof input.Target }),
      "1 validation error detected: Value null at 'target.roleArn' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('the role Scheduler assumes', () => {
  const refusal =
    'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.';

  it('refuses a role that does not exist', async () => {
    await expectRefused(
      (input) => ({
        ...input,
        Target: { ...input.Target!, RoleArn: `arn:aws:iam::${ACCOUNT}:role/NoSuchRole` },
      }),
      refusal,
    );
  });

  it('refuses a role that trusts EventBridge rules rather than Scheduler', async () => {
    const arn = await createRole(
      teiki,
      uniqueName('EventsRole'),
      trustPolicy('events.amazonaws.com'),
    );
    await expectRefused(
      (input) => ({ ...input, Target: { ...input.Target!, RoleArn: arn } }),
      refusal,
    );
  });

  it('refuses a role named with another path than its own', async () => {
    const name = uniqueName('PathRole');
    await createRole(teiki, name);
    await expectRefused(
      (input) => ({
        ...input,
        Target: { ...input.Target!, RoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/${name}` },
      }),
      refusal,
    );
  });

  it("evaluates the trust policy's conditions on the source account and group", async () => {
    const groupArn = `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule-group/default`;
    const allowed = await createRole(
      teiki,
      uniqueName('Confined'),
      trustPolicy('scheduler.amazonaws.com', {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnEquals: { 'aws:SourceArn': groupArn },
      }),
    );
    await scheduler().send(
      new CreateScheduleCommand({
        ...minimalSchedule(uniqueName('confined')),
        Target: { Arn: CLUSTER_ARN, RoleArn: allowed },
      }),
    );
    const elsewhere = await createRole(
      teiki,
      uniqueName('Elsewhere'),
      trustPolicy('scheduler.amazonaws.com', {
        ArnLike: { 'aws:SourceArn': `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/*` },
      }),
    );
    await expectRefused(
      (input) => ({ ...input, Target: { ...input.Target!, RoleArn: elsewhere } }),
      refusal,
    );
  });
});

describe('names and conflicts', () => {
  it('refuses a name the model does not allow', async () => {
    await expectSchedulerError(
      scheduler().send(new CreateScheduleCommand(minimalSchedule('daily job'))),
      'ValidationException',
      "1 validation error detected: Value 'daily job' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$",
    );
  });

  it('refuses a schedule that exists, and one in a group that does not', async () => {
    const name = uniqueName('twice');
    await scheduler().send(new CreateScheduleCommand(minimalSchedule(name)));
    await expectSchedulerError(
      scheduler().send(new CreateScheduleCommand(minimalSchedule(name))),
      'ConflictException',
      `Schedule ${name} already exists.`,
      409,
    );
    await expectSchedulerError(
      scheduler().send(new CreateScheduleCommand(minimalSchedule(name, 'nowhere'))),
      'ResourceNotFoundException',
      'Schedule group nowhere does not exist.',
      404,
    );
  });
});
