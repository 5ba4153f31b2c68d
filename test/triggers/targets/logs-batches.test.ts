/**
 * A CloudWatch Logs target's deliveries of one instant go out together; when the batch
 * fails as a whole, each delivery is made on its own, so only a delivery's own failure is
 * reported as its failure.
 */
import { CreateLogGroupCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAMS, streamId, type LogStreamRecord } from '../../../src/services/logs/records.js';
import type { Store } from '../../../src/store/types.js';
import { LogsTarget } from '../../../src/triggers/targets/logs.js';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../../helpers/teiki.js';
import { logsClient, START, START_MS, uniqueName } from '../../services/logs/helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(START));
});
afterAll(() => teiki.close());

const scope = { accountId: '000000000000', region: 'us-east-1' };
const arn = (group: string) => `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:${group}`;

/** The test's store, with many-stream appends failing as a whole (the batch statement). */
function failingAppends(store: Store): Store {
  const logEvents = {
    ...store.logEvents,
    appendMany: () => Promise.reject(new Error('the batch statement failed')),
  };
  return Object.assign(Object.create(store) as Store, { logEvents });
}

/** The test's store, with batch inserts of records failing (nothing written). */
function failingInserts(store: Store): Store {
  const collection = <T extends object>(name: string) => ({
    ...store.collection<T>(name),
    insertMany: () => Promise.reject(new Error('the batch statement failed')),
  });
  return Object.assign(Object.create(store) as Store, { collection });
}

async function messages(group: string, stream: string) {
  const out = await logsClient(teiki).send(
    new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }),
  );
  return out.events?.map((e) => e.message);
}

describe('LogsTarget', () => {
  it.each([
    { name: 'together', store: () => teiki.store },
    { name: 'appended one by one', store: () => failingAppends(teiki.store) },
    { name: 'one by one', store: () => failingInserts(teiki.store) },
  ])('delivers each event of one turn, $name, and fails only its own', async ({ store }) => {
    const group = uniqueName('/target');
    await logsClient(teiki).send(new CreateLogGroupCommand({ logGroupName: group }));
    const target = new LogsTarget({ store: store(), clock: teiki.clock });
    const deliver = (eventId: string, input: string) =>
      target.invoke({ scope, arn: arn(group), input, eventId, eventTimeMs: START_MS });
    const settled = await Promise.allSettled([
      deliver('e1', 'first'),
      deliver('e2', ''),
      deliver('e3', 'third'),
      target.invoke({
        scope,
        arn: arn(uniqueName('/absent')),
        input: 'x',
        eventId: 'e4',
        eventTimeMs: START_MS,
      }),
    ]);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect(settled[1]).toMatchObject({ reason: { code: 'InvalidParameterException' } });
    expect(settled[3]).toMatchObject({ reason: { code: 'ResourceNotFoundException' } });
    expect(await messages(group, 'e1')).toEqual(['first']);
    expect(await messages(group, 'e3')).toEqual(['third']);
    // Each stream counts its one upload, however it was written.
    const streams = await teiki.store
      .collection<LogStreamRecord>(STREAMS)
      .getMany(['e1', 'e2', 'e3'].map((id) => ({ scope, id: streamId(group, id) })));
    expect(streams.map((s) => s?.uploads)).toEqual([1, 0, 1]);
  });
});
