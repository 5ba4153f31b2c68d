/**
 * A virtual clock moved far past a rule's instants: the first day's worth fire, the rest
 * are one summary record, and the fire ledger still fires the next instant exactly once.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FIRED_PER_MOVE } from '../../src/engine/scheduler/index.js';
import { raw, startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs('2026-11-28T00:00:00Z'));
});
afterAll(() => teiki.close());

interface Invocation {
  name: string;
  scheduledTime: string;
  outcome: string;
  error?: { code: string; message: string };
}

async function invocations(): Promise<Invocation[]> {
  const res = await raw(teiki.url, { method: 'GET', path: '/_teiki/invocations?limit=5000' });
  return (JSON.parse(res.text) as { invocations: Invocation[] }).invocations;
}

async function moveClock(body: unknown): Promise<{ status: number; now: string }> {
  const res = await raw(teiki.url, { path: '/_teiki/clock', body: JSON.stringify(body) });
  return { status: res.status, now: (JSON.parse(res.text) as { now: string }).now };
}

describe('a clock moved past many instants', () => {
  it('fires a day of a minutely rule, records the rest as one summary, then fires on as usual', async () => {
    const logs = new CloudWatchLogsClient(teiki.clientConfig());
    const events = new EventBridgeClient(teiki.clientConfig());
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/minutely' }));
    await events.send(
      new PutRuleCommand({ Name: 'minutely', ScheduleExpression: 'rate(1 minute)' }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'minutely',
        Targets: [{ Id: 'log', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/minutely' }],
      }),
    );
    // Three days: 4,320 instants, of which the move fires the first day's.
    expect(await moveClock({ advanceSeconds: 3 * 86_400 })).toEqual({
      status: 200,
      now: '2026-12-01T00:00:00.000Z',
    });
    const all = await invocations();
    const delivered = all.filter((i) => i.outcome === 'delivered');
    const skipped = all.filter((i) => i.error?.code === 'SkippedByClockMove');
    expect(delivered.length).toBeGreaterThanOrEqual(MAX_FIRED_PER_MOVE);
    expect(delivered.length).toBeLessThanOrEqual(MAX_FIRED_PER_MOVE + 1);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ name: 'minutely', outcome: 'missed' });
    expect(skipped[0]!.error!.message).toContain(
      `further instants, from ${skipped[0]!.scheduledTime} through 2026-12-01T00:00:00.000Z`,
    );
    expect(delivered.length + Number(/passed (\d+)/.exec(skipped[0]!.error!.message)![1])).toBe(
      3 * 1440,
    );

    await moveClock({ advanceSeconds: 60 });
    const next = (await invocations()).filter(
      (i) => i.scheduledTime === '2026-12-01T00:01:00.000Z',
    );
    expect(next.map((i) => i.outcome)).toEqual(['delivered']);
  });
});
