/**
 * Issue 14's attack in real Chromium: a page on another origin (another port on
 * 127.0.0.1, or `localhost`) and a page on a DNS-rebound name try the whole chain, a role
 * trusting the scheduler, its policy, a schedule whose ECS target runs `id > FILE`, fire,
 * reset, by every means a page has without a preflight. teiki refuses each request (one
 * log line each), nothing is created, the command never runs, reset wipes nothing, and
 * nothing is readable. The same chain sent without a browser (as curl would) does run
 * the command, so the refusals are what stopped it. The console keeps working on its own
 * origin, under either name.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOptions } from '../../src/cli/options.js';
import { startTeiki, type Teiki } from '../../src/teiki.js';
import { httpRequest } from '../helpers/http.js';
import { recordingLogger, type LogEntry } from '../helpers/logger.js';
import { tempDir } from '../helpers/teiki.js';
import {
  attackChain,
  attackHtml,
  requestsPerTarget,
  serveAttackPage,
  type AttackStep,
} from '../helpers/attack-page.js';
import { launchBrowser, openPage } from './browser.js';

const ACCOUNT = '000000000000';
const REBOUND = 'rebind.test';

let teiki: Teiki;
let browser: Browser;
let steps: AttackStep[];
const pwned = join(mkdtempSync(join(tmpdir(), 'teiki-attack-')), 'pwned');
const logEntries: LogEntry[] = [];
const config = () => ({
  endpoint: teiki.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

beforeAll(async () => {
  const options = compileOptions(['--port', '0', '--in-memory'], {}, tempDir());
  teiki = await startTeiki(options, recordingLogger(logEntries));
  // What the user set up, which the attacker hopes to use (and reset would wipe).
  const ecs = new ECSClient(config());
  await ecs.send(new CreateClusterCommand({ clusterName: 'work' }));
  const { taskDefinition } = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'app',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'busybox', command: ['true'] }],
    }),
  );
  const { Subnets } = await new EC2Client(config()).send(new DescribeSubnetsCommand({}));
  steps = attackChain({
    accountId: ACCOUNT,
    subnetId: Subnets?.[0]?.SubnetId ?? '',
    taskDefinitionArn: taskDefinition?.taskDefinitionArn ?? '',
    clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/work`,
    command: `id > ${pwned}`,
  });
  // Chromium's own Local Network Access checks would block the rebound page before teiki
  // sees it; other browsers have none, so the test turns them off and judges teiki alone.
  browser = await launchBrowser([
    `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`,
    '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests',
  ]);
});
afterAll(async () => {
  await browser?.close();
  await teiki?.close();
});

async function roleExists(): Promise<boolean> {
  return new IAMClient(config()).send(new GetRoleCommand({ RoleName: 'pwn' })).then(
    () => true,
    (error: Error) => (error.name.startsWith('NoSuchEntity') ? false : Promise.reject(error)),
  );
}

async function scheduleExists(): Promise<boolean> {
  return new SchedulerClient(config()).send(new GetScheduleCommand({ Name: 'pwn' })).then(
    () => true,
    (error: Error) => (error.name === 'ResourceNotFoundException' ? false : Promise.reject(error)),
  );
}

async function clusterSurvives(): Promise<boolean> {
  const out = await new ECSClient(config()).send(
    new DescribeClustersCommand({ clusters: ['work'] }),
  );
  return out.clusters?.[0]?.status === 'ACTIVE';
}

/** Refusals logged for the attack's own paths (a browser also asks for /favicon.ico). */
function refusalsLogged(): Record<string, unknown>[] {
  const paths = new Set([...steps.map((s) => s.path), '/_teiki/health', '/_teiki/invocations']);
  return logEntries
    .filter((e) => e.message === 'refused a request' && paths.has(String(e.fields.path)))
    .map((e) => e.fields);
}

/**
 * Opens the attack page and waits, the page still open (a beacon may leave late), until
 * teiki has logged `refusalsAfter` refusals in all.
 */
async function runAttack(
  pageUrl: string,
  refusalsAfter: number,
  html?: string,
): Promise<{ what: string; outcome: string }[]> {
  const { page } = await openPage(browser);
  if (html !== undefined) {
    // The attacker's page, as served before the name was rebound to 127.0.0.1.
    await page.route(pageUrl, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: html }),
    );
  }
  await page.goto(pageUrl);
  // The page's script sets `attackResults` on its global object when it is done.
  await page.waitForFunction(() => 'attackResults' in globalThis, undefined, { timeout: 60_000 });
  const results = (await page.evaluate(
    () => (globalThis as unknown as { attackResults: unknown }).attackResults,
  )) as { what: string; outcome: string }[];
  await expect.poll(() => refusalsLogged().length, { timeout: 30_000 }).toBe(refusalsAfter);
  await page.context().close();
  return results;
}

describe('a page on another origin', () => {
  it('cannot create, run, reset or read anything, and every request is refused once', async () => {
    const port = new URL(teiki.url).port;
    const targets = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
    const evil = await serveAttackPage(attackHtml(targets, steps));
    const rebound = `http://${REBOUND}:${port}/kittens.html`;
    try {
      // Every request each page makes reaches teiki and is refused, each logged once.
      const perPage = requestsPerTarget(steps) * targets.length;
      const pages = [
        await runAttack(`http://127.0.0.1:${evil.port}/`, perPage),
        await runAttack(`http://localhost:${evil.port}/`, perPage * 2),
        await runAttack(rebound, perPage * 2 + requestsPerTarget(steps), attackHtml([''], steps)),
      ];
      for (const results of pages) {
        for (const { what, outcome } of results) {
          if (!what.startsWith('read ')) continue;
          // Cross-origin the answer is opaque; the rebound page is same-origin and reads a 403.
          expect([what, outcome]).toEqual([
            what,
            expect.stringMatching(
              /^(unreadable|READ 403 .*teiki does not serve the host (?:'|&apos;)rebind\.test)/,
            ),
          ]);
        }
      }
      const reasons = new Set(refusalsLogged().map((l) => l.reason));
      expect([...reasons].sort()).toEqual(['host-not-allowed', 'origin-not-allowed']);
    } finally {
      await evil.close();
    }
    expect(await roleExists()).toBe(false);
    expect(await scheduleExists()).toBe(false);
    expect(await clusterSurvives()).toBe(true);
    const invocations = await httpRequest(teiki.url, {
      method: 'GET',
      path: '/_teiki/invocations',
    });
    expect(JSON.parse(invocations.text)).toEqual({ invocations: [] });
    expect(existsSync(pwned)).toBe(false);
  });

  it('is what stopped it: the same chain sent by a program runs the command', async () => {
    for (const step of steps.filter((s) => s.label !== 'reset')) {
      const res = await httpRequest(teiki.url, {
        path: step.path,
        headers: { 'content-type': step.contentType },
        body: step.body,
      });
      expect([step.label, res.status]).toEqual([step.label, 200]);
    }
    await expect.poll(() => existsSync(pwned), { timeout: 30_000 }).toBe(true);
  });
});

describe('the console on its own origin', () => {
  it.each([['127.0.0.1'], ['localhost']])(
    'loads and moves nothing it should not, under %s',
    async (name) => {
      const { page, errors } = await openPage(browser);
      const url = `http://${name}:${new URL(teiki.url).port}/_teiki/console/`;
      await page.goto(url);
      await expect.poll(() => page.getByTestId('clock-now').count()).toBe(1);
      // A POST from the console itself carries its Origin; it must go through.
      const answer = await page.evaluate(async () => {
        const res = await fetch('/_teiki/fire', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ rule: 'no-such-rule' }),
        });
        return res.status;
      });
      expect(answer).toBe(404);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
