/** FilterLogEvents and TestMetricFilter, on both stores. */
import { rmSync } from 'node:fs';
import {
  FilterLogEventsCommand,
  paginateFilterLogEvents,
  TestMetricFilterCommand,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, tempDir, type TestTeiki } from '../../helpers/teiki.js';
import {
  createGroupWithStream,
  expectLogsError,
  logsClient,
  put,
  START_MS,
  startLogsTeiki,
  storeArgs,
  uniqueName,
} from './helpers.js';

describe.each(['memory', 'sqlite'] as const)('FilterLogEvents (%s store)', (kind) => {
  let teiki: TestTeiki;
  let dir: string | undefined;
  const group = uniqueName('/filter');
  const t0 = START_MS - 600_000;

  beforeAll(async () => {
    teiki = await startLogsTeiki(storeArgs(kind, () => (dir = tempDir())));
    await createGroupWithStream(logs(), group, 'web/1', 'web/2', 'worker/1');
    // Interleaved in time across streams: web/1 at even seconds, web/2 at odd, worker at 10 s steps.
    await put(
      logs(),
      group,
      'web/1',
      Array.from({ length: 10 }, (_, i) => ({
        timestamp: t0 + 2 * i * 1000,
        message: i % 3 === 0 ? `ERROR web1 request ${i} failed` : `INFO web1 request ${i}`,
      })),
    );
    await put(
      logs(),
      group,
      'web/2',
      Array.from({ length: 10 }, (_, i) => ({
        timestamp: t0 + (2 * i + 1) * 1000,
        message: i % 3 === 0 ? `ERROR web2 request ${i} failed` : `INFO web2 request ${i}`,
      })),
    );
    await put(logs(), group, 'worker/1', [
      { timestamp: t0 + 5000, message: '{"level":"error","job":"nightly","ms":120}' },
      { timestamp: t0 + 15_000, message: '{"level":"info","job":"nightly","ms":80}' },
    ]);
  });
  afterAll(async () => {
    await teiki.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const logs = () => logsClient(teiki);
  const filter = (input: Partial<FilterLogEventsCommandInput>) =>
    logs().send(new FilterLogEventsCommand({ logGroupName: group, ...input }));
  const messages = (out: { events?: { message?: string }[] }) =>
    (out.events ?? []).map((e) => e.message);

  it('interleaves every stream in time order without a pattern', async () => {
    const out = await filter({});
    expect(out.events).toHaveLength(22);
    const times = out.events!.map((e) => e.timestamp!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(out.events![0]).toEqual({
      logStreamName: 'web/1',
      timestamp: t0,
      message: 'ERROR web1 request 0 failed',
      ingestionTime: START_MS,
      eventId: expect.stringMatching(/^\d{56}$/),
    });
    expect(out.searchedLogStreams).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });

  it('gives each event a stable, distinct id', async () => {
    const first = await filter({});
    const second = await filter({});
    const ids = first.events!.map((e) => e.eventId);
    expect(second.events!.map((e) => e.eventId)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('matches a term pattern', async () => {
    const out = await filter({ filterPattern: 'ERROR' });
    expect(messages(out)).toEqual([
      'ERROR web1 request 0 failed',
      'ERROR web2 request 0 failed',
      'ERROR web1 request 3 failed',
      'ERROR web2 request 3 failed',
      'ERROR web1 request 6 failed',
      'ERROR web2 request 6 failed',
      'ERROR web1 request 9 failed',
      'ERROR web2 request 9 failed',
    ]);
  });

  it('matches a JSON pattern', async () => {
    const out = await filter({ filterPattern: '{ $.level = "error" }' });
    expect(out.events?.map((e) => e.logStreamName)).toEqual(['worker/1']);
  });

  it('narrows by stream names, by stream prefix and by time', async () => {
    const named = await filter({ logStreamNames: ['web/2', 'worker/1'], filterPattern: 'ERROR' });
    expect(new Set(named.events!.map((e) => e.logStreamName))).toEqual(new Set(['web/2']));
    const prefixed = await filter({ logStreamNamePrefix: 'work' });
    expect(prefixed.events).toHaveLength(2);
    const timed = await filter({ startTime: t0 + 2000, endTime: t0 + 5000 });
    expect(timed.events!.map((e) => e.timestamp)).toEqual([t0 + 2000, t0 + 3000, t0 + 4000]);
  });

  it('refuses stream names and a stream prefix together', async () => {
    await expectLogsError(
      filter({ logStreamNames: ['web/1'], logStreamNamePrefix: 'web' }),
      'InvalidParameterException',
      'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
    );
  });

  it('pages with nextToken and the SDK paginator, the last page without a token', async () => {
    const first = await filter({ filterPattern: 'ERROR', limit: 3 });
    expect(first.events).toHaveLength(3);
    expect(first.nextToken).toEqual(expect.any(String));
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents(
      { client: logs(), pageSize: 3 },
      { logGroupName: group, filterPattern: 'ERROR' },
    )) {
      pages += 1;
      seen.push(...messages(page).map(String));
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(messages(await filter({ filterPattern: 'ERROR' })));
  });

  it('has no token when the page is exactly the last matches', async () => {
    const out = await filter({ filterPattern: 'ERROR', limit: 8 });
    expect(out.events).toHaveLength(8);
    expect(out.nextToken).toBeUndefined();
  });

  it('refuses a token it did not issue and an invalid pattern', async () => {
    await expectLogsError(
      filter({ nextToken: 'bogus' }),
      'InvalidParameterException',
      'The specified nextToken is invalid.',
    );
    await expectLogsError(
      filter({ filterPattern: '{ $.level = ' }),
      'InvalidParameterException',
      "If a filter pattern starts with '{' it must end with '}'",
    );
  });

  it('is ResourceNotFoundException for a missing group, and refuses limits over 10000', async () => {
    await expectLogsError(
      filter({ logGroupName: uniqueName('none') }),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
    await expectLogsError(
      filter({ limit: 10_001 }),
      'InvalidParameterException',
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
  });

  it('takes the group by identifier', async () => {
    const out = await logs().send(
      new FilterLogEventsCommand({
        logGroupIdentifier: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`,
        filterPattern: 'ERROR',
        interleaved: true,
      }),
    );
    expect(out.events).toHaveLength(8);
  });

  it('answers an empty group with no events', async () => {
    const g = uniqueName('quiet');
    await createGroupWithStream(logs(), g, 's');
    const out = await filter({ logGroupName: g });
    expect(out.events).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });
});

describe('TestMetricFilter', () => {
  let teiki: TestTeiki;
  beforeAll(async () => {
    teiki = await startTestTeiki();
  });
  afterAll(() => teiki.close());

  it('answers the matching messages, numbered from 1, with extracted values', async () => {
    const out = await logsClient(teiki).send(
      new TestMetricFilterCommand({
        filterPattern: '[ip, user, status = 5*]',
        logEventMessages: ['10.0.0.1 alice 200', '10.0.0.2 bob 503', '10.0.0.3 carol 500'],
      }),
    );
    expect(out.matches).toEqual([
      {
        eventNumber: 2,
        eventMessage: '10.0.0.2 bob 503',
        extractedValues: { $ip: '10.0.0.2', $user: 'bob', $status: '503' },
      },
      {
        eventNumber: 3,
        eventMessage: '10.0.0.3 carol 500',
        extractedValues: { $ip: '10.0.0.3', $user: 'carol', $status: '500' },
      },
    ]);
  });

  it('matches term patterns with no extracted values', async () => {
    const out = await logsClient(teiki).send(
      new TestMetricFilterCommand({
        filterPattern: 'ERROR',
        logEventMessages: ['ok', 'ERROR boom'],
      }),
    );
    expect(out.matches).toEqual([
      { eventNumber: 2, eventMessage: 'ERROR boom', extractedValues: {} },
    ]);
  });

  it('refuses an invalid pattern', async () => {
    await expectLogsError(
      logsClient(teiki).send(
        new TestMetricFilterCommand({ filterPattern: '[ip, user', logEventMessages: ['x'] }),
      ),
      'InvalidParameterException',
      "If a filter pattern starts with '[' it must end with ']'",
    );
  });

  it('answers the metric-filter wording for a pattern it cannot read', async () => {
    await expectLogsError(
      logsClient(teiki).send(
        new TestMetricFilterCommand({ filterPattern: '{ $.x = }', logEventMessages: ['x'] }),
      ),
      'InvalidParameterException',
      'Invalid metric filter pattern',
    );
  });
});
