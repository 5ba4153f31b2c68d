/**
 * awsJson1_1 against the real AWS SDK v3 clients: the SDK serializes a request, the
 * codec decodes it; the codec encodes a response or an error, the SDK deserializes it.
 */
import { describe, expect, it } from 'vitest';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  PutLogEventsCommand,
  CreateLogGroupCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient, DescribeTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { codecFor } from '../../../src/gateway/protocols/index.js';
import { ServiceError } from '../../../src/services/error.js';
import { clientOptions, fakeAws, realSchema } from './helpers.js';

const codec = codecFor('json');

describe('awsJson1_1 with @aws-sdk/client-cloudwatch-logs', () => {
  const schema = realSchema('logs');

  it('decodes PutLogEvents and the SDK reads its output', async () => {
    const fake = fakeAws(codec, schema, () => ({
      nextSequenceToken: 'tok-2',
      rejectedLogEventsInfo: { tooOldLogEventEndIndex: 1 },
    }));
    const client = new CloudWatchLogsClient(clientOptions(fake));
    const out = await client.send(
      new PutLogEventsCommand({
        logGroupName: '/ecs/sample',
        logStreamName: 'ecs/app/abc',
        logEvents: [
          { timestamp: 1795860309123, message: 'hello "world" <&>' },
          { timestamp: 1795860310000, message: '定期' },
        ],
      }),
    );
    expect(fake.calls[0]).toMatchObject({
      operation: 'PutLogEvents',
      input: {
        logGroupName: '/ecs/sample',
        logStreamName: 'ecs/app/abc',
        logEvents: [
          { timestamp: 1795860309123, message: 'hello "world" <&>' },
          { timestamp: 1795860310000, message: '定期' },
        ],
      },
    });
    expect(out.nextSequenceToken).toBe('tok-2');
    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    expect(out.$metadata.requestId).toBe('req-0001');
  });

  it('the SDK reads DescribeLogGroups output', async () => {
    const fake = fakeAws(codec, schema, () => ({
      logGroups: [
        {
          logGroupName: '/ecs/sample',
          creationTime: 1795860309123,
          retentionInDays: 7,
          storedBytes: 0,
          arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/ecs/sample:*',
        },
      ],
      nextToken: undefined,
    }));
    const client = new CloudWatchLogsClient(clientOptions(fake));
    const out = await client.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs', limit: 5 }),
    );
    expect(fake.calls[0]?.input).toEqual({ logGroupNamePrefix: '/ecs', limit: 5 });
    expect(out.logGroups).toEqual([
      {
        logGroupName: '/ecs/sample',
        creationTime: 1795860309123,
        retentionInDays: 7,
        storedBytes: 0,
        arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/ecs/sample:*',
      },
    ]);
    expect(out.nextToken).toBeUndefined();
  });

  it('the SDK reads an error as its modeled exception with the message', async () => {
    const fake = fakeAws(codec, schema, () => {
      throw new ServiceError({
        code: 'ResourceAlreadyExistsException',
        message: 'The specified log group already exists',
      });
    });
    const client = new CloudWatchLogsClient(clientOptions(fake));
    const error = await client
      .send(new CreateLogGroupCommand({ logGroupName: 'g' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
      $fault: 'client',
    });
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  });

  it('the SDK reads an unknown operation as UnknownOperationException', async () => {
    const { PutLogEvents: _dropped, ...operations } = schema.operations;
    const fake = fakeAws(codec, { ...schema, operations }, () => ({}));
    const client = new CloudWatchLogsClient(clientOptions(fake));
    const error = await client
      .send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents: [] }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnknownOperationException' });
    expect(fake.responses[0]?.status).toBe(400);
  });
});

describe('awsJson1_1 with @aws-sdk/client-ecs', () => {
  const schema = realSchema('ecs');

  it('decodes RunTask with overrides, network configuration and tags', async () => {
    const fake = fakeAws(codec, schema, () => ({ tasks: [], failures: [] }));
    const client = new ECSClient(clientOptions(fake));
    await client.send(
      new RunTaskCommand({
        cluster: 'default',
        taskDefinition: 'sample:1',
        launchType: 'FARGATE',
        count: 1,
        enableExecuteCommand: false,
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], assignPublicIp: 'ENABLED' },
        },
        overrides: {
          containerOverrides: [
            {
              name: 'app',
              command: ['php', 'artisan', 'sample:logger'],
              environment: [{ name: 'A', value: '1' }],
            },
          ],
        },
        tags: [{ key: 'k', value: 'v' }],
      }),
    );
    expect(fake.calls[0]?.input).toEqual({
      cluster: 'default',
      taskDefinition: 'sample:1',
      launchType: 'FARGATE',
      count: 1,
      enableExecuteCommand: false,
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], assignPublicIp: 'ENABLED' },
      },
      overrides: {
        containerOverrides: [
          {
            name: 'app',
            command: ['php', 'artisan', 'sample:logger'],
            environment: [{ name: 'A', value: '1' }],
          },
        ],
      },
      tags: [{ key: 'k', value: 'v' }],
      // The SDK fills the idempotency token.
      clientToken: expect.any(String),
    });
  });

  it('the SDK reads timestamps, numbers and nested lists of DescribeTasks', async () => {
    const createdAt = new Date('2026-11-28T02:20:00.125Z');
    const fake = fakeAws(codec, schema, () => ({
      tasks: [
        {
          taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/default/abc',
          createdAt,
          stoppedAt: new Date('2026-11-28T02:20:05Z'),
          containers: [{ name: 'app', exitCode: 0, networkInterfaces: [] }],
          lastStatus: 'STOPPED',
          version: 3,
        },
      ],
      failures: [],
    }));
    const client = new ECSClient(clientOptions(fake));
    const out = await client.send(
      new DescribeTasksCommand({ cluster: 'default', tasks: ['abc'], include: ['TAGS'] }),
    );
    expect(out.tasks?.[0]).toEqual({
      taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/default/abc',
      createdAt,
      stoppedAt: new Date('2026-11-28T02:20:05Z'),
      containers: [{ name: 'app', exitCode: 0, networkInterfaces: [] }],
      lastStatus: 'STOPPED',
      version: 3,
    });
    expect(out.failures).toEqual([]);
  });

  it('the SDK reads ClusterNotFoundException', async () => {
    const fake = fakeAws(codec, schema, () => {
      throw new ServiceError({ code: 'ClusterNotFoundException', message: 'Cluster not found.' });
    });
    const client = new ECSClient(clientOptions(fake));
    const error = await client
      .send(new DescribeTasksCommand({ tasks: ['x'] }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ClusterNotFoundException',
      message: 'Cluster not found.',
    });
  });
});

describe('awsJson1_1 with @aws-sdk/client-eventbridge', () => {
  const schema = realSchema('events');

  it('decodes PutRule and PutTargets with ECS parameters', async () => {
    const fake = fakeAws(codec, schema, (operation) =>
      operation === 'PutRule'
        ? { RuleArn: 'arn:aws:events:us-east-1:000000000000:rule/daily' }
        : { FailedEntryCount: 0, FailedEntries: [] },
    );
    const client = new EventBridgeClient(clientOptions(fake));
    const rule = await client.send(
      new PutRuleCommand({
        Name: 'daily',
        ScheduleExpression: 'cron(20 2 * * ? *)',
        State: 'ENABLED',
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    expect(rule.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/daily');
    const targets = await client.send(
      new PutTargetsCommand({
        Rule: 'daily',
        Targets: [
          {
            Id: 't1',
            Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default',
            RoleArn: 'arn:aws:iam::000000000000:role/events',
            Input:
              '{"containerOverrides":[{"name":"app","command":["php","artisan","sample:logger"]}]}',
            EcsParameters: {
              TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/sample:1',
              TaskCount: 1,
              LaunchType: 'FARGATE',
            },
          },
        ],
      }),
    );
    expect(targets).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    expect(fake.calls.map((c) => c.input)).toEqual([
      {
        Name: 'daily',
        ScheduleExpression: 'cron(20 2 * * ? *)',
        State: 'ENABLED',
        Tags: [{ Key: 'k', Value: 'v' }],
      },
      {
        Rule: 'daily',
        Targets: [
          {
            Id: 't1',
            Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default',
            RoleArn: 'arn:aws:iam::000000000000:role/events',
            Input:
              '{"containerOverrides":[{"name":"app","command":["php","artisan","sample:logger"]}]}',
            EcsParameters: {
              TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/sample:1',
              TaskCount: 1,
              LaunchType: 'FARGATE',
            },
          },
        ],
      },
    ]);
  });
});
