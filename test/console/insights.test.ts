/**
 * The Insights page in a browser: choose a group and a range, run a query through
 * StartQuery/GetQueryResults, see its rows and the chart of `stats … by bin()`, save it,
 * load it back, and see a query that does not compile marked where AWS says it fails.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeQueryDefinitionsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';
import { launchBrowser, openPage, screenshot } from './browser.js';

const NOW = Date.parse('2026-11-28T03:00:00Z');
const GROUP = '/ecs/sample-logger';

let teiki: TestTeiki;
let browser: Browser;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(new Date(NOW).toISOString()));
  logs = new CloudWatchLogsClient(teiki.clientConfig());
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/other' }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'app' }));
  // One event a minute from 02:10 to 02:59; every 7th an ERROR (02:10, 02:17, … 02:59).
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: GROUP,
      logStreamName: 'app',
      logEvents: Array.from({ length: 50 }, (_, i) => ({
        timestamp: NOW - (50 - i) * 60_000,
        message: i % 7 === 0 ? `ERROR job ${i} failed` : `INFO job ${i} done`,
      })),
    }),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  logs?.destroy();
  await teiki?.close();
});

describe('the Insights page', () => {
  it('runs a query, charts stats by bin, saves and loads it, and marks a compile error', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/insights`);
    await page.getByRole('checkbox', { name: GROUP }).check();
    await page.getByRole('combobox', { name: 'Time range' }).selectOption('1h');
    const box = page.getByRole('textbox', { name: 'Query', exact: true });
    await box.fill('filter @message like /ERROR/\n| stats count(*) as errors by bin(10m)');
    await page.getByRole('button', { name: 'Run query' }).click();

    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/^Complete: 8 of 50 records matched, 5 rows/);
    const table = page.getByRole('table', { name: 'Query results' });
    expect(await table.locator('th').allTextContents()).toEqual(['bin(10m)', 'errors']);
    expect(await table.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      '2026-11-28 02:50:00.000',
      '2',
    ]);
    const chart = page.getByRole('img', { name: /errors by bin\(10m\): 5 bins, highest 2/ });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await chart.locator('rect.bar').count()).toBe(5);
    // The address holds the query, so the view can be bookmarked.
    expect(new URL(page.url()).searchParams.get('groups')).toBe(GROUP);
    await screenshot(page, 'insights');

    await page.getByRole('textbox', { name: 'Saved query name' }).fill('errors per 10 minutes');
    await page.getByRole('button', { name: 'Save query' }).click();
    await expect
      .poll(async () =>
        (await logs.send(new DescribeQueryDefinitionsCommand({}))).queryDefinitions?.map(
          (d) => d.name,
        ),
      )
      .toEqual(['errors per 10 minutes']);

    await box.fill('fields @message | sort');
    await page.getByRole('button', { name: 'Run query' }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/^MalformedQueryException: unexpected end of query/);
    expect(await alert.locator('mark').count()).toBe(1);
    await screenshot(page, 'insights-compile-error');

    await page
      .getByRole('combobox', { name: 'Saved queries' })
      .selectOption({ label: 'errors per 10 minutes' });
    await expect
      .poll(() => box.inputValue())
      .toBe('filter @message like /ERROR/\n| stats count(*) as errors by bin(10m)');
    expect(errors).toEqual([]);
  });
});
