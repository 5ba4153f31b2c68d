/** The ingestion function teiki's own producers use: PutLogEvents' rules without HTTP. */
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogIngestion, type LogIngestion } from '../../../src/services/logs/operations.js';
import { isServiceError } from '../../../src/services/error.js';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../../helpers/teiki.js';
import { DAY, HOUR, logsClient, START, START_MS, uniqueName } from './helpers.js';

let teiki: TestTeiki;
let ingestion: LogIngestion;
const scope = { accountId: '000000000000', region: 'us-east-1' };

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(START));
  ingestion = createLogIngestion({ store: teiki.store, clock: teiki.clock });
});
afterAll(() => teiki.close());

const logs = () => logsClient(teiki);

async function fresh(): Promise<string> {
  const group = uniqueName('/ecs/task');
  await logs().send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs().send(
    new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'app/web/1' }),
  );
  return group;
}

async function read(group: string) {
  const events: { timestamp?: number; message?: string }[] = [];
  for await (const page of paginateGetLogEvents(
    { client: logs(), stopOnSameToken: true },
    { logGroupName: group, logStreamName: 'app/web/1', startFromHead: true },
  )) {
    for (const e of page.events ?? []) events.push({ timestamp: e.timestamp, message: e.message });
  }
  return events;
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isServiceError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('createLogIngestion', () => {
  it('putBatch applies PutLogEvents rules exactly', async () => {
    const group = await fresh();
    expect(
      await failure(
        ingestion.putBatch(scope, group, 'app/web/1', [
          { timestamp: START_MS, message: 'b' },
          { timestamp: START_MS - 1, message: 'a' },
        ]),
      ),
    ).toEqual({
      code: 'InvalidParameterException',
      message: 'Log events in a single PutLogEvents request must be in chronological order.',
    });
    expect(
      await failure(
        ingestion.putBatch(scope, group, 'app/web/1', [{ timestamp: START_MS, message: '' }]),
      ),
    ).toEqual({
      code: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
    const out = await ingestion.putBatch(scope, group, 'app/web/1', [
      { timestamp: START_MS, message: 'ok' },
      { timestamp: START_MS + 3 * HOUR, message: 'future' },
    ]);
    expect(out).toMatchObject({
      accepted: 1,
      rejectedLogEventsInfo: { tooNewLogEventStartIndex: 1 },
    });
    expect(await read(group)).toEqual([{ timestamp: START_MS, message: 'ok' }]);
  });

  it('creates nothing: a missing group or stream is ResourceNotFoundException', async () => {
    const group = await fresh();
    expect(
      await failure(
        ingestion.ingest(scope, uniqueName('none'), 's', [{ timestamp: START_MS, message: 'x' }]),
      ),
    ).toEqual({
      code: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    expect(
      await failure(
        ingestion.ingest(scope, group, 'missing', [{ timestamp: START_MS, message: 'x' }]),
      ),
    ).toEqual({
      code: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
  });

  it('ingest orders lines, skips empty ones and cuts batches within the limits', async () => {
    const group = await fresh();
    const lines = [
      { timestamp: START_MS - 2 * DAY, message: 'day one' },
      { timestamp: START_MS - 3 * DAY, message: 'day zero' },
      { timestamp: START_MS - 3 * DAY, message: '' },
      ...Array.from({ length: 12_000 }, (_, i) => ({
        timestamp: START_MS - HOUR + i,
        message: `line ${i}`,
      })),
      { timestamp: START_MS - 20 * DAY, message: 'too old' },
      { timestamp: START_MS + 5 * HOUR, message: 'too new' },
    ];
    const out = await ingestion.ingest(scope, group, 'app/web/1', lines);
    expect(out).toEqual({ accepted: 12_002, rejected: { tooOld: 1, expired: 0, tooNew: 1 } });
    const first = await read(group);
    expect(first.slice(0, 3).map((e) => e.message)).toEqual(['day zero', 'day one', 'line 0']);
  });

  it('splits a line too long for one event', async () => {
    const group = await fresh();
    const long = 'a'.repeat(1_048_550) + 'b'.repeat(10);
    const out = await ingestion.ingest(scope, group, 'app/web/1', [
      { timestamp: START_MS, message: long },
    ]);
    expect(out.accepted).toBe(2);
    const events = await read(group);
    expect(events.map((e) => e.message!.length)).toEqual([1_048_550, 10]);
    expect(events.map((e) => e.message).join('')).toBe(long);
  });
});
