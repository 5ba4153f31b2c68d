/**
 * How queries run in the background, with the store's scans held open so a query stays
 * Running as long as the test wants: the concurrency quota, StopQuery, the 60-minute
 * timeout on the teiki clock, and a query an earlier process left behind.
 */
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../../src/engine/clock/index.js';
import type { RequestContext } from '../../../src/services/context.js';
import { isServiceError } from '../../../src/services/error.js';
import { createGroupRecord } from './insights-fixtures.js';
import { createInsightsOperations } from '../../../src/services/logs/insights/operations.js';
import { QUERIES, type QueryRecord } from '../../../src/services/logs/insights/records.js';
import { MAX_CONCURRENT_QUERIES } from '../../../src/services/logs/insights/start-query.js';
import { createMemoryStore } from '../../../src/store/memory/index.js';
import type { LogEventStore } from '../../../src/store/log-events.js';
import type { Store } from '../../../src/store/types.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const ctx: RequestContext = {
  requestId: 'r',
  accountId: '000000000000',
  region: 'us-east-1',
  caller: {
    accountId: '000000000000',
    arn: 'arn:aws:iam::000000000000:root',
    userId: '000000000000',
    accessKeyId: 'test',
    type: 'root',
  },
};
const scope = { accountId: ctx.accountId, region: ctx.region };

/** A store whose group scans wait until `release` is called. */
function heldStore(): { store: Store; release: () => void; scans: () => number } {
  const inner = createMemoryStore();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let scans = 0;
  const logEvents: LogEventStore = {
    ...inner.logEvents,
    scanGroup: (s, group, options) => ({
      async *[Symbol.asyncIterator]() {
        scans++;
        await gate;
        yield* inner.logEvents.scanGroup(s, group, options);
      },
    }),
  };
  return {
    store: Object.assign(Object.create(inner) as Store, { logEvents, kind: inner.kind }),
    release: open,
    scans: () => scans,
  };
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function setup() {
  const held = heldStore();
  const clock = createVirtualClock(START);
  const deps = { store: held.store, clock };
  await createGroupRecord(deps, scope, '/held');
  await held.store.logEvents.append(
    scope,
    '/held',
    's',
    [{ timestamp: START - 1000, message: 'x' }],
    START,
  );
  const ops = createInsightsOperations(deps);
  const start = () =>
    ops.StartQuery!(
      {
        logGroupName: '/held',
        startTime: START / 1000 - 60,
        endTime: START / 1000,
        queryString: 'fields @message',
      },
      ctx,
    );
  const status = async (queryId: string) => (await ops.GetQueryResults!({ queryId }, ctx)).status;
  return { ...held, clock, deps, ops, start, status };
}

describe('the query runner', () => {
  it(`refuses a query beyond ${MAX_CONCURRENT_QUERIES} running ones with LimitExceededException`, async () => {
    const t = await setup();
    const ids: string[] = [];
    for (let i = 0; i < MAX_CONCURRENT_QUERIES; i++) ids.push((await t.start()).queryId!);
    const refused = await t.start().catch((e: unknown) => e);
    expect(isServiceError(refused) && [refused.code, refused.message]).toEqual([
      'LimitExceededException',
      `Account maximum query concurrency limit of [${MAX_CONCURRENT_QUERIES}] reached.`,
    ]);
    t.release();
    for (const id of ids) await until(async () => (await t.status(id)) === 'Complete');
    // Once they ended, there is room again.
    const again = await t.start();
    await until(async () => (await t.status(again.queryId!)) === 'Complete');
  });

  it('StopQuery cancels a running query, which keeps no rows', async () => {
    const t = await setup();
    const { queryId } = await t.start();
    await until(() => t.scans() === 1);
    expect(await t.status(queryId!)).toBe('Running');
    expect(await t.ops.StopQuery!({ queryId: queryId! }, ctx)).toEqual({ success: true });
    t.release();
    await until(async () => (await t.status(queryId!)) === 'Cancelled');
    expect((await t.ops.GetQueryResults!({ queryId: queryId! }, ctx)).results).toEqual([]);
  });

  it('ends a query still running 60 minutes later (teiki clock) as Timeout', async () => {
    const t = await setup();
    const { queryId } = await t.start();
    await until(() => t.scans() === 1);
    await t.clock.advance(60 * 60 * 1000);
    t.release();
    await until(async () => (await t.status(queryId!)) === 'Timeout');
  });

  it('reports a query an earlier process left Running as Unknown', async () => {
    const t = await setup();
    const record: QueryRecord = {
      queryId: 'left-behind',
      queryString: 'fields @message',
      queryLanguage: 'CWLI',
      logGroupNames: ['/held'],
      startTime: 0,
      endTime: 1,
      createTime: START,
      status: 'Running',
      userIdentity: ctx.caller.arn,
    };
    await t.store.collection<QueryRecord>(QUERIES).put(scope, record.queryId, record);
    expect(await t.status('left-behind')).toBe('Unknown');
    const listed = await t.ops.DescribeQueries!({ status: 'Unknown' }, ctx);
    expect(listed.queries?.map((q) => q.queryId)).toEqual(['left-behind']);
  });
});
