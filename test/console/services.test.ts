/**
 * The Services page in a browser: services created through the ECS SDK (process runtime)
 * are listed with their counts; a service's page shows desired, running and pending, a
 * rolling update's two deployments and then the completed one, its events in ECS's words
 * and its tasks, each linked to the task page. Its JSON API answers 404 for a service
 * that does not exist.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  longRunning,
  startServiceFixture,
  steady,
  type ServiceFixture,
} from '../services/ecs/services-fixtures.js';
import { launchBrowser, openPage, screenshot } from './browser.js';

let f: ServiceFixture;
let browser: Browser;
let family: string;
/** Marker directories, removed once the teiki whose health checks read them is gone. */
const dirs: string[] = [];

beforeAll(async () => {
  f = await startServiceFixture();
  browser = await launchBrowser();
  family = await f.register([longRunning()]);
  await f.create('web', family, { desiredCount: 2 });
  await f.create('worker', family, { desiredCount: 1 });
  await f.until('web', steady);
  await f.until('worker', steady);
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('the services page', () => {
  it("lists a cluster's services with their counts", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${f.teiki.url}/_teiki/console/services?cluster=${f.cluster}`);
    const row = page.getByTestId('service-row-web');
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['web', 'ACTIVE', '2', '2', '0']);
    expect(cells[6]).toBe('COMPLETED');
    expect(cells[7]).toBe('(service web) has reached a steady state.');
    expect(await page.getByTestId('service-row-worker').count()).toBe(1);
    await screenshot(page, 'services-list');
    expect(errors).toEqual([]);
  });

  it("shows a rolling update's deployments, then its events and tasks", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${f.teiki.url}/_teiki/console/services?cluster=${f.cluster}`);
    await page.getByRole('link', { name: 'web', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Service web' }).count()).toBe(1);
    await expect.poll(() => text(page, 'service-desired')).toBe('2');
    await expect.poll(() => text(page, 'service-running')).toBe('2');

    // Revision 2's tasks stay short of HEALTHY until the marker exists, so the page has
    // time to show the update rolling: the old deployment stays ACTIVE meanwhile.
    const dir = mkdtempSync(join(tmpdir(), 'teiki-console-services-'));
    dirs.push(dir);
    const ready = join(dir, 'ready');
    await f.register(
      [
        {
          ...longRunning(),
          healthCheck: {
            command: ['CMD-SHELL', `test -e ${ready}`],
            interval: 1,
            retries: 3,
            startPeriod: 300,
          },
        },
      ],
      { family },
    );
    await f.ecs.send(
      new UpdateServiceCommand({ cluster: f.cluster, service: 'web', taskDefinition: family }),
    );
    // Without a reload: the page polls, and shows both deployments while the update rolls.
    await expect
      .poll(() => page.getByTestId('deployment-ACTIVE').count(), { timeout: 20000 })
      .toBe(1);
    await screenshot(page, 'service-rolling');
    writeFileSync(ready, '');
    await expect
      .poll(() => page.getByTestId('deployment-ACTIVE').count(), { timeout: 30000 })
      .toBe(0);
    await expect
      .poll(async () => (await page.getByTestId('deployment-PRIMARY').textContent()) ?? '', {
        timeout: 30000,
      })
      .toContain('COMPLETED');
    const primary = (await page.getByTestId('deployment-PRIMARY').textContent()) ?? '';
    expect(primary).toContain(`${family}:2`);
    expect(primary).toContain('2/2 running, 0 pending');

    const events = page.getByRole('table', { name: 'Events' });
    await expect
      .poll(async () => (await events.locator('tbody tr').first().textContent()) ?? '')
      .toContain('(service web) has reached a steady state.');
    expect(await events.textContent()).toContain('deployment completed.');

    const tasks = page.getByRole('table', { name: 'Service tasks' });
    const rows = await tasks.locator('tbody tr').allTextContents();
    expect(rows.filter((r) => r.includes('RUNNING'))).toHaveLength(2);
    expect(
      rows.some((r) => r.includes('STOPPED') && r.includes('Scaling activity initiated by')),
    ).toBe(true);
    await screenshot(page, 'service-detail');

    await tasks.locator('tbody tr').first().getByRole('link').click();
    await expect
      .poll(() => page.getByRole('heading', { name: /^Task [a-f0-9]{32}$/ }).count())
      .toBe(1);
    expect(errors).toEqual([]);
  });

  it('answers 404 for a service that does not exist', async () => {
    const res = await fetch(`${f.teiki.url}/_teiki/api/service?cluster=${f.cluster}&name=ghost`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'NotFound',
      message: `There is no service "ghost" in the cluster "${f.cluster}".`,
    });
  });
});
