/** The console's shell: served from teiki itself, every page addressable, keyboard-usable. */
import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';
import { launchBrowser, openPage } from './browser.js';

let teiki: TestTeiki;
let browser: Browser;

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs('2026-11-28T00:00:00Z'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await teiki?.close();
});

describe('the console shell', () => {
  it('serves the page shell at every console address and its assets with their types', async () => {
    for (const path of ['/_teiki/console', '/_teiki/console/', '/_teiki/console/tasks?cluster=x']) {
      const res = await fetch(teiki.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('/_teiki/console/assets/app.js');
    }
    const js = await fetch(`${teiki.url}/_teiki/console/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await fetch(`${teiki.url}/_teiki/console/assets/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const missing = await fetch(`${teiki.url}/_teiki/console/assets/nope.js`);
    expect(missing.status).toBe(404);
    const escape = await fetch(`${teiki.url}/_teiki/console/assets/..%2F..%2Fpackage.json`);
    expect(escape.status).toBe(404);
  });

  it('answers 404, never a 5xx, for folders, dot segments and encoded escapes under assets', async () => {
    const paths = [
      '/_teiki/console/assets/',
      '/_teiki/console/assets/.',
      '/_teiki/console/assets/./',
      '/_teiki/console/assets//',
      '/_teiki/console/assets/..',
      '/_teiki/console/assets/../assets/',
      '/_teiki/console/assets/%2e',
      '/_teiki/console/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/_teiki/console/assets/%00',
      '/_teiki/console/assets/app.js%00.css',
      '/_teiki/console/assets/../../../../etc/passwd',
    ];
    for (const path of paths) expect(await statusOfRawPath(teiki.url, path), path).toBe(404);
  });

  it('moves between pages from the navigation, by keyboard too, and keeps each address', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/`);
    await expect.poll(() => page.title()).toBe('Overview · teiki');
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Tasks' })
      .click();
    await expect.poll(() => page.url()).toBe(`${teiki.url}/_teiki/console/tasks`);
    await expect.poll(() => page.title()).toBe('Tasks · teiki');
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Logs' })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.title()).toBe('Logs · teiki');
    await page.goBack();
    await expect.poll(() => page.title()).toBe('Tasks · teiki');
    await page.goto(`${teiki.url}/_teiki/console/nowhere`);
    await expect.poll(() => page.getByRole('heading', { name: 'Not found' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('shows the virtual clock and moves it', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/`);
    const now = page.getByTestId('clock-now');
    await expect.poll(() => now.textContent()).toContain('2026-11-28 00:00:00');
    await page.getByRole('button', { name: '+1 h' }).click();
    await expect.poll(() => now.textContent()).toContain('2026-11-28 01:00:00');
    const clock = (await (await fetch(`${teiki.url}/_teiki/clock`)).json()) as { now: string };
    expect(clock.now).toBe('2026-11-28T01:00:00.000Z');
  });
});

describe('the console under --auth enforce', () => {
  it('asks for an access key before the API answers, and then loads', async () => {
    const strict = await startTestTeiki(['--in-memory', '--auth', 'enforce']);
    try {
      const refused = await fetch(`${strict.url}/_teiki/api/overview`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBeNull();
      const { page } = await openPage(browser);
      await page.goto(`${strict.url}/_teiki/console/`);
      const form = page.getByRole('form', { name: 'Sign in' });
      await form.getByLabel('Access key ID').fill('test');
      await form.getByLabel('Secret access key').fill('wrong');
      await form.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => form.count()).toBe(1);
      await form.getByLabel('Access key ID').fill('test');
      await form.getByLabel('Secret access key').fill('test');
      await form.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('form', { name: 'Sign in' }).count()).toBe(0);
      const basic = Buffer.from('test:test').toString('base64');
      const allowed = await fetch(`${strict.url}/_teiki/api/overview`, {
        headers: { authorization: `Basic ${basic}` },
      });
      expect(allowed.status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

/** GET with the path exactly as written: fetch would resolve `.` and `..` segments first. */
function statusOfRawPath(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
