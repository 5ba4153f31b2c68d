import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogStreamCommand,
  DescribeLogStreamsCommand,
  paginateDescribeLogStreams,
  type LogStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../../helpers/teiki.js';
import {
  advanceClock,
  createGroupWithStream,
  expectLogsError,
  logsClient,
  MINUTE,
  put,
  START,
  START_MS,
  uniqueName,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(START));
});
afterAll(() => teiki.close());

const logs = () => logsClient(teiki);
const names = (streams: LogStream[] | undefined) => (streams ?? []).map((s) => s.logStreamName);

describe('CreateLogStream and DeleteLogStream', () => {
  it('creates a stream that DescribeLogStreams shows as AWS does before any event', async () => {
    const group = uniqueName('/ecs/app');
    await createGroupWithStream(logs(), group, 'ecs/web/0123');
    const out = await logs().send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(out.logStreams).toEqual([
      {
        logStreamName: 'ecs/web/0123',
        creationTime: teiki.clock.nowMs(),
        arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:log-stream:ecs/web/0123`,
        storedBytes: 0,
      },
    ]);
  });

  it('refuses a stream that exists, and a stream of a missing group', async () => {
    const group = uniqueName('dup');
    await createGroupWithStream(logs(), group, 's');
    await expectLogsError(
      logs().send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 's' })),
      'ResourceAlreadyExistsException',
      'The specified log stream already exists',
    );
    await expectLogsError(
      logs().send(
        new CreateLogStreamCommand({ logGroupName: uniqueName('no'), logStreamName: 's' }),
      ),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });

  it('refuses a stream name with a colon (model pattern)', async () => {
    const group = uniqueName('colon');
    await createGroupWithStream(logs(), group);
    await expectLogsError(
      logs().send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'a:b' })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*",
    );
  });

  it('deletes a stream, then answers ResourceNotFoundException for it', async () => {
    const group = uniqueName('del');
    await createGroupWithStream(logs(), group, 'a', 'b');
    await logs().send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: 'a' }));
    expect(
      names((await logs().send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams),
    ).toEqual(['b']);
    await expectLogsError(
      logs().send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: 'a' })),
      'ResourceNotFoundException',
      'The specified log stream does not exist.',
    );
    await expectLogsError(
      logs().send(
        new DeleteLogStreamCommand({ logGroupName: uniqueName('none'), logStreamName: 'a' }),
      ),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });
});

describe('DescribeLogStreams', () => {
  const group = uniqueName('/describe');
  const streams = ['web/1', 'web/2', 'worker/1', 'cron/1'];

  beforeAll(async () => {
    await createGroupWithStream(logs(), group, ...streams);
    // Last event times: cron/1 newest, then web/1, worker/1, web/2 oldest.
    const now = teiki.clock.nowMs();
    await put(logs(), group, 'web/2', [{ timestamp: now - 40 * MINUTE, message: 'a' }]);
    await put(logs(), group, 'worker/1', [
      { timestamp: now - 35 * MINUTE, message: 'b' },
      { timestamp: now - 30 * MINUTE, message: 'c' },
    ]);
    await put(logs(), group, 'web/1', [{ timestamp: now - 20 * MINUTE, message: 'd' }]);
    await put(logs(), group, 'cron/1', [{ timestamp: now - 10 * MINUTE, message: 'e' }]);
  });

  it('orders by name, ascending and descending, with a prefix', async () => {
    const asc = await logs().send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(names(asc.logStreams)).toEqual(['cron/1', 'web/1', 'web/2', 'worker/1']);
    const desc = await logs().send(
      new DescribeLogStreamsCommand({ logGroupName: group, descending: true }),
    );
    expect(names(desc.logStreams)).toEqual(['worker/1', 'web/2', 'web/1', 'cron/1']);
    const web = await logs().send(
      new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: 'web/' }),
    );
    expect(names(web.logStreams)).toEqual(['web/1', 'web/2']);
  });

  it('orders by last event time', async () => {
    const newest = await logs().send(
      new DescribeLogStreamsCommand({
        logGroupName: group,
        orderBy: 'LastEventTime',
        descending: true,
      }),
    );
    expect(names(newest.logStreams)).toEqual(['cron/1', 'web/1', 'worker/1', 'web/2']);
    const oldest = await logs().send(
      new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime' }),
    );
    expect(names(oldest.logStreams)).toEqual(['web/2', 'worker/1', 'web/1', 'cron/1']);
  });

  it('reports first and last event times, ingestion time and the sequence token', async () => {
    const out = await logs().send(
      new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: 'worker/1' }),
    );
    const stream = out.logStreams?.[0];
    expect(stream).toEqual({
      logStreamName: 'worker/1',
      creationTime: START_MS,
      firstEventTimestamp: START_MS - 35 * MINUTE,
      lastEventTimestamp: START_MS - 30 * MINUTE,
      lastIngestionTime: START_MS,
      uploadSequenceToken: expect.stringMatching(/^\d{56}$/),
      arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:log-stream:worker/1`,
      storedBytes: 0,
    });
  });

  it('moves the timestamps as later events arrive, whatever their order across calls', async () => {
    const g = uniqueName('moving');
    await createGroupWithStream(logs(), g, 's');
    const now = teiki.clock.nowMs();
    await put(logs(), g, 's', [{ timestamp: now - 5 * MINUTE, message: 'middle' }]);
    await advanceClock(teiki, 60);
    await put(logs(), g, 's', [{ timestamp: now - 9 * MINUTE, message: 'earliest' }]);
    await put(logs(), g, 's', [{ timestamp: now + MINUTE, message: 'latest' }]);
    const [stream] = (await logs().send(new DescribeLogStreamsCommand({ logGroupName: g })))
      .logStreams!;
    expect(stream!.firstEventTimestamp).toBe(now - 9 * MINUTE);
    expect(stream!.lastEventTimestamp).toBe(now + MINUTE);
    expect(stream!.lastIngestionTime).toBe(now + MINUTE);
  });

  it('refuses LastEventTime ordering with a prefix', async () => {
    await expectLogsError(
      logs().send(
        new DescribeLogStreamsCommand({
          logGroupName: group,
          orderBy: 'LastEventTime',
          logStreamNamePrefix: 'web',
        }),
      ),
      'InvalidParameterException',
      'Cannot order by LastEventTime with a logStreamNamePrefix.',
    );
  });

  it('takes the group by identifier (name or ARN), not both', async () => {
    for (const logGroupIdentifier of [
      group,
      `arn:aws:logs:us-east-1:000000000000:log-group:${group}`,
    ]) {
      const out = await logs().send(new DescribeLogStreamsCommand({ logGroupIdentifier }));
      expect(out.logStreams).toHaveLength(4);
    }
    await expectLogsError(
      logs().send(
        new DescribeLogStreamsCommand({ logGroupName: group, logGroupIdentifier: group }),
      ),
      'ValidationException',
      'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    );
    await expectLogsError(
      logs().send(
        new DescribeLogStreamsCommand({
          logGroupIdentifier: `arn:aws:logs:eu-west-1:000000000000:log-group:${group}`,
        }),
      ),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
    await expectLogsError(
      logs().send(new DescribeLogStreamsCommand({})),
      'InvalidParameterException',
      'Either logGroupName or logGroupIdentifier must be specified.',
    );
    await expectLogsError(
      logs().send(new DescribeLogStreamsCommand({ logGroupName: uniqueName('gone') })),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
  });

  it.each([
    [{}, 'LogStreamName'],
    [{ descending: true }, 'LogStreamName descending'],
    [{ orderBy: 'LastEventTime' as const, descending: true }, 'LastEventTime descending'],
  ])('pages one stream at a time (%j, %s)', async (options, _label) => {
    const all = await logs().send(
      new DescribeLogStreamsCommand({ logGroupName: group, ...options }),
    );
    const paged: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeLogStreams(
      { client: logs(), pageSize: 1 },
      { logGroupName: group, ...options },
    )) {
      pages += 1;
      paged.push(...names(page.logStreams).map(String));
    }
    expect(paged).toEqual(names(all.logStreams));
    expect(pages).toBe(4);
  });

  it('refuses a limit above 50 and a token it did not issue', async () => {
    await expectLogsError(
      logs().send(new DescribeLogStreamsCommand({ logGroupName: group, limit: 51 })),
      'InvalidParameterException',
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    await expectLogsError(
      logs().send(new DescribeLogStreamsCommand({ logGroupName: group, nextToken: 'nope' })),
      'InvalidParameterException',
      'The specified nextToken is invalid.',
    );
  });

  it('is empty for a new group', async () => {
    const g = uniqueName('empty');
    await logs().send(new CreateLogGroupCommand({ logGroupName: g }));
    const out = await logs().send(new DescribeLogStreamsCommand({ logGroupName: g }));
    expect(out).toMatchObject({ logStreams: [] });
    expect(out.nextToken).toBeUndefined();
  });
});
