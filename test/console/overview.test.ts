/**
 * The Overview page in Chromium: the counts and last-24 h figures the services hold, a
 * failed invocation with its reason and a link to its rule, a reload when the clock is
 * moved from the header, and cards that lead to their pages.
 */
import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../src/engine/clock/types.js';
import { startTaskFixture, type TaskFixture } from '../services/ecs/tasks-fixtures.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { ecsRule, fireRule, roleArn, targetRole } from './iam-fixtures.js';
import { virtualClockArgs } from '../helpers/teiki.js';

let f: TaskFixture;
let browser: Browser;

beforeAll(async () => {
  f = await startTaskFixture(virtualClockArgs('2026-11-28T00:00:00Z'));
  browser = await launchBrowser();
  const ok = await f.register([
    { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'echo done'] },
  ]);
  const bad = await f.register([
    { name: 'app', image: 'x', essential: true, command: ['sh', '-c', 'exit 2'] },
  ]);
  for (const family of [ok, ok, bad]) {
    const task = await f.run(family);
    await f.waitStopped(task.taskArn ?? '');
  }
  // A role that EventBridge may assume but that may run nothing: its rule fails.
  await targetRole(f.teiki, 'NoRunTaskRole', {
    runTaskResource: 'arn:aws:ecs:us-east-1:000000000000:task-definition/elsewhere:*',
    passRoles: ['*'],
  });
  await ecsRule(f.teiki, {
    name: 'nightly-report',
    role: roleArn('NoRunTaskRole'),
    family: ok,
    cluster: 'default',
    subnetId: f.subnetId,
  });
  const fired = await fireRule(f.teiki, 'nightly-report');
  expect(fired.invocations[0]?.outcome).toBe('failed');
  // A rule that may run its task, whose task cannot start (no command): the invocation
  // "started" it, the run failed.
  const noCommand = await f.register([{ name: 'logger', image: 'ecs-scheduler-sample:v1' }]);
  await ecsRule(f.teiki, {
    name: 'broken-job',
    role: await targetRole(f.teiki, 'BrokenJobRole', {
      runTaskResource: `arn:aws:ecs:us-east-1:000000000000:task-definition/${noCommand}:*`,
      passRoles: ['*'],
    }),
    family: noCommand,
    cluster: 'default',
    subnetId: f.subnetId,
  });
  const broken = await fireRule(f.teiki, 'broken-job');
  expect(broken.invocations[0]?.outcome).toBe('started');
  await f.waitStopped(broken.invocations[0]?.taskArns[0] ?? '');
  // Fired once by hand only: its 02:20 instant would add a run to the window.
  await new EventBridgeClient(f.teiki.clientConfig()).send(
    new DisableRuleCommand({ Name: 'broken-job' }),
  );
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('the Overview page', () => {
  it('shows the counts, the last 24 h of runs and the failed invocation with its reason', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${f.teiki.url}/_teiki/console/`);
    const count = (key: string) => page.getByTestId(`count-${key}`).textContent();
    await expect.poll(() => count('scheduledRules'), { timeout: 10_000 }).toBe('2');
    expect(await count('taskDefinitionFamilies')).toBe('3');
    expect(await count('clusters')).toBe('1');
    expect(await count('roles')).toBe('2');
    expect(await count('runningTasks')).toBe('0');
    expect(await page.getByTestId('runs-total').textContent()).toBe('4');
    expect(await page.getByTestId('runs-succeeded').textContent()).toBe('2');
    expect(await page.getByTestId('runs-failed').textContent()).toBe('2');
    expect(await page.getByTestId('overview-clock-now').textContent()).toContain(
      '2026-11-28 00:00:00',
    );

    const attention = page.getByRole('table', { name: 'Invocations needing attention' });
    const row = attention.getByRole('row').filter({ hasText: 'nightly-report' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('AccessDeniedException');
    expect(await row.textContent()).toContain('role NoRunTaskRole may not ecs:RunTask on');
    expect(await row.getByRole('link', { name: 'nightly-report' }).getAttribute('href')).toBe(
      '/_teiki/console/schedules?kind=rule&name=nightly-report&container=default',
    );
    // The rule whose task failed to start needs attention too: "started", then its fate.
    const brokenRow = attention.getByRole('row').filter({ hasText: 'broken-job' });
    expect(await brokenRow.getByTestId('run-status').textContent()).toBe(
      'started → failed to start',
    );
    expect(await brokenRow.textContent()).toContain('TaskFailedToStart');
    expect(await brokenRow.textContent()).toContain('container logger has nothing to run');
    expect(await page.getByRole('heading', { name: /^Needs attention/ }).textContent()).toBe(
      'Needs attention (2)',
    );
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
  });

  it('reloads when the clock is moved from the header: the runs leave the window, the 02:20 firing fails again', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${f.teiki.url}/_teiki/console/`);
    await expect
      .poll(() => page.getByTestId('runs-total').textContent(), { timeout: 10_000 })
      .toBe('4');
    await page.getByRole('button', { name: '+1 day' }).click();
    await expect
      .poll(() => page.getByTestId('runs-total').textContent(), { timeout: 10_000 })
      .toBe('0');
    const rows = page
      .getByRole('table', { name: 'Invocations needing attention' })
      .getByRole('row')
      .filter({ hasText: 'nightly-report' });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId('overview-clock-now').textContent()).toContain(
      '2026-11-29 00:00:00',
    );
    expect((f.teiki.clock as VirtualClock).now().toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(errors).toEqual([]);
  });

  it('leads from a card to its page, by keyboard too', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${f.teiki.url}/_teiki/console/`);
    const counts = page.getByRole('list', { name: 'Counts' });
    await counts.getByRole('link', { name: /IAM roles/ }).click();
    await expect.poll(() => page.url()).toBe(`${f.teiki.url}/_teiki/console/iam`);
    await page.goBack();
    await counts.getByRole('link', { name: /Running tasks/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toBe(`${f.teiki.url}/_teiki/console/tasks?status=RUNNING`);
  });
});
