/**
 * StartLiveTail through the SDK v3 event stream: the session's first event, updates with
 * what PutLogEvents and a task's awslogs driver store, sampling, the filter and stream
 * selection, the errors, and the three-hour limit on the teiki clock.
 */
import {
  CloudWatchLogsClient,
  CloudWatchLogsServiceException,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  StartLiveTailCommand,
  type LiveTailSessionLogEvent,
  type StartLiveTailCommandInput,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awslogs, startTaskFixture, type TaskFixture } from '../ecs/tasks-fixtures.js';
import { type TestTeiki } from '../../helpers/teiki.js';
import { advanceClock, expectLogsError, put, startLogsTeiki, uniqueName } from './helpers.js';

/** SDK v3 adds the model's `stream-` host prefix unless told not to (see the README). */
function tailClient(teiki: TestTeiki): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ ...teiki.clientConfig(), disableHostPrefix: true });
}

const arnOf = (group: string) => `arn:aws:logs:us-east-1:000000000000:log-group:${group}`;

/** A running session: its events as they come, and a way to end it. */
async function openTail(client: CloudWatchLogsClient, input: StartLiveTailCommandInput) {
  const controller = new AbortController();
  const response = await client.send(new StartLiveTailCommand(input), {
    abortSignal: controller.signal,
  });
  const iterator = (response.responseStream as AsyncIterable<StartLiveTailResponseStream>)[
    Symbol.asyncIterator
  ]();
  const first = await iterator.next();
  return {
    start: first.value as StartLiveTailResponseStream,
    /** Updates until one holds events satisfying `enough` (all the events seen so far). */
    async until(enough: (events: LiveTailSessionLogEvent[]) => boolean) {
      const seen: LiveTailSessionLogEvent[] = [];
      const updates: Array<{ sampled: boolean; count: number }> = [];
      for (;;) {
        const next = await iterator.next();
        if (next.done) throw new Error('the session ended');
        const update = next.value.sessionUpdate;
        if (!update) continue;
        updates.push({
          sampled: update.sessionMetadata?.sampled ?? false,
          count: update.sessionResults?.length ?? 0,
        });
        seen.push(...(update.sessionResults ?? []));
        if (enough(seen)) return { events: seen, updates };
      }
    },
    next: () => iterator.next(),
    close: () => controller.abort(),
  };
}

describe('StartLiveTail (SDK v3 event stream)', () => {
  let teiki: TestTeiki;
  let client: CloudWatchLogsClient;
  const group = uniqueName('/tail');

  beforeAll(async () => {
    teiki = await startLogsTeiki(['--in-memory']);
    client = tailClient(teiki);
    await client.send(new CreateLogGroupCommand({ logGroupName: group }));
    for (const stream of ['web/1', 'web/2', 'worker/1']) {
      await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    }
  });
  afterAll(() => teiki.close());

  it('opens with sessionStart echoing the request, then updates with new events only', async () => {
    const now = teiki.clock.nowMs();
    await put(client, group, 'web/1', [{ timestamp: now, message: 'before the session' }]);
    const tail = await openTail(client, {
      logGroupIdentifiers: [arnOf(group)],
      logEventFilterPattern: 'ERROR',
    });
    expect(tail.start.sessionStart).toMatchObject({
      logGroupIdentifiers: [arnOf(group)],
      logEventFilterPattern: 'ERROR',
    });
    expect(tail.start.sessionStart?.sessionId).toMatch(/\S/);
    expect(tail.start.sessionStart?.requestId).toMatch(/\S/);
    await put(client, group, 'web/1', [
      { timestamp: now + 1, message: 'INFO all good' },
      { timestamp: now + 2, message: 'ERROR disk full' },
    ]);
    await put(client, group, 'worker/1', [{ timestamp: now + 3, message: 'ERROR job failed' }]);
    const { events } = await tail.until((seen) => seen.length >= 2);
    expect(events).toEqual([
      {
        logGroupIdentifier: arnOf(group),
        logStreamName: 'web/1',
        message: 'ERROR disk full',
        timestamp: now + 2,
        ingestionTime: now,
      },
      {
        logGroupIdentifier: arnOf(group),
        logStreamName: 'worker/1',
        message: 'ERROR job failed',
        timestamp: now + 3,
        ingestionTime: now,
      },
    ]);
    tail.close();
  });

  it('keeps to the stream prefixes asked for', async () => {
    const now = teiki.clock.nowMs();
    const tail = await openTail(client, {
      logGroupIdentifiers: [group],
      logStreamNamePrefixes: ['web/'],
    });
    await put(client, group, 'worker/1', [{ timestamp: now, message: 'from the worker' }]);
    await put(client, group, 'web/2', [{ timestamp: now, message: 'from web 2' }]);
    const { events } = await tail.until((seen) => seen.length >= 1);
    expect(events.map((e) => [e.logStreamName, e.message])).toEqual([['web/2', 'from web 2']]);
    tail.close();
  });

  it('samples a second with more than 500 matches down to 500, and says so', async () => {
    const now = teiki.clock.nowMs();
    const tail = await openTail(client, { logGroupIdentifiers: [group] });
    await put(
      client,
      group,
      'web/2',
      Array.from({ length: 1_200 }, (_, i) => ({ timestamp: now, message: `burst ${i}` })),
    );
    const { events, updates } = await tail.until((seen) => seen.length >= 500);
    const busy = updates.find((u) => u.count > 0)!;
    expect(busy).toEqual({ sampled: true, count: 500 });
    const numbers = events.map((e) => Number(e.message!.split(' ')[1]));
    // A sample, in arrival order, of distinct events.
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(new Set(numbers).size).toBe(500);
    tail.close();
  });

  it('ends the stream with SessionTimeoutException after three hours on the teiki clock', async () => {
    const tail = await openTail(client, { logGroupIdentifiers: [group] });
    await advanceClock(teiki, 3 * 60 * 60);
    let caught: unknown;
    try {
      for (;;) {
        const next = await tail.next();
        if (next.done) break;
      }
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CloudWatchLogsServiceException);
    expect((caught as Error).name).toBe('SessionTimeoutException');
  });

  describe('refuses, before the stream opens', () => {
    it.each<[string, StartLiveTailCommandInput, string, string | RegExp]>([
      [
        'a group that does not exist',
        { logGroupIdentifiers: ['/no/such/group'] },
        'ResourceNotFoundException',
        'The specified log group does not exist.',
      ],
      [
        'stream names with prefixes',
        { logGroupIdentifiers: ['/x'], logStreamNames: ['a'], logStreamNamePrefixes: ['b'] },
        'InvalidParameterException',
        /mutually exclusive/,
      ],
      [
        'stream names with two groups',
        { logGroupIdentifiers: ['/x', '/y'], logStreamNames: ['a'] },
        'InvalidParameterException',
        /single log group/,
      ],
      [
        'an ARN ending in :*',
        { logGroupIdentifiers: ['arn:aws:logs:us-east-1:000000000000:log-group:/x:*'] },
        'InvalidParameterException',
        /:\*/,
      ],
      [
        'more than ten groups',
        { logGroupIdentifiers: Array.from({ length: 11 }, (_, i) => `/g${i}`) },
        'InvalidParameterException',
        /logGroupIdentifiers.*less than or equal to 10/,
      ],
    ])('%s', async (_, input, name, message) => {
      await expectLogsError(client.send(new StartLiveTailCommand(input)), name, message);
    });

    it('an invalid filter pattern', async () => {
      await expectLogsError(
        client.send(
          new StartLiveTailCommand({
            logGroupIdentifiers: [group],
            logEventFilterPattern: '{ $.a = ',
          }),
        ),
        'InvalidParameterException',
        "If a filter pattern starts with '{' it must end with '}'",
      );
    });
  });
});

describe("StartLiveTail hears a task's awslogs driver", () => {
  let fx: TaskFixture;
  beforeAll(async () => {
    fx = await startTaskFixture(['--in-memory']);
  });
  afterAll(() => fx.close());

  it('streams the lines a running task prints', async () => {
    const family = await fx.register([
      {
        name: 'app',
        image: 'busybox',
        essential: true,
        command: ['sh', '-c', 'echo "tail me: one"; sleep 1; echo "tail me: two"; sleep 1'],
        logConfiguration: awslogs('tail'),
      },
    ]);
    // The group exists once the driver created it; a first run makes sure of that.
    const warm = await fx.run(family);
    await fx.waitStopped(warm.taskArn!);
    const client = tailClient(fx.teiki);
    const tail = await openTail(client, {
      logGroupIdentifiers: ['/teiki-tests'],
      logEventFilterPattern: '"tail me"',
    });
    const task = await fx.run(family);
    const { events } = await tail.until((seen) =>
      seen.some(
        (e) =>
          e.logStreamName?.endsWith(task.taskArn!.split('/').pop()!) &&
          e.message === 'tail me: two',
      ),
    );
    const mine = events.filter(
      (e) => e.logStreamName === `tail/app/${task.taskArn!.split('/').pop()}`,
    );
    expect(mine.map((e) => e.message)).toEqual(['tail me: one', 'tail me: two']);
    tail.close();
    await fx.waitStopped(task.taskArn!);
  });
});
