/**
 * The schedules page in Chromium, over rules and schedules made with the AWS SDKs on a
 * virtual clock: both kinds listed; the Tokyo schedule's next runs at 02:20 UTC and 11:20
 * in Asia/Tokyo; the seed's UTC rule seen from a Tokyo browser (the article's trap); a
 * rule toggled off and on (DescribeRule agrees); "run now" adding to the history, a
 * refused run with its reason; 10,000 invocations shown a page at a time.
 */
import { DescribeRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvocationLog } from '../../src/triggers/invocations.js';
import type { TestTeiki } from '../helpers/teiki.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { CLUSTER_ARN, createSchedules, NAMES, startSchedulesTeiki } from './schedules-fixtures.js';

let teiki: TestTeiki;
let browser: Browser;

beforeAll(async () => {
  teiki = await startSchedulesTeiki();
  await createSchedules(teiki);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await teiki?.close();
});

const pageUrl = (query = '') => `${teiki.url}/_teiki/console/schedules${query}`;

/** The text of each cell of a table's rows, by the table's accessible name. */
async function rows(page: Page, table: string): Promise<string[][]> {
  const trs = page.getByRole('table', { name: table, exact: true }).locator('tbody tr');
  const out: string[][] = [];
  for (const tr of await trs.all()) {
    out.push((await tr.locator('td').allTextContents()).map((text) => text.trim()));
  }
  return out;
}

function headers(page: Page, table: string): Promise<string[]> {
  return page
    .getByRole('table', { name: table, exact: true })
    .locator('thead th')
    .allTextContents();
}

async function ruleState(name: string): Promise<string | undefined> {
  const events = new EventBridgeClient(teiki.clientConfig());
  return (await events.send(new DescribeRuleCommand({ Name: name }))).State;
}

describe('the schedules page', () => {
  it('lists rules and schedules and opens the Tokyo schedule with its runs in UTC and Tokyo time', async () => {
    const { page, errors } = await openPage(browser, { timezoneId: 'UTC' });
    await page.goto(pageUrl());
    await expect.poll(() => page.title()).toBe('Schedules · teiki');
    const list = () => rows(page, 'Schedules');
    await expect
      .poll(async () => (await list()).map((r) => r[0]).sort())
      .toEqual(Object.values(NAMES).sort());
    const tokyoRow = (await list()).find((r) => r[0] === NAMES.tokyo);
    expect(tokyoRow?.slice(1, 5)).toEqual([
      'Scheduler schedulegroup default',
      'cron(20 11 * * ? *)',
      'every day at 11:20 Asia/Tokyo',
      'ENABLED',
    ]);

    await page.getByRole('link', { name: NAMES.tokyo, exact: true }).click();
    await expect
      .poll(() => page.url())
      .toBe(pageUrl(`?kind=schedule&name=${NAMES.tokyo}&container=default`));
    await expect
      .poll(() => headers(page, 'Next runs'))
      .toEqual(['#', 'UTC', "Asia/Tokyo (schedule's zone)"]);
    const runs = await rows(page, 'Next runs');
    expect(runs[0]).toEqual(['1', '2026-11-28 02:20:00 UTC', '2026-11-28 11:20:00 GMT+9']);
    expect(runs.map((r) => r[1])).toEqual([
      '2026-11-28 02:20:00 UTC',
      '2026-11-29 02:20:00 UTC',
      '2026-11-30 02:20:00 UTC',
      '2026-12-01 02:20:00 UTC',
      '2026-12-02 02:20:00 UTC',
    ]);
    expect(await page.getByTestId('resolved-revision').textContent()).toBe('seed-job:1 ACTIVE');

    // A zone chosen in the header adds its column.
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await expect
      .poll(async () => (await rows(page, 'Next runs'))[0])
      .toEqual([
        '1',
        '2026-11-28 02:20:00 UTC',
        '2026-11-27 21:20:00 EST',
        '2026-11-28 11:20:00 GMT+9',
      ]);
    expect(errors).toEqual([]);
  });

  it("shows a Tokyo browser that the seed's rule runs at 11:20 there, not 02:20", async () => {
    const { page } = await openPage(browser, { timezoneId: 'Asia/Tokyo' });
    await page.goto(pageUrl(`?kind=rule&name=${NAMES.rule}&container=default`));
    await expect
      .poll(() => headers(page, 'Next runs'))
      .toEqual(['#', 'UTC', 'Asia/Tokyo (chosen zone)']);
    expect((await rows(page, 'Next runs'))[0]).toEqual([
      '1',
      '2026-11-28 02:20:00 UTC',
      '2026-11-28 11:20:00 GMT+9',
    ]);
    expect(await page.getByTestId('schedule-reading').textContent()).toBe('every day at 02:20 UTC');
    // The target names the family alone: its latest ACTIVE revision would run.
    expect(await page.getByTestId('resolved-revision').textContent()).toBe('seed-job:2 ACTIVE');
  });

  it('disables the rule and enables it again, as DescribeRule then says', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(pageUrl(`?kind=rule&name=${NAMES.rule}&container=default`));
    const toggle = page.getByRole('switch', { name: 'Enabled' });
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    expect(await ruleState(NAMES.rule)).toBe('DISABLED');
    const listed = async () => (await rows(page, 'Schedules')).find((r) => r[0] === NAMES.rule);
    await expect.poll(async () => (await listed())?.[4]).toBe('DISABLED');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    expect(await ruleState(NAMES.rule)).toBe('ENABLED');
    expect(errors).toEqual([]);
  });

  it('runs the rule now and shows the invocation in the history', async () => {
    const { page, errors } = await openPage(browser, { timezoneId: 'Asia/Tokyo' });
    await page.goto(pageUrl(`?kind=rule&name=${NAMES.rule}&container=default`));
    const history = () => rows(page, 'Invocation history');
    await expect.poll(history).toEqual([['Never invoked yet.']]);
    await page.getByRole('button', { name: 'Run now' }).click();
    // "Never invoked yet." is one row too: wait for the invocation's own.
    await expect.poll(async () => (await history())[0]?.[0]).toBe('2026-11-28 09:00:00 GMT+9');
    const [row, ...more] = await history();
    expect(more).toEqual([]);
    expect(row?.[2]).toMatch(/^started → (starting|running|exited 0)$/);
    expect(row?.[3]).toBe('seed-target');
    // The task's fate follows it to its end, beside the invocation's outcome.
    await expect
      .poll(async () => (await history())[0]?.[2], { timeout: 15_000 })
      .toBe('started → exited 0');
    const fate = page.getByRole('table', { name: 'Invocation history' }).getByTestId('task-fate');
    expect(await fate.locator('.badge').getAttribute('class')).toBe('badge good');
    expect(row?.[6]).toBe('—');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('started');
    const taskLink = page
      .getByRole('table', { name: 'Invocation history' })
      .getByRole('link')
      .first();
    expect(await taskLink.getAttribute('title')).toMatch(
      new RegExp(`^${CLUSTER_ARN.replace(':cluster/', ':task/')}/`),
    );
    await screenshot(page, 'schedules');
    expect(errors).toEqual([]);
  });

  it('shows why a run was refused', async () => {
    const { page } = await openPage(browser);
    await page.goto(pageUrl(`?kind=rule&name=${NAMES.denied}&container=default`));
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(async () => (await rows(page, 'Invocation history'))[0]?.[2]).toBe('failed');
    const [row] = await rows(page, 'Invocation history');
    expect(row?.[6]).toMatch(
      /^AccessDeniedException: role SeedDeniedRole may not ecs:RunTask on .*seed-job:2/,
    );
    const listed = (await rows(page, 'Schedules')).find((r) => r[0] === NAMES.denied);
    expect(listed?.[6]).toMatch(/^failed /);
  });

  it('shows a run whose task failed to start as failed to start, not as a green "started"', async () => {
    const { page, errors } = await openPage(browser);
    // Its target has no command override and the definition none either (the README's
    // first Scheduler target): the process runtime cannot start the task.
    await page.goto(pageUrl(`?kind=schedule&name=${NAMES.ending}&container=default`));
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect
      .poll(async () => (await rows(page, 'Invocation history'))[0]?.[2], { timeout: 15_000 })
      .toBe('started → failed to start');
    const status = page
      .getByRole('table', { name: 'Invocation history' })
      .getByTestId('run-status')
      .first();
    const badges = status.locator('.badge');
    expect(await badges.nth(0).getAttribute('class')).toBe('badge plain');
    expect(await badges.nth(1).getAttribute('class')).toBe('badge bad');
    expect(await status.getByTestId('task-fate').getAttribute('title')).toMatch(
      /^CannotStartContainerError: ResourceInitializationError: container seed-job has nothing to run/,
    );
    // The list's last run says the same.
    await expect
      .poll(async () => (await rows(page, 'Schedules')).find((r) => r[0] === NAMES.ending)?.[6], {
        timeout: 15_000,
      })
      .toMatch(/^started → failed to start /);
    await screenshot(page, 'schedules-failed-to-start');
    expect(errors).toEqual([]);
  });

  it('says so when the address names nothing', async () => {
    const { page } = await openPage(browser);
    await page.goto(pageUrl('?kind=schedule&name=nope&container=default'));
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('There is no schedule nope');
  });

  it('shows 10,000 invocations a hundred at a time', async () => {
    const log = new InvocationLog(teiki.store);
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 10_000; i++) {
      const at = new Date(start + i * 300_000).toISOString();
      await log.record({
        source: 'rule',
        name: NAMES.rate,
        container: 'default',
        accountId: '000000000000',
        region: 'us-east-1',
        scheduledTime: at,
        invokedTime: at,
        target: { id: 'bulk', arn: CLUSTER_ARN },
        outcome: i % 2 ? 'started' : 'failed',
        taskArns: [],
        attempts: 1,
        ...(i % 2 ? {} : { error: { code: 'RunTaskFailure', message: `run ${i} failed` } }),
      });
    }
    const { page, errors } = await openPage(browser);
    await page.goto(pageUrl(`?kind=rule&name=${NAMES.rate}&container=default`));
    const pager = page.getByRole('navigation', { name: 'Invocation history pages' });
    await expect.poll(() => pager.textContent()).toContain('1–100 of 10000');
    const first = await rows(page, 'Invocation history');
    expect(first).toHaveLength(100);
    // Newest first: the last one recorded (i = 9999) heads the list.
    expect(first[0]?.[1]).toBe('2026-02-04 17:15:00 UTC');
    await pager.getByRole('button', { name: 'Older →' }).click();
    await expect.poll(() => pager.textContent()).toContain('101–200 of 10000');
    expect(await rows(page, 'Invocation history')).toHaveLength(100);
    expect(errors).toEqual([]);
  });
});
