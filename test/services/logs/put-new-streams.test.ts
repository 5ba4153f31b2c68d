/**
 * The Logs target's batch path: many new streams of one group in one go, each answered
 * as `putBatchToNewStream` would answer it alone, and read back through the API alike.
 */
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogIngestion } from '../../../src/services/logs/operations.js';
import { putBatchesToNewStreams } from '../../../src/services/logs/put-new-streams.js';
import { RetentionSweeper } from '../../../src/services/logs/retention.js';
import { isServiceError } from '../../../src/services/error.js';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../../helpers/teiki.js';
import { DAY, HOUR, logsClient, START, START_MS, uniqueName } from './helpers.js';

let teiki: TestTeiki;
const scope = { accountId: '000000000000', region: 'us-east-1' };

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(START));
});
afterAll(() => teiki.close());

const logs = () => logsClient(teiki);
const deps = () => ({ store: teiki.store, clock: teiki.clock });

/** What each batch gets, as the single path answers it (an error as its code). */
function answers(settled: ReadonlyArray<PromiseSettledResult<unknown>>) {
  return settled.map((s) =>
    s.status === 'fulfilled'
      ? s.value
      : isServiceError(s.reason)
        ? { code: s.reason.code, message: s.reason.message }
        : (s.reason as unknown),
  );
}

describe('putBatchesToNewStreams', () => {
  it('answers each batch as putBatchToNewStream would alone, and stores the same', async () => {
    const batched = uniqueName('/batched');
    const single = uniqueName('/single');
    const batches = [
      { logStreamName: 'ok', events: [{ timestamp: START_MS, message: 'one' }] },
      { logStreamName: 'empty-message', events: [{ timestamp: START_MS, message: '' }] },
      { logStreamName: 'existing', events: [{ timestamp: START_MS, message: 'two' }] },
      {
        logStreamName: 'partly-too-old',
        events: [
          { timestamp: START_MS - 14 * DAY - HOUR, message: 'old' },
          { timestamp: START_MS - 14 * DAY + HOUR, message: 'kept' },
        ],
      },
      { logStreamName: 'too-new', events: [{ timestamp: START_MS + 3 * HOUR, message: 'x' }] },
    ];
    for (const group of [batched, single]) {
      await logs().send(new CreateLogGroupCommand({ logGroupName: group }));
      await logs().send(
        new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'existing' }),
      );
    }
    const sweeper = new RetentionSweeper(deps());
    const got = answers(await putBatchesToNewStreams(deps(), sweeper, scope, batched, batches));
    const ingestion = createLogIngestion(deps());
    const want = answers(
      await Promise.allSettled(
        batches.map((b) => ingestion.putBatchToNewStream(scope, single, b.logStreamName, b.events)),
      ),
    );
    expect(got).toEqual(want);
    expect(got[0]).toMatchObject({ accepted: 1 });
    expect(got[1]).toMatchObject({ code: 'InvalidParameterException' });
    expect(got[2]).toBeUndefined();
    expect(got[3]).toMatchObject({
      accepted: 1,
      rejectedLogEventsInfo: { tooOldLogEventEndIndex: 0 },
    });
    expect(got[4]).toMatchObject({ accepted: 0 });

    const described = async (group: string) =>
      (await logs().send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams?.map(
        ({ logStreamName, storedBytes, firstEventTimestamp, lastEventTimestamp }) => ({
          logStreamName,
          storedBytes,
          firstEventTimestamp,
          lastEventTimestamp,
        }),
      );
    expect(await described(batched)).toEqual(await described(single));
    const events = async (group: string, stream: string) =>
      (
        await logs().send(
          new GetLogEventsCommand({
            logGroupName: group,
            logStreamName: stream,
            startFromHead: true,
          }),
        )
      ).events?.map((e) => e.message);
    expect(await events(batched, 'ok')).toEqual(['one']);
    expect(await events(batched, 'partly-too-old')).toEqual(['kept']);
    expect(await events(batched, 'existing')).toEqual([]);
  });

  it('fails every batch, writing nothing, when the group does not exist', async () => {
    const group = uniqueName('/gone');
    await logs().send(new CreateLogGroupCommand({ logGroupName: group }));
    await logs().send(new DeleteLogGroupCommand({ logGroupName: group }));
    const sweeper = new RetentionSweeper(deps());
    await expect(
      putBatchesToNewStreams(deps(), sweeper, scope, group, [
        { logStreamName: 'a', events: [{ timestamp: START_MS, message: 'm' }] },
      ]),
    ).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    expect(
      await teiki.store.logEvents.readStream(scope, group, 'a', { ascending: true, limit: 1 }),
    ).toEqual([]);
  });
});
