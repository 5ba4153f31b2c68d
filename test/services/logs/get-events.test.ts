/** GetLogEvents: direction, time bounds, limits and AWS's tokens, on both stores. */
import { rmSync } from 'node:fs';
import {
  GetLogEventsCommand,
  paginateGetLogEvents,
  type GetLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TestTeiki } from '../../helpers/teiki.js';
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

const TOKEN = /^[fb]\/\d{56}\/s$/;

describe.each(['memory', 'sqlite'] as const)('GetLogEvents (%s store)', (kind) => {
  let teiki: TestTeiki;
  let dir: string | undefined;
  const group = uniqueName('/get');
  /** e0 … e9 at one-second steps, ending a minute before the clock. */
  const base = START_MS - 60_000 - 9_000;
  const at = (i: number) => base + i * 1000;

  beforeAll(async () => {
    teiki = await startLogsTeiki(storeArgs(kind, () => (dir = tempDir())));
    await createGroupWithStream(logs(), group, 'app', 'empty', 'other');
    await put(
      logs(),
      group,
      'app',
      Array.from({ length: 10 }, (_, i) => ({ timestamp: at(i), message: `e${i}` })),
    );
    await put(logs(), group, 'other', [{ timestamp: at(5), message: 'not this stream' }]);
  });
  afterAll(async () => {
    await teiki.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const logs = () => logsClient(teiki);
  const get = (input: Partial<GetLogEventsCommandInput>) =>
    logs().send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', ...input }));
  const messages = (out: { events?: { message?: string }[] }) =>
    (out.events ?? []).map((e) => e.message);

  it('answers the newest events by default, oldest first, with their ingestion time', async () => {
    const out = await get({ limit: 3 });
    expect(messages(out)).toEqual(['e7', 'e8', 'e9']);
    expect(out.events?.[0]).toEqual({ timestamp: at(7), message: 'e7', ingestionTime: START_MS });
    expect(out.nextForwardToken).toMatch(TOKEN);
    expect(out.nextBackwardToken).toMatch(TOKEN);
  });

  it('reads from the head with startFromHead', async () => {
    expect(messages(await get({ startFromHead: true, limit: 3 }))).toEqual(['e0', 'e1', 'e2']);
    expect(messages(await get({ startFromHead: true }))).toHaveLength(10);
  });

  it('bounds by startTime (inclusive) and endTime (exclusive)', async () => {
    const out = await get({ startTime: at(2), endTime: at(5), startFromHead: true });
    expect(messages(out)).toEqual(['e2', 'e3', 'e4']);
    const newest = await get({ startTime: at(2), endTime: at(5), limit: 2 });
    expect(messages(newest)).toEqual(['e3', 'e4']);
  });

  it('walks forward with nextForwardToken and gets its own token back at the end', async () => {
    const first = await get({ startFromHead: true, limit: 4 });
    const second = await get({ nextToken: first.nextForwardToken, limit: 4 });
    expect(messages(second)).toEqual(['e4', 'e5', 'e6', 'e7']);
    const third = await get({ nextToken: second.nextForwardToken, limit: 4 });
    expect(messages(third)).toEqual(['e8', 'e9']);
    const end = await get({ nextToken: third.nextForwardToken, limit: 4 });
    expect(messages(end)).toEqual([]);
    expect(end.nextForwardToken).toBe(third.nextForwardToken);
  });

  it('walks backward with nextBackwardToken and gets its own token back at the start', async () => {
    const newest = await get({ limit: 4 });
    expect(messages(newest)).toEqual(['e6', 'e7', 'e8', 'e9']);
    const older = await get({ nextToken: newest.nextBackwardToken, limit: 4 });
    expect(messages(older)).toEqual(['e2', 'e3', 'e4', 'e5']);
    const oldest = await get({ nextToken: older.nextBackwardToken, limit: 4 });
    expect(messages(oldest)).toEqual(['e0', 'e1']);
    const start = await get({ nextToken: oldest.nextBackwardToken, limit: 4 });
    expect(messages(start)).toEqual([]);
    expect(start.nextBackwardToken).toBe(oldest.nextBackwardToken);
    const back = await get({ nextToken: older.nextForwardToken, limit: 4 });
    expect(messages(back)).toEqual(['e6', 'e7', 'e8', 'e9']);
  });

  it('picks up events written after the end was reached', async () => {
    const g = uniqueName('tail');
    await createGroupWithStream(logs(), g, 's');
    await put(logs(), g, 's', [{ timestamp: START_MS - 5000, message: 'before' }]);
    const first = await logs().send(
      new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', startFromHead: true }),
    );
    await put(logs(), g, 's', [{ timestamp: START_MS - 4000, message: 'after' }]);
    const next = await logs().send(
      new GetLogEventsCommand({
        logGroupName: g,
        logStreamName: 's',
        nextToken: first.nextForwardToken,
      }),
    );
    expect(messages(next)).toEqual(['after']);
  });

  it('answers an empty stream with tokens that lead nowhere', async () => {
    const out = await get({ logStreamName: 'empty' });
    expect(out.events).toEqual([]);
    expect(out.nextForwardToken).toMatch(TOKEN);
    const again = await get({ logStreamName: 'empty', nextToken: out.nextForwardToken });
    expect(again.nextForwardToken).toBe(out.nextForwardToken);
  });

  it('pages with the SDK paginator until the token repeats', async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateGetLogEvents(
      { client: logs(), pageSize: 3, stopOnSameToken: true },
      { logGroupName: group, logStreamName: 'app', startFromHead: true },
    )) {
      pages += 1;
      seen.push(...messages(page).map(String));
    }
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`));
    expect(pages).toBe(5);
  });

  it('takes the group by ARN identifier', async () => {
    const out = await logs().send(
      new GetLogEventsCommand({
        logGroupIdentifier: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`,
        logStreamName: 'app',
        limit: 1,
      }),
    );
    expect(messages(out)).toEqual(['e9']);
  });

  it.each(['garbage', 'f/123', 'x/00000000000000000000000000000000000000000000000000000000/s'])(
    'refuses the token %s',
    async (nextToken) => {
      await expectLogsError(
        get({ nextToken }),
        'InvalidParameterException',
        'The specified nextToken is invalid.',
      );
    },
  );

  it('refuses limits outside 1..10000', async () => {
    await expectLogsError(
      get({ limit: 10_001 }),
      'InvalidParameterException',
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    await expectLogsError(
      get({ limit: 0 }),
      'InvalidParameterException',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('is ResourceNotFoundException for a missing group or stream', async () => {
    await expectLogsError(
      get({ logGroupName: uniqueName('none') }),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
    await expectLogsError(
      get({ logStreamName: 'none' }),
      'ResourceNotFoundException',
      'The specified log stream does not exist.',
    );
  });

  it('refuses a group name and an identifier together', async () => {
    await expectLogsError(
      get({ logGroupIdentifier: group }),
      'ValidationException',
      'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    );
  });

  it('stops a page at 1 MB of events', async () => {
    const g = uniqueName('big');
    await createGroupWithStream(logs(), g, 's');
    const message = 'm'.repeat(200_000);
    for (let i = 0; i < 3; i++) {
      await put(logs(), g, 's', [
        { timestamp: START_MS - 10_000 + 2 * i, message },
        { timestamp: START_MS - 10_000 + 2 * i + 1, message },
      ]);
    }
    const page = await logs().send(
      new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', startFromHead: true }),
    );
    expect(page.events).toHaveLength(5);
    const rest = await logs().send(
      new GetLogEventsCommand({
        logGroupName: g,
        logStreamName: 's',
        nextToken: page.nextForwardToken,
      }),
    );
    expect(rest.events).toHaveLength(1);
  });
});
