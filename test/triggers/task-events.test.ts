/**
 * ECS task state changes flow onto the default bus: a rule whose pattern matches stopped
 * tasks that failed sends them to a log group ("log every failed scheduled task"), and
 * PutEvents reaches rules on a custom bus the same way.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTaskFixture, type TaskFixture } from '../services/ecs/tasks-fixtures.js';

let f: TaskFixture;
let events: EventBridgeClient;
let logs: CloudWatchLogsClient;
const GROUP_ARN = (name: string) => `arn:aws:logs:us-east-1:000000000000:log-group:${name}`;

beforeAll(async () => {
  f = await startTaskFixture();
  events = new EventBridgeClient(f.teiki.clientConfig());
  logs = new CloudWatchLogsClient(f.teiki.clientConfig());
});
afterAll(() => f.close());

/** The messages a log group received, one stream per event. */
async function messages(group: string): Promise<string[]> {
  const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
  const out: string[] = [];
  for (const stream of streams.logStreams ?? []) {
    const got = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream.logStreamName,
        startFromHead: true,
      }),
    );
    out.push(...(got.events ?? []).map((e) => e.message ?? ''));
  }
  return out;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('logs every task that stopped with a non-zero exit code', async () => {
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/failed-tasks' }));
  await events.send(
    new PutRuleCommand({
      Name: 'failed-tasks',
      EventPattern: JSON.stringify({
        source: ['aws.ecs'],
        'detail-type': ['ECS Task State Change'],
        detail: { lastStatus: ['STOPPED'], containers: { exitCode: [{ 'anything-but': 0 }] } },
      }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'failed-tasks',
      Targets: [
        {
          Id: 'log',
          Arn: GROUP_ARN('/failed-tasks'),
          InputTransformer: {
            InputPathsMap: { task: '$.detail.taskArn', code: '$.detail.containers[0].exitCode' },
            InputTemplate: '"task <task> exited with <code>"',
          },
        },
      ],
    }),
  );
  const family = await f.register([{ name: 'app', image: 'x', command: ['sh', '-c', 'exit 5'] }]);
  const okFamily = await f.register([{ name: 'app', image: 'x', command: ['true'] }]);
  const failed = await f.run(family);
  const fine = await f.run(okFamily);
  await f.waitStopped(failed.taskArn ?? '');
  await f.waitStopped(fine.taskArn ?? '');
  const got = await eventually(
    () => messages('/failed-tasks'),
    (m) => m.length > 0,
  );
  expect(got).toEqual([`"task ${failed.taskArn} exited with 5"`]);
});

it('routes PutEvents on a custom bus to the matching rule only', async () => {
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/orders' }));
  await events.send(new CreateEventBusCommand({ Name: 'orders' }));
  await events.send(
    new PutRuleCommand({
      Name: 'big-orders',
      EventBusName: 'orders',
      EventPattern: JSON.stringify({
        source: ['shop'],
        detail: { total: [{ numeric: ['>', 100] }] },
      }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'big-orders',
      EventBusName: 'orders',
      Targets: [{ Id: 'log', Arn: GROUP_ARN('/orders'), InputPath: '$.detail' }],
    }),
  );
  const out = await events.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: 'orders', Source: 'shop', DetailType: 'order', Detail: '{"total": 250}' },
        { EventBusName: 'orders', Source: 'shop', DetailType: 'order', Detail: '{"total": 20}' },
        { Source: 'shop', DetailType: 'order', Detail: '{"total": 999}' },
      ],
    }),
  );
  expect(out.FailedEntryCount).toBe(0);
  const got = await eventually(
    () => messages('/orders'),
    (m) => m.length > 0,
  );
  expect(got).toEqual(['{"total":250}']);
});
