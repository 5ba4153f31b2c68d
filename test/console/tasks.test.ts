/**
 * The Tasks page in a browser: a task run through the ECS SDK on the process runtime is
 * followed to STOPPED on its detail page (exit code, stop code and reason), its log link
 * and task definition link lead to their pages, and the list keeps the runs after ECS's
 * hour, newest first, with the rule that started one linked to the schedules page.
 */
import { RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awslogs,
  LOG_GROUP,
  startTaskFixture,
  type TaskFixture,
} from '../services/ecs/tasks-fixtures.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { virtualClockArgs } from '../helpers/teiki.js';

const FAMILY = 'nightly-report';

let f: TaskFixture;
let browser: Browser;

beforeAll(async () => {
  f = await startTaskFixture(virtualClockArgs('2026-11-28T02:20:00Z'));
  browser = await launchBrowser();
  await f.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: FAMILY,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      executionRoleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: 'example/report:1',
          essential: true,
          // A moment of RUNNING first, so the page has a status to follow.
          command: ['sh', '-c', 'echo report started; sleep 1; echo report failed >&2; exit 3'],
          logConfiguration: awslogs('report'),
        },
      ],
    }),
  );
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

const idOf = (arn: string | undefined) => (arn ?? '').split('/').pop() ?? '';

async function advanceClock(seconds: number): Promise<void> {
  const res = await fetch(`${f.teiki.url}/_teiki/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(res.status).toBe(200);
}

function text(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).textContent();
}

describe('the tasks page', () => {
  let failedArn: string;

  it('follows a task to STOPPED, with its exit code, stop code and reason', async () => {
    const task = await f.run(FAMILY);
    failedArn = task.taskArn ?? '';
    const id = idOf(failedArn);
    const { page, errors } = await openPage(browser);
    await page.goto(`${f.teiki.url}/_teiki/console/tasks?cluster=default&task=${id}`);
    await expect.poll(() => page.getByRole('heading', { name: `Task ${id}` }).count()).toBe(1);
    // No reload: the page polls while the task is not STOPPED.
    await expect.poll(() => text(page, 'task-status'), { timeout: 20000 }).toBe('STOPPED');
    await expect.poll(() => text(page, 'task-stop-code')).toBe('EssentialContainerExited');
    expect(await text(page, 'task-stopped-reason')).toBe('Essential container in task exited');

    const containers = page.getByRole('table', { name: 'Containers' });
    const row = containers.getByRole('row').nth(1);
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('3');
    expect(await row.getByRole('cell').nth(0).textContent()).toBe('app');
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('example/report:1');

    const timeline = page.getByRole('list', { name: 'Status timeline' });
    expect(await timeline.getByRole('listitem').count()).toBe(7);
    expect(await timeline.getByRole('listitem').first().textContent()).toContain(
      '2026-11-28 02:20:00',
    );
    expect(await timeline.locator('li.not-yet').count()).toBe(0);
    expect(await text(page, 'task-execution-role')).toBe(
      'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
    );
    expect(await text(page, 'task-role')).toBe('none: no credentials served');
    await page.getByText('Task metadata endpoint (v4 /task)').click();
    await expect.poll(() => page.locator('details[open]').textContent()).toContain(failedArn);
    await screenshot(page, 'task-detail');

    const definition = page.getByRole('link', { name: `${FAMILY}:1` });
    expect(await definition.getAttribute('href')).toBe(
      `/_teiki/console/task-definitions?family=${FAMILY}&revision=1`,
    );

    const logLink = page.getByRole('list', { name: 'Log streams' }).getByRole('link');
    await logLink.click();
    const stream = `report/app/${id}`;
    await expect
      .poll(() => page.url())
      .toBe(
        `${f.teiki.url}/_teiki/console/logs?group=${encodeURIComponent(LOG_GROUP)}&stream=${encodeURIComponent(stream)}`,
      );
    await expect.poll(() => page.title()).toBe('Logs · teiki');
    // The stream the link names is the one the container wrote to.
    const messages = page.getByRole('log', { name: 'Log events' }).locator('.line .logs-message');
    await expect
      .poll(() => messages.allTextContents())
      .toEqual(['report started', 'report failed']);
    expect(errors).toEqual([]);
  });

  it('lists every run after ECS has forgotten them, newest first, and links who started one', async () => {
    await advanceClock(24 * 3600);
    const ruled = await f.run(FAMILY, {
      startedBy: 'events-rule/nightly-report',
      overrides: { containerOverrides: [{ name: 'app', command: ['sh', '-c', 'echo fine'] }] },
    });
    await f.waitStopped(ruled.taskArn ?? '');
    await advanceClock(2 * 3600);

    const { page, errors } = await openPage(browser);
    await page.goto(`${f.teiki.url}/_teiki/console/tasks`);
    const table = page.getByRole('table', { name: 'Tasks' });
    const rows = table.getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.getByTestId('tasks-counts').textContent()).toBe('0 running · 2 stopped');
    const newest = rows.nth(1);
    expect(await newest.getByRole('link').first().getAttribute('title')).toBe(idOf(ruled.taskArn));
    expect(await newest.getByRole('cell').nth(1).textContent()).toBe('STOPPED');
    expect(await newest.getByRole('cell').nth(6).textContent()).toBe('0');
    const oldest = rows.nth(2);
    expect(await oldest.getByRole('link').first().getAttribute('title')).toBe(idOf(failedArn));
    expect(await oldest.getByRole('cell').nth(6).textContent()).toBe('3');
    expect(await oldest.getByRole('cell').nth(7).textContent()).toBe('EssentialContainerExited');
    await screenshot(page, 'tasks');

    await page.getByRole('combobox', { name: 'Status' }).selectOption('RUNNING');
    await expect.poll(() => page.url()).toContain('status=RUNNING');
    await expect
      .poll(() => table.getByRole('cell').first().textContent())
      .toBe('No task with this status.');
    await page.goBack();
    await expect.poll(() => rows.count()).toBe(3);

    await newest.getByRole('link', { name: 'events-rule/nightly-report' }).click();
    await expect
      .poll(() => page.url())
      .toBe(`${f.teiki.url}/_teiki/console/schedules?kind=rule&name=nightly-report`);
    await page.goBack();
    await rows.nth(1).getByRole('link').first().click();
    await expect
      .poll(() => page.getByRole('heading', { name: `Task ${idOf(ruled.taskArn)}` }).count())
      .toBe(1);
    const override = page.getByRole('table', { name: 'Containers' }).getByRole('cell').nth(5);
    await expect.poll(() => override.textContent()).toBe('["sh","-c","echo fine"]');
    expect(errors).toEqual([]);
  });

  it.each([1400, 1024])('fits the tasks table in its card at %i px', async (width) => {
    // Long values in every wide column: a schedule's starter, a long family, a running
    // task beside stopped ones.
    if (width === 1400) {
      const long = 'nightly-report-for-every-region-and-account';
      await f.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: long,
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'app', image: 'x', command: ['sleep', '300'] }],
        }),
      );
      await f.run(long, { startedBy: `chronos-schedule/${long}-in-asia-tokyo` });
    }
    const { page, errors } = await openPage(browser, { width });
    await page.goto(`${f.teiki.url}/_teiki/console/tasks`);
    const table = page.getByRole('table', { name: 'Tasks' });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    const card = page.locator('section.panel').filter({ has: table });
    const cardBox = await card.boundingBox();
    const tableBox = await table.boundingBox();
    expect(cardBox && tableBox).toBeTruthy();
    if (!cardBox || !tableBox) return;
    // The table lies inside the card, and so does every column: none overflows or is cut.
    expect(tableBox.x).toBeGreaterThanOrEqual(cardBox.x);
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
    const headers = await table.locator('thead th').all();
    expect(headers).toHaveLength(8);
    for (const th of headers) {
      const name = (await th.textContent()) ?? '';
      const box = await th.boundingBox();
      expect(box, name).toBeTruthy();
      if (!box) continue;
      expect(box.width, `${name} is visible`).toBeGreaterThan(30);
      expect(box.x + box.width, `${name} ends inside the card`).toBeLessThanOrEqual(
        cardBox.x + cardBox.width,
      );
    }
    // Nor does the page scroll sideways.
    const pageWidth = await page
      .locator('html')
      .evaluate((html: { scrollWidth: number }) => html.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(width);
    // Truncated or wrapped values keep their full text in a title or the cell.
    const starter = table.getByRole('link', { name: /^chronos-schedule\// });
    expect(await starter.textContent()).toBe(
      'chronos-schedule/nightly-report-for-every-region-and-account-in-asia-tokyo',
    );
    await screenshot(page, `tasks-${width}`);
    expect(errors).toEqual([]);
  });

  it('says so when the address names a task that does not exist', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${f.teiki.url}/_teiki/console/tasks?cluster=default&task=${'0'.repeat(32)}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('NotFound');
  });
});
