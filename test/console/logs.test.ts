/**
 * The Logs page in a browser: groups → streams → events, a filter pattern, and the live
 * tail showing a line put with the SDK while the page is open.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../helpers/errors.js';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';
import { launchBrowser, openPage, screenshot } from './browser.js';

const START = Date.parse('2026-11-28T02:20:00Z');
const GROUP = '/ecs/sample-logger';

let teiki: TestTeiki;
let browser: Browser;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(new Date(START).toISOString()));
  logs = new CloudWatchLogsClient(teiki.clientConfig());
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  for (const stream of ['ecs/app/task-1', 'ecs/app/task-2']) {
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream }));
  }
  await put('ecs/app/task-1', [
    'INFO sample:logger starting',
    '{"level":"error","msg":"database unreachable"}',
    'INFO sample:logger done',
  ]);
  await put('ecs/app/task-2', ['INFO another run']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  logs?.destroy();
  await teiki?.close();
});

let offset = 0;
/** Events a second apart from the clock's start, in order across calls. */
async function put(stream: string, messages: string[], client = logs) {
  await client.send(
    new PutLogEventsCommand({
      logGroupName: GROUP,
      logStreamName: stream,
      logEvents: messages.map((message) => ({ timestamp: START + 1000 * ++offset, message })),
    }),
  );
}

const logBox = (page: Page) => page.getByRole('log', { name: 'Log events' });
const lineTexts = (page: Page) => logBox(page).locator('.line .logs-message').allTextContents();

describe('the Logs page', () => {
  it('goes from groups to streams to events, filters them and tails new ones live', async () => {
    const { page, errors } = await openPage(browser, { timezoneId: 'Asia/Tokyo' });
    await page.goto(`${teiki.url}/_teiki/console/logs`);
    await page
      .getByRole('table', { name: 'Log groups' })
      .getByRole('link', { name: GROUP })
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('group')).toBe(GROUP);

    const streams = page.getByRole('table', { name: 'Log streams' });
    await expect
      .poll(() => streams.getByRole('link').allTextContents())
      .toEqual(['ecs/app/task-2', 'ecs/app/task-1']);
    // All streams of the group, each line with its stream.
    await expect
      .poll(() => lineTexts(page))
      .toEqual([
        'INFO sample:logger starting',
        '{"level":"error","msg":"database unreachable"}',
        'INFO sample:logger done',
        'INFO another run',
      ]);
    await streams.getByRole('link', { name: 'ecs/app/task-1' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('stream')).toBe('ecs/app/task-1');
    await expect
      .poll(() => lineTexts(page))
      .toEqual([
        'INFO sample:logger starting',
        '{"level":"error","msg":"database unreachable"}',
        'INFO sample:logger done',
      ]);
    // 02:20:01 UTC is 11:20:01 in Tokyo, the zone the page is in.
    expect(await logBox(page).locator('.line .ts').first().textContent()).toBe(
      '2026-11-28 11:20:01',
    );
    await expect.poll(() => page.getByText('Times in Asia/Tokyo', { exact: true }).count()).toBe(1);

    const pattern = page.getByRole('searchbox', { name: 'Filter pattern' });
    await pattern.fill('{ $.level = "error" }');
    await pattern.press('Enter');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('filter'))
      .toBe('{ $.level = "error" }');
    await expect
      .poll(() => lineTexts(page))
      .toEqual(['{"level":"error","msg":"database unreachable"}']);

    const broken = '{ $.level = ';
    const aws = await rejection(
      logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: broken })),
      InvalidParameterException,
    );
    await pattern.fill(broken);
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(`InvalidParameterException: ${aws.message}`);
    await expect.poll(() => lineTexts(page)).toEqual([]);

    await pattern.fill('INFO');
    await pattern.press('Enter');
    await expect
      .poll(() => lineTexts(page))
      .toEqual(['INFO sample:logger starting', 'INFO sample:logger done']);

    await page.getByRole('button', { name: 'Start live tail' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tail')).toBe('1');
    const status = page.getByRole('status').filter({ hasText: /Live|Paused|Connect/ });
    await expect.poll(() => status.textContent()).toContain('Live');
    await put('ecs/app/task-1', ['DEBUG not for this filter', 'INFO a line put while tailing']);
    await put('ecs/app/task-2', ['INFO on another stream']);
    await expect
      .poll(() => lineTexts(page))
      .toEqual([
        'INFO sample:logger starting',
        'INFO sample:logger done',
        'INFO a line put while tailing',
      ]);

    await page.getByRole('button', { name: 'Pause' }).click();
    await put('ecs/app/task-1', ['INFO while paused']);
    await expect.poll(() => status.textContent()).toBe('Paused: 1 new line held.');
    expect(await lineTexts(page)).not.toContain('INFO while paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => lineTexts(page)).toContain('INFO while paused');
    await screenshot(page, 'logs');

    // The address alone brings the same view back.
    await page.goto(
      `${teiki.url}/_teiki/console/logs?${new URLSearchParams({
        group: GROUP,
        stream: 'ecs/app/task-1',
        filter: '"database unreachable"',
      }).toString()}`,
    );
    await expect
      .poll(() => lineTexts(page))
      .toEqual(['{"level":"error","msg":"database unreachable"}']);
    expect(await pattern.inputValue()).toBe('"database unreachable"');
    expect(errors).toEqual([]);
  });

  it('follows the newest line until the reader scrolls up', async () => {
    const { page, errors } = await openPage(browser);
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'busy' }));
    await put(
      'busy',
      Array.from({ length: 80 }, (_, i) => `line ${i + 1}`),
    );
    await page.goto(
      `${teiki.url}/_teiki/console/logs?${new URLSearchParams({ group: GROUP, stream: 'busy', tail: '1' }).toString()}`,
    );
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Live' }).count()).toBe(1);
    type Scrolled = { scrollHeight: number; scrollTop: number; clientHeight: number };
    const atBottom = () =>
      logBox(page).evaluate(
        (el: Scrolled) => el.scrollHeight - el.scrollTop - el.clientHeight <= 8,
      );
    const scrollTop = () => logBox(page).evaluate((el: Scrolled) => el.scrollTop);

    await put('busy', ['tailed 1']);
    await expect.poll(() => lineTexts(page)).toContain('tailed 1');
    await expect.poll(atBottom).toBe(true);

    await logBox(page).evaluate((el: Scrolled) => void (el.scrollTop = 0));
    const jump = page.getByRole('button', { name: 'Jump to latest ↓' });
    await expect.poll(() => jump.count()).toBe(1);
    await put('busy', ['tailed 2']);
    await expect.poll(() => lineTexts(page)).toContain('tailed 2');
    expect(await scrollTop()).toBe(0);

    await jump.click();
    await expect.poll(atBottom).toBe(true);
    await put('busy', ['tailed 3']);
    await expect.poll(() => lineTexts(page)).toContain('tailed 3');
    await expect.poll(atBottom).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('a long live tail', () => {
  it('keeps only the newest 5,000 lines on the page', async () => {
    const { page, errors } = await openPage(browser);
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'flood' }));
    await page.goto(
      `${teiki.url}/_teiki/console/logs?${new URLSearchParams({ group: GROUP, stream: 'flood', tail: '1' }).toString()}`,
    );
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Live' }).count()).toBe(1);
    await put(
      'flood',
      Array.from({ length: 5100 }, (_, i) => `flood ${i + 1}`),
    );
    const lines = logBox(page).locator('.line .logs-message');
    await expect.poll(() => lines.last().textContent()).toBe('flood 5100');
    expect(await lines.count()).toBe(5000);
    expect(await lines.first().textContent()).toBe('flood 101');
    await expect
      .poll(() =>
        page.getByText('5000 lines shown (the newest 5000; older ones are dropped)').count(),
      )
      .toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('the Logs page under --auth enforce', () => {
  it('tails with the credentials the console signed in with', async () => {
    const strict = await startTestTeiki(['--in-memory', '--auth', 'enforce']);
    const client = new CloudWatchLogsClient(strict.clientConfig());
    try {
      await client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
      await client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
      const { page, errors } = await openPage(browser);
      await page.goto(`${strict.url}/_teiki/console/logs?group=g&stream=s`);
      const form = page.getByRole('form', { name: 'Sign in' });
      await form.getByLabel('Access key ID').fill('test');
      await form.getByLabel('Secret access key').fill('test');
      await form.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Start live tail' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Live' }).count()).toBe(1);
      await client.send(
        new PutLogEventsCommand({
          logGroupName: 'g',
          logStreamName: 's',
          logEvents: [{ timestamp: Date.now(), message: 'signed-in tail' }],
        }),
      );
      await expect.poll(() => lineTexts(page)).toEqual(['signed-in tail']);
      expect(errors).toEqual([]);
    } finally {
      client.destroy();
      await strict.close();
    }
  });
});
