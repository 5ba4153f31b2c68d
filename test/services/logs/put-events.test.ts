/** PutLogEvents' rules, on both stores. */
import { rmSync } from 'node:fs';
import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TestTeiki } from '../../helpers/teiki.js';
import {
  createGroupWithStream,
  DAY,
  expectLogsError,
  HOUR,
  logsClient,
  MINUTE,
  put,
  START_MS,
  startLogsTeiki,
  storeArgs,
  uniqueName,
} from './helpers.js';

describe.each(['memory', 'sqlite'] as const)('PutLogEvents (%s store)', (kind) => {
  let teiki: TestTeiki;
  let dir: string | undefined;
  beforeAll(async () => {
    teiki = await startLogsTeiki(storeArgs(kind, () => (dir = tempDir())));
  });
  afterAll(async () => {
    await teiki.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const logs = () => logsClient(teiki);

  async function fresh(): Promise<string> {
    const group = uniqueName('/put');
    await createGroupWithStream(logs(), group, 's');
    return group;
  }

  async function stored(group: string): Promise<string[]> {
    const out = await logs().send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: 's', startFromHead: true }),
    );
    return (out.events ?? []).map((e) => e.message!);
  }

  it('stores a batch and answers a 56-digit sequence token, ignoring the one sent', async () => {
    const group = await fresh();
    const out = await logs().send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 's',
        sequenceToken: 'whatever-you-like',
        logEvents: [
          { timestamp: START_MS - 2000, message: 'one' },
          { timestamp: START_MS - 1000, message: 'two' },
        ],
      }),
    );
    expect(out.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(out.rejectedLogEventsInfo).toBeUndefined();
    const again = await put(logs(), group, 's', [{ timestamp: START_MS, message: 'three' }]);
    expect(again.nextSequenceToken).not.toBe(out.nextSequenceToken);
    expect(await stored(group)).toEqual(['one', 'two', 'three']);
  });

  it('keeps equal timestamps in the order they were sent', async () => {
    const group = await fresh();
    await put(
      logs(),
      group,
      's',
      ['a', 'b', 'c'].map((message) => ({ timestamp: START_MS, message })),
    );
    await put(logs(), group, 's', [{ timestamp: START_MS, message: 'd' }]);
    expect(await stored(group)).toEqual(['a', 'b', 'c', 'd']);
  });

  it.each<[string, InputLogEvent[], string]>([
    [
      'events out of order',
      [
        { timestamp: START_MS, message: 'later' },
        { timestamp: START_MS - 1, message: 'earlier' },
      ],
      'Log events in a single PutLogEvents request must be in chronological order.',
    ],
    [
      'a batch spanning more than 24 hours',
      [
        { timestamp: START_MS - DAY - 1, message: 'first' },
        { timestamp: START_MS, message: 'last' },
      ],
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    ],
    [
      'an event over 1 MB',
      [{ timestamp: START_MS, message: 'x'.repeat(1_048_576 - 25) }],
      'Log event too large: 1048577 bytes exceeds limit of 1048576',
    ],
    [
      'a batch over 1 MB counting 26 bytes an event',
      Array.from({ length: 2 }, () => ({ timestamp: START_MS, message: 'y'.repeat(524_263) })),
      'Upload too large: 1048578 bytes exceeds limit of 1048576',
    ],
  ])('refuses %s and stores nothing', async (_what, logEvents, message) => {
    const group = await fresh();
    await expectLogsError(put(logs(), group, 's', logEvents), 'InvalidParameterException', message);
    expect(await stored(group)).toEqual([]);
  });

  it('accepts a batch of exactly 1 MB and exactly 24 hours', async () => {
    const group = await fresh();
    const half = 1_048_576 / 2 - 26;
    await put(logs(), group, 's', [
      { timestamp: START_MS - DAY, message: 'é'.repeat(half / 2) },
      { timestamp: START_MS, message: 'z'.repeat(half) },
    ]);
    expect(await stored(group)).toHaveLength(2);
  });

  it('counts message bytes in UTF-8', async () => {
    const group = await fresh();
    // 349,526 three-byte characters: 1,048,578 bytes plus 26, too large although it has fewer characters.
    await expectLogsError(
      put(logs(), group, 's', [{ timestamp: START_MS, message: '日'.repeat(349_526) }]),
      'InvalidParameterException',
      'Log event too large: 1048604 bytes exceeds limit of 1048576',
    );
  });

  it.each([
    [0, 'greater than or equal to 1'],
    [10_001, 'less than or equal to 10000'],
  ])('refuses %i events', async (count, bound) => {
    const group = await fresh();
    const logEvents = Array.from({ length: count }, (_, i) => ({
      timestamp: START_MS,
      message: `m${i}`,
    }));
    const error = put(logs(), group, 's', logEvents);
    await expectLogsError(
      error,
      'InvalidParameterException',
      new RegExp(`at 'logEvents' failed to satisfy constraint: Member must have length ${bound}`),
    );
  });

  it('accepts 10,000 events', async () => {
    const group = await fresh();
    const logEvents = Array.from({ length: 10_000 }, (_, i) => ({
      timestamp: START_MS - 10_000 + i,
      message: `m${i}`,
    }));
    await put(logs(), group, 's', logEvents);
    const out = await logs().send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: 's', startFromHead: true }),
    );
    expect(out.events).toHaveLength(10_000);
  });

  it('rejects events more than 14 days old, keeping the rest', async () => {
    const group = await fresh();
    const out = await put(logs(), group, 's', [
      { timestamp: START_MS - 14 * DAY - 2, message: 'ancient 1' },
      { timestamp: START_MS - 14 * DAY - 1, message: 'ancient 2' },
      { timestamp: START_MS - 14 * DAY, message: 'just in' },
    ]);
    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    expect(await stored(group)).toEqual(['just in']);
  });

  it('rejects events more than 2 hours ahead, keeping the rest', async () => {
    const group = await fresh();
    const out = await put(logs(), group, 's', [
      { timestamp: START_MS - HOUR, message: 'past' },
      { timestamp: START_MS + 2 * HOUR, message: 'just on time' },
      { timestamp: START_MS + 2 * HOUR + 1, message: 'future 1' },
      { timestamp: START_MS + 3 * HOUR, message: 'future 2' },
    ]);
    expect(out.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 2 });
    expect(await stored(group)).toEqual(['past', 'just on time']);
  });

  it("rejects events older than the group's retention as expired", async () => {
    const group = await fresh();
    await logs().send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 1 }));
    const out = await put(logs(), group, 's', [
      { timestamp: START_MS - DAY - 2 * MINUTE, message: 'expired 1' },
      { timestamp: START_MS - DAY - MINUTE, message: 'expired 2' },
      { timestamp: START_MS - DAY + MINUTE, message: 'kept' },
    ]);
    expect(out.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 1 });
    const both = await put(logs(), group, 's', [
      { timestamp: START_MS - 15 * DAY, message: 'too old and expired' },
    ]);
    expect(both.rejectedLogEventsInfo).toEqual({
      tooOldLogEventEndIndex: 0,
      expiredLogEventEndIndex: 0,
    });
    expect(await stored(group)).toEqual(['kept']);
  });

  it('answers success with every event rejected, and stores none', async () => {
    const group = await fresh();
    const out = await put(logs(), group, 's', [{ timestamp: START_MS + DAY, message: 'tomorrow' }]);
    expect(out.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 0 });
    expect(await stored(group)).toEqual([]);
    const [stream] = (await logs().send(new DescribeLogStreamsCommand({ logGroupName: group })))
      .logStreams!;
    expect(stream!.lastEventTimestamp).toBeUndefined();
  });

  it('is ResourceNotFoundException for a missing group or stream, creating neither', async () => {
    const group = await fresh();
    const missingGroup = uniqueName('nogroup');
    await expectLogsError(
      put(logs(), missingGroup, 's', [{ timestamp: START_MS, message: 'x' }]),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
    await expectLogsError(
      put(logs(), group, 'nostream', [{ timestamp: START_MS, message: 'x' }]),
      'ResourceNotFoundException',
      'The specified log stream does not exist.',
    );
    const groups = await logs().send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: missingGroup }),
    );
    expect(groups.logGroups).toEqual([]);
    const streams = await logs().send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual(['s']);
  });

  it("counts the group's storedBytes as message bytes plus 26 per event", async () => {
    const group = await fresh();
    await put(logs(), group, 's', [
      { timestamp: START_MS, message: 'hello' },
      { timestamp: START_MS, message: 'héllo' },
    ]);
    const out = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    expect(out.logGroups?.[0]?.storedBytes).toBe(5 + 26 + 6 + 26);
  });
});
