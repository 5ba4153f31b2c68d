/** Retention with a virtual clock: expired events disappear from every read, on both stores. */
import { rmSync } from 'node:fs';
import {
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TestTeiki } from '../../helpers/teiki.js';
import {
  advanceClock,
  createGroupWithStream,
  DAY,
  HOUR,
  logsClient,
  put,
  startLogsTeiki,
  storeArgs,
  uniqueName,
} from './helpers.js';

describe.each(['memory', 'sqlite'] as const)('retention (%s store)', (kind) => {
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

  async function visible(
    group: string,
  ): Promise<{ get: string[]; filter: string[]; bytes: number }> {
    const get = await logs().send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: 's', startFromHead: true }),
    );
    const filter = await logs().send(new FilterLogEventsCommand({ logGroupName: group }));
    const described = await logs().send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: group }),
    );
    return {
      get: (get.events ?? []).map((e) => e.message!),
      filter: (filter.events ?? []).map((e) => e.message!),
      bytes: described.logGroups?.[0]?.storedBytes ?? -1,
    };
  }

  it('drops events as they pass the retention period, and only those', async () => {
    const group = uniqueName('/retained');
    await createGroupWithStream(logs(), group, 's');
    const now = teiki.clock.nowMs();
    await put(logs(), group, 's', [
      { timestamp: now - 20 * HOUR, message: 'older' },
      { timestamp: now - 2 * HOUR, message: 'newer' },
    ]);
    await logs().send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 1 }));
    expect(await visible(group)).toEqual({
      get: ['older', 'newer'],
      filter: ['older', 'newer'],
      bytes: 2 * (5 + 26),
    });

    await advanceClock(teiki, 5 * 3600); // older is now 25 h old
    expect(await visible(group)).toEqual({ get: ['newer'], filter: ['newer'], bytes: 5 + 26 });

    await advanceClock(teiki, 2 * 86_400);
    expect(await visible(group)).toEqual({ get: [], filter: [], bytes: 0 });
  });

  it('keeps everything without a policy, and hides nothing once the policy is removed', async () => {
    const group = uniqueName('/forever');
    await createGroupWithStream(logs(), group, 's');
    const now = teiki.clock.nowMs();
    await put(logs(), group, 's', [{ timestamp: now - 13 * DAY, message: 'aged' }]);
    await logs().send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 30 }));
    await logs().send(new DeleteRetentionPolicyCommand({ logGroupName: group }));
    await advanceClock(teiki, 400 * 86_400);
    expect((await visible(group)).get).toEqual(['aged']);
  });

  it('hides expired events at once when a shorter policy is set', async () => {
    const group = uniqueName('/shortened');
    await createGroupWithStream(logs(), group, 's');
    const now = teiki.clock.nowMs();
    await put(logs(), group, 's', [{ timestamp: now - 4 * DAY, message: 'four days' }]);
    await put(logs(), group, 's', [{ timestamp: now - 2 * DAY, message: 'two days' }]);
    await logs().send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 3 }));
    expect((await visible(group)).get).toEqual(['two days']);
  });
});
