/**
 * CreateSchedule, GetSchedule, UpdateSchedule and DeleteSchedule through the SDK: the
 * schedule as AWS answers it (defaults included), full replacement on update, and
 * ClientToken replays.
 */
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  UpdateScheduleCommand,
  type Target,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import { raw, startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import {
  CLUSTER_ARN,
  ROLE_ARN,
  SEED_INPUT,
  TASK_DEFINITION_ARN,
  createRole,
  expectSchedulerError,
  minimalSchedule,
  scheduleArnOf,
  schedulerClient,
  seedSchedule,
  seedTarget,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory', '--clock', 'virtual']);
  await createRole(teiki);
});
afterAll(() => teiki.close());

const scheduler = () => schedulerClient(teiki);
const DEFAULT_RETRY = { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 };
const withoutMetadata = <T extends { $metadata?: unknown }>(out: T) => {
  const { $metadata: _metadata, ...rest } = out;
  return rest;
};

describe('CreateSchedule and GetSchedule', () => {
  it("stores the seed's job in Japan time and answers it with AWS's defaults", async () => {
    const name = uniqueName('seed');
    const created = await scheduler().send(new CreateScheduleCommand(seedSchedule(name)));
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.ScheduleArn).toBe(scheduleArnOf(name));
    const now = teiki.clock.now();
    const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
    expect(withoutMetadata(got)).toEqual({
      ActionAfterCompletion: 'NONE',
      Arn: scheduleArnOf(name),
      CreationDate: now,
      FlexibleTimeWindow: { Mode: 'OFF' },
      GroupName: 'default',
      LastModificationDate: now,
      Name: name,
      ScheduleExpression: 'cron(20 11 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Tokyo',
      State: 'ENABLED',
      Target: { ...seedTarget(), RetryPolicy: DEFAULT_RETRY },
    });
  });

  it('answers UTC for a schedule given no time zone', async () => {
    const name = uniqueName('utc');
    await scheduler().send(new CreateScheduleCommand(minimalSchedule(name)));
    const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
    expect(got.ScheduleExpressionTimezone).toBe('UTC');
    expect(got.Target).toEqual({ Arn: CLUSTER_ARN, RoleArn: ROLE_ARN, RetryPolicy: DEFAULT_RETRY });
  });

  it('keeps every member given, and fills the retry policy member left out', async () => {
    const name = uniqueName('full');
    const start = new Date(teiki.clock.nowMs() + 3_600_000);
    const end = new Date(teiki.clock.nowMs() + 86_400_000);
    const target: Target = {
      ...seedTarget(),
      RetryPolicy: { MaximumRetryAttempts: 0 },
      DeadLetterConfig: { Arn: `arn:aws:sqs:us-east-1:000000000000:dead-letters` },
    };
    await scheduler().send(
      new CreateScheduleCommand({
        Name: name,
        Description: 'the daily logger',
        ScheduleExpression: 'rate(1 day)',
        ScheduleExpressionTimezone: 'America/New_York',
        StartDate: start,
        EndDate: end,
        State: 'DISABLED',
        FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
        ActionAfterCompletion: 'DELETE',
        KmsKeyArn: 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        Target: target,
      }),
    );
    const got = await scheduler().send(
      new GetScheduleCommand({ Name: name, GroupName: 'default' }),
    );
    expect(got).toMatchObject({
      Description: 'the daily logger',
      StartDate: start,
      EndDate: end,
      State: 'DISABLED',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      ActionAfterCompletion: 'DELETE',
      KmsKeyArn: 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ScheduleExpressionTimezone: 'America/New_York',
    });
    expect(got.Target).toEqual({
      ...target,
      RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 0 },
    });
  });

  it('keeps every ECS parameter in Scheduler’s shape', async () => {
    const name = uniqueName('ecs');
    const target: Target = {
      Arn: CLUSTER_ARN,
      RoleArn: ROLE_ARN,
      Input: SEED_INPUT,
      RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 3 },
      EcsParameters: {
        TaskDefinitionArn: TASK_DEFINITION_ARN,
        TaskCount: 10,
        CapacityProviderStrategy: [
          { capacityProvider: 'FARGATE_SPOT', weight: 3, base: 1 },
          { capacityProvider: 'FARGATE', weight: 1, base: 0 },
        ],
        EnableECSManagedTags: true,
        EnableExecuteCommand: false,
        Group: 'family:task-scheduler',
        NetworkConfiguration: {
          awsvpcConfiguration: {
            Subnets: ['subnet-1'],
            SecurityGroups: ['sg-1', 'sg-2'],
            AssignPublicIp: 'ENABLED',
          },
        },
        PlacementConstraints: [{ type: 'distinctInstance' }],
        PlacementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
        PlatformVersion: 'LATEST',
        PropagateTags: 'TASK_DEFINITION',
        ReferenceId: 'nightly',
        Tags: [{ key: 'team', value: 'batch' }],
      },
    };
    await scheduler().send(new CreateScheduleCommand({ ...minimalSchedule(name), Target: target }));
    const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
    expect(got.Target).toEqual(target);
  });

  it('takes the universal target form with a RunTask request as its input', async () => {
    const name = uniqueName('universal');
    const input = JSON.stringify({
      Cluster: 'task-scheduler',
      TaskDefinition: 'task-scheduler',
      LaunchType: 'FARGATE',
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'] } },
    });
    const target: Target = {
      Arn: 'arn:aws:scheduler:::aws-sdk:ecs:runTask',
      RoleArn: ROLE_ARN,
      Input: input,
    };
    await scheduler().send(new CreateScheduleCommand({ ...minimalSchedule(name), Target: target }));
    const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
    expect(got.Target).toEqual({ ...target, RetryPolicy: DEFAULT_RETRY });
  });

  it('creates a one-time schedule in a group of its own', async () => {
    const group = uniqueName('group');
    const name = uniqueName('once');
    await scheduler().send(new CreateScheduleGroupCommand({ Name: group }));
    const created = await scheduler().send(
      new CreateScheduleCommand({
        ...minimalSchedule(name, group),
        ScheduleExpression: 'at(2030-01-01T09:00:00)',
        ScheduleExpressionTimezone: 'Asia/Tokyo',
        ActionAfterCompletion: 'DELETE',
      }),
    );
    expect(created.ScheduleArn).toBe(scheduleArnOf(name, group));
    const got = await scheduler().send(new GetScheduleCommand({ Name: name, GroupName: group }));
    expect(got).toMatchObject({ GroupName: group, ActionAfterCompletion: 'DELETE' });
    await expectSchedulerError(
      scheduler().send(new GetScheduleCommand({ Name: name })),
      'ResourceNotFoundException',
      `Schedule ${name} does not exist.`,
      404,
    );
  });

  it('accepts the expressions Scheduler accepts', async () => {
    for (const expression of [
      'rate(1 minute)',
      'rate(2 minute)',
      'rate(5 minutes)',
      'rate(1 hours)',
      'cron(0/15 8-17 ? * MON-FRI *)',
      'cron(0 12 L * ? 2030)',
      'at(2030-12-31T23:59:59)',
    ]) {
      const name = uniqueName('expr');
      await scheduler().send(
        new CreateScheduleCommand({ ...minimalSchedule(name), ScheduleExpression: expression }),
      );
      const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
      expect(got.ScheduleExpression).toBe(expression);
    }
  });
});

describe('ClientToken', () => {
  it('replays a create repeated with the same token, and refuses any other repeat', async () => {
    const name = uniqueName('token');
    const request = { ...minimalSchedule(name), ClientToken: 'retry-1' };
    const first = await scheduler().send(new CreateScheduleCommand(request));
    await (teiki.clock as VirtualClock).advance(1000);
    const again = await scheduler().send(new CreateScheduleCommand(request));
    expect(again.ScheduleArn).toBe(first.ScheduleArn);
    const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
    expect(got.LastModificationDate).toEqual(got.CreationDate);
    for (const repeat of [
      { ...request, ClientToken: 'retry-2' },
      { ...request, Description: 'changed' },
      minimalSchedule(name),
    ]) {
      await expectSchedulerError(
        scheduler().send(new CreateScheduleCommand(repeat)),
        'ConflictException',
        `Schedule ${name} already exists.`,
        409,
      );
    }
  });

  it('does not replay a token once its schedule was deleted and made again', async () => {
    const name = uniqueName('token');
    const request = { ...minimalSchedule(name), ClientToken: 'retry-1' };
    await scheduler().send(new CreateScheduleCommand(request));
    await scheduler().send(new DeleteScheduleCommand({ Name: name }));
    await scheduler().send(new CreateScheduleCommand({ ...request, ClientToken: 'other' }));
    await expectSchedulerError(
      scheduler().send(new CreateScheduleCommand(request)),
      'ConflictException',
      `Schedule ${name} already exists.`,
      409,
    );
  });
});

describe('UpdateSchedule', () => {
  it('replaces the whole schedule: members left out are cleared', async () => {
    const name = uniqueName('update');
    await scheduler().send(
      new CreateScheduleCommand({
        ...seedSchedule(name),
        Description: 'before',
        State: 'DISABLED',
        ActionAfterCompletion: 'DELETE',
        FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 60 },
        Target: {
          ...seedTarget(),
          DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:d' },
        },
      }),
    );
    const created = teiki.clock.now();
    await (teiki.clock as VirtualClock).advance(60_000);
    const out = await scheduler().send(
      new UpdateScheduleCommand({
        Name: name,
        ScheduleExpression: 'rate(2 minute)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: CLUSTER_ARN, RoleArn: ROLE_ARN },
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.ScheduleArn).toBe(scheduleArnOf(name));
    const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
    expect(withoutMetadata(got)).toEqual({
      ActionAfterCompletion: 'NONE',
      Arn: scheduleArnOf(name),
      CreationDate: created,
      FlexibleTimeWindow: { Mode: 'OFF' },
      GroupName: 'default',
      LastModificationDate: teiki.clock.now(),
      Name: name,
      ScheduleExpression: 'rate(2 minute)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      Target: { Arn: CLUSTER_ARN, RoleArn: ROLE_ARN, RetryPolicy: DEFAULT_RETRY },
    });
  });

  it('refuses a schedule or group that does not exist, and bad settings', async () => {
    const name = uniqueName('missing');
    const update = {
      Name: name,
      ScheduleExpression: 'rate(1 hour)',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      Target: { Arn: CLUSTER_ARN, RoleArn: ROLE_ARN },
    };
    await expectSchedulerError(
      scheduler().send(new UpdateScheduleCommand(update)),
      'ResourceNotFoundException',
      `Schedule ${name} does not exist.`,
      404,
    );
    await expectSchedulerError(
      scheduler().send(new UpdateScheduleCommand({ ...update, GroupName: 'nowhere' })),
      'ResourceNotFoundException',
      'Schedule group nowhere does not exist.',
      404,
    );
    await scheduler().send(new CreateScheduleCommand(minimalSchedule(name)));
    await expectSchedulerError(
      scheduler().send(
        new UpdateScheduleCommand({ ...update, ScheduleExpression: 'rate(0 hours)' }),
      ),
      'ValidationException',
      'Invalid Schedule Expression rate(0 hours).',
    );
    const got = await scheduler().send(new GetScheduleCommand({ Name: name }));
    expect(got.ScheduleExpression).toBe('rate(1 hour)');
  });
});

describe('DeleteSchedule', () => {
  it('deletes once, then answers that the schedule does not exist', async () => {
    const name = uniqueName('delete');
    await scheduler().send(new CreateScheduleCommand(minimalSchedule(name)));
    const out = await scheduler().send(new DeleteScheduleCommand({ Name: name }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    for (const send of [
      () => scheduler().send(new DeleteScheduleCommand({ Name: name })),
      () => scheduler().send(new GetScheduleCommand({ Name: name })),
    ]) {
      await expectSchedulerError(
        send(),
        'ResourceNotFoundException',
        `Schedule ${name} does not exist.`,
        404,
      );
    }
    await expectSchedulerError(
      scheduler().send(new DeleteScheduleCommand({ Name: name, GroupName: 'nowhere' })),
      'ResourceNotFoundException',
      'Schedule group nowhere does not exist.',
      404,
    );
  });
});

describe('errors on the wire', () => {
  it('carry the code in x-amzn-ErrorType and the text in Message, as AWS sends them', async () => {
    const res = await raw(teiki.url, { method: 'GET', path: '/schedules/absent' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(JSON.parse(res.text)).toEqual({ Message: 'Schedule absent does not exist.' });
  });
});
