/** restJson1 against the real @aws-sdk/client-scheduler. */
import { describe, expect, it } from 'vitest';
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  SchedulerClient,
  UntagResourceCommand,
} from '@aws-sdk/client-scheduler';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import { ServiceError } from '../../../src/services/error.js';
import type { Target } from '@aws-sdk/client-scheduler';
import { bodyJson, clientOptions, fakeAws, realSchema } from './helpers.js';

const codec = codecFor('rest-json');
const schema = realSchema('scheduler');

const target: Target = {
  Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default',
  RoleArn: 'arn:aws:iam::000000000000:role/scheduler',
  Input: '{"containerOverrides":[{"name":"app","command":["php","artisan","sample:logger"]}]}',
  EcsParameters: {
    TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/sample:1',
    TaskCount: 1,
    LaunchType: 'FARGATE',
    EnableExecuteCommand: false,
    NetworkConfiguration: {
      awsvpcConfiguration: { Subnets: ['subnet-1'], AssignPublicIp: 'ENABLED' },
    },
  },
  RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
};

describe('restJson1 with @aws-sdk/client-scheduler', () => {
  it('CreateSchedule: URI label, body members and timestamps in', async () => {
    const arn = 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/daily';
    const fake = fakeAws(codec, schema, () => ({ ScheduleArn: arn }));
    const out = await new SchedulerClient(clientOptions(fake)).send(
      new CreateScheduleCommand({
        Name: 'daily',
        GroupName: 'default',
        ScheduleExpression: 'cron(20 2 * * ? *)',
        ScheduleExpressionTimezone: 'Asia/Tokyo',
        StartDate: new Date('2026-11-28T00:00:00Z'),
        EndDate: new Date('2027-11-28T00:00:00.250Z'),
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: target,
      }),
    );
    expect(fake.calls[0]).toMatchObject({
      operation: 'CreateSchedule',
      request: { method: 'POST', path: '/schedules/daily' },
    });
    expect(fake.calls[0]?.input).toEqual({
      Name: 'daily',
      GroupName: 'default',
      ScheduleExpression: 'cron(20 2 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Tokyo',
      StartDate: new Date('2026-11-28T00:00:00Z'),
      EndDate: new Date('2027-11-28T00:00:00.250Z'),
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: target,
      ClientToken: expect.any(String),
    });
    expect(out.ScheduleArn).toBe(arn);
  });

  it('GetSchedule: a label and a query parameter in, timestamps out', async () => {
    const created = new Date('2026-11-28T10:05:09.5Z');
    const fake = fakeAws(codec, schema, () => ({
      Name: 'daily',
      GroupName: 'g1',
      Arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/g1/daily',
      ScheduleExpression: 'rate(5 minutes)',
      State: 'DISABLED',
      CreationDate: created,
      LastModificationDate: created,
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: target,
    }));
    const out = await new SchedulerClient(clientOptions(fake)).send(
      new GetScheduleCommand({ Name: 'daily', GroupName: 'g1' }),
    );
    expect(fake.calls[0]?.input).toEqual({ Name: 'daily', GroupName: 'g1' });
    expect(out).toMatchObject({
      Name: 'daily',
      GroupName: 'g1',
      State: 'DISABLED',
      CreationDate: created,
      LastModificationDate: created,
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: target,
    });
    expect(bodyJson(fake.responses[0]!)).toMatchObject({ CreationDate: 1795860309.5 });
  });

  it('ListSchedules: query parameters in, a list of summaries out', async () => {
    const fake = fakeAws(codec, schema, () => ({
      Schedules: [
        {
          Name: 'a',
          GroupName: 'default',
          State: 'ENABLED',
          Target: { Arn: target.Arn },
          CreationDate: new Date(0),
        },
      ],
      NextToken: 'n2',
    }));
    const out = await new SchedulerClient(clientOptions(fake)).send(
      new ListSchedulesCommand({
        GroupName: 'default',
        NamePrefix: 'a',
        State: 'ENABLED',
        MaxResults: 10,
        NextToken: 'n1',
      }),
    );
    expect(fake.calls[0]?.request.path).toBe('/schedules');
    expect(fake.calls[0]?.input).toEqual({
      GroupName: 'default',
      NamePrefix: 'a',
      State: 'ENABLED',
      MaxResults: 10,
      NextToken: 'n1',
    });
    expect(out.Schedules).toEqual([
      {
        Name: 'a',
        GroupName: 'default',
        State: 'ENABLED',
        Target: { Arn: target.Arn },
        CreationDate: new Date(0),
      },
    ]);
    expect(out.NextToken).toBe('n2');
  });

  it('ListTagsForResource and UntagResource: an ARN label with slashes, a repeated query key', async () => {
    const arn = 'arn:aws:scheduler:us-east-1:000000000000:schedule-group/my group';
    const fake = fakeAws(codec, schema, (operation) =>
      operation === 'ListTagsForResource' ? { Tags: [{ Key: 'k', Value: 'v' }] } : {},
    );
    const client = new SchedulerClient(clientOptions(fake));
    const tags = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a', 'b c'] }));
    expect(tags.Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    expect(fake.calls.map((c) => [c.operation, c.input])).toEqual([
      ['ListTagsForResource', { ResourceArn: arn }],
      ['UntagResource', { ResourceArn: arn, TagKeys: ['a', 'b c'] }],
    ]);
  });

  it('DeleteSchedule: an empty output', async () => {
    const fake = fakeAws(codec, schema, () => ({}));
    const out = await new SchedulerClient(clientOptions(fake)).send(
      new DeleteScheduleCommand({ Name: 'daily' }),
    );
    expect(fake.calls[0]?.input).toEqual({ Name: 'daily', ClientToken: expect.any(String) });
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, requestId: 'req-0001' });
  });

  it.each([
    ['ResourceNotFoundException', 404, 'client', 'Schedule daily does not exist.'],
    ['ConflictException', 409, 'client', 'Schedule daily already exists.'],
    ['ValidationException', 400, 'client', 'Invalid request'],
    ['InternalServerException', 500, 'server', 'Unexpected error'],
  ])('the SDK reads %s (%d) with its message', async (code, status, fault, message) => {
    const fake = fakeAws(codec, schema, () => {
      throw new ServiceError({ code, message });
    });
    const error = await new SchedulerClient(clientOptions(fake))
      .send(new GetScheduleCommand({ Name: 'daily' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: code, message, $fault: fault });
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(
      status,
    );
  });

  it('the SDK reads an unknown route as UnknownOperationException', async () => {
    const { GetSchedule: _dropped, ...operations } = schema.operations;
    const fake = fakeAws(codec, { ...schema, operations }, () => ({}));
    const error = await new SchedulerClient(clientOptions(fake))
      .send(new GetScheduleCommand({ Name: 'daily' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'UnknownOperationException',
      message: 'Unknown Operation',
    });
    expect(fake.responses[0]?.status).toBe(404);
  });
});
