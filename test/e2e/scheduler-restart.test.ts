/**
 * kill -9 in the middle of a busy schedule neither loses nor repeats an instant: five
 * rules fire every minute while a virtual clock moves six hours; teiki is killed during
 * the move and started again later on the same data directory. Every instant of every
 * rule is then accounted for exactly once: delivered, interrupted (in flight at the kill),
 * or missed (teiki was down).
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';

const START = '2026-01-01T00:00:00Z';
const RESTART = '2026-01-01T08:00:00Z';
const RULES = ['r1', 'r2', 'r3', 'r4', 'r5'];

const config = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

let child: TeikiProcess | undefined;
afterEach(() => {
  child?.child.kill('SIGKILL');
  child = undefined;
});

interface Invocation {
  name: string;
  scheduledTime: string;
  outcome: string;
  error?: { code: string };
}

it('accounts for every instant exactly once across a kill -9', async () => {
  const dataDir = tempDir();
  const args = ['--data-dir', dataDir, '--clock', 'virtual', '--log-level', 'error'];
  child = await spawnTeiki([...args, '--clock-start', START]);
  const logs = new CloudWatchLogsClient(config(child.url));
  const events = new EventBridgeClient(config(child.url));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/ticks' }));
  for (const name of RULES) {
    await events.send(new PutRuleCommand({ Name: name, ScheduleExpression: 'rate(1 minute)' }));
    await events.send(
      new PutTargetsCommand({
        Rule: name,
        Targets: [{ Id: 'log', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/ticks' }],
      }),
    );
  }
  const advancing = fetch(`${child.url}/_teiki/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: 6 * 3600 }),
  }).catch(() => undefined);
  // Kill once firing is well under way, while the clock is still moving.
  for (;;) {
    const res = await fetch(`${child.url}/_teiki/invocations?limit=10000`);
    const body = (await res.json()) as { invocations: Invocation[] };
    if (body.invocations.length >= 200) break;
  }
  child.child.kill('SIGKILL');
  await child.exited;
  await advancing;

  child = await spawnTeiki([...args, '--clock-start', RESTART]);
  const res = await fetch(`${child.url}/_teiki/invocations?limit=10000`);
  const { invocations } = (await res.json()) as { invocations: Invocation[] };

  const expected = Array.from({ length: 8 * 60 }, (_, i) =>
    new Date(Date.parse(START) + (i + 1) * 60_000).toISOString(),
  );
  for (const name of RULES) {
    const mine = invocations.filter((i) => i.name === name);
    const instants = mine.map((i) => i.scheduledTime).sort();
    expect(instants).toEqual(expected);
    for (const invocation of mine) {
      const ok =
        invocation.outcome === 'delivered' ||
        invocation.outcome === 'missed' ||
        (invocation.outcome === 'failed' && invocation.error?.code === 'Interrupted');
      expect(ok, JSON.stringify(invocation)).toBe(true);
    }
  }
  const outcomes = new Set(invocations.map((i) => i.outcome));
  expect(outcomes.has('delivered')).toBe(true);
  expect(outcomes.has('missed')).toBe(true);
  // The kill came before the six hours were through: it was in the middle of the run.
  const delivered = invocations.filter((i) => i.outcome === 'delivered').length;
  expect(delivered).toBeLessThan(RULES.length * 6 * 60);
});
