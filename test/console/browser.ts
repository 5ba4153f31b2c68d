/**
 * The console's browser tests drive Debian's Chromium through playwright-core (no browser
 * download). They fail, not skip, when Chromium is missing: `scripts/test-env.sh` installs it.
 * Each test may save screenshots to `test-results/console/` for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'console');

function chromiumPath(): string {
  const fromEnv = process.env.TEIKI_CHROMIUM;
  if (fromEnv) return fromEnv;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path && existsSync(path)) return path;
    } catch {
      // not this one
    }
  }
  throw new Error(
    'The console tests need Chromium (Debian: apt-get install chromium), or TEIKI_CHROMIUM=/path.',
  );
}

/** `extraArgs`: more Chromium switches, e.g. `--host-resolver-rules` for a name of a test's own. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Root in a container has no user namespace for Chromium's sandbox; /dev/shm is small.
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...extraArgs],
  });
}

/**
 * A page with a fixed zone and size, so what the screenshots and the assertions see
 * does not depend on the machine. `errors` collects uncaught page errors to assert on.
 */
export async function openPage(
  browser: Browser,
  options: { timezoneId?: string; width?: number } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    timezoneId: options.timezoneId ?? 'UTC',
    viewport: { width: options.width ?? 1280, height: 860 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
