/**
 * The Task definitions page in a browser: a family registered twice through the ECS SDK
 * (the image tag and an environment value changed), its revisions with their statuses,
 * a revision's JSON, and the diff between the two, reached by the picker and by address.
 */
import {
  DeregisterTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  changedPaths,
  diffLines,
} from '../../src/console/ui/pages/task-definitions/diff.js';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';
import { launchBrowser, openPage, screenshot } from './browser.js';

const FAMILY = 'sample-logger';

let teiki: TestTeiki;
let browser: Browser;

async function register(ecs: ECSClient, tag: string, level: string): Promise<void> {
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: FAMILY,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: `example/laravel:${tag}`,
          essential: true,
          command: ['php', 'artisan', 'sample:logger'],
          environment: [{ name: 'LOG_LEVEL', value: level }],
        },
      ],
    }),
  );
}

beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory']);
  browser = await launchBrowser();
  const ecs = new ECSClient(teiki.clientConfig());
  await register(ecs, '1.0', 'info');
  await register(ecs, '1.1', 'debug');
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'other-job',
      containerDefinitions: [{ name: 'job', image: 'busybox', memory: 64 }],
    }),
  );
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${FAMILY}:1` }));
});
afterAll(async () => {
  await browser?.close();
  await teiki?.close();
});

function lines(page: Page, tag: 'ins' | 'del'): Promise<string[]> {
  return page.getByLabel('Line diff').locator(tag).allTextContents();
}

describe('the task definitions page', () => {
  it('shows the families, a family’s revisions and the JSON of the latest', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/task-definitions`);
    const families = page.getByRole('table', { name: 'Task definition families' });
    await expect.poll(() => families.getByRole('row').count()).toBe(3);
    expect(await families.getByRole('link').allTextContents()).toEqual(['other-job', FAMILY]);
    await families.getByRole('link', { name: FAMILY }).click();
    await expect
      .poll(() => page.url())
      .toBe(`${teiki.url}/_teiki/console/task-definitions?family=${FAMILY}`);

    const revisions = page.getByRole('table', { name: 'Revisions' });
    await expect.poll(() => revisions.getByRole('row').count()).toBe(3);
    const [newest, oldest] = [revisions.getByRole('row').nth(1), revisions.getByRole('row').nth(2)];
    expect(await newest.getByRole('cell').nth(0).textContent()).toBe(`${FAMILY}:2`);
    expect(await newest.getByRole('cell').nth(1).textContent()).toBe('ACTIVE');
    expect(await oldest.getByRole('cell').nth(1).textContent()).toBe('INACTIVE');
    expect(await newest.getAttribute('aria-current')).toBe('true');

    const json = page.locator('pre.json');
    await expect.poll(() => json.textContent()).toContain('"image": "example/laravel:1.1"');
    expect(await json.textContent()).toContain('"revision": 2');
    expect(errors).toEqual([]);
  });

  it('diffs two revisions chosen on the page, the changed lines and fields marked', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/task-definitions?family=${FAMILY}&revision=2`);
    const picker = page.getByRole('combobox', { name: 'Compare with' });
    await expect
      .poll(() => picker.locator('option').allTextContents())
      .toEqual(['(none)', 'revision 1']);
    await picker.selectOption('1');
    await expect
      .poll(() => page.url())
      .toBe(`${teiki.url}/_teiki/console/task-definitions?family=${FAMILY}&revision=2&compare=1`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Revision 1 → revision 2' }).count())
      .toBe(1);
    await expect
      .poll(() => lines(page, 'del'))
      .toContain('-       "image": "example/laravel:1.0",');
    expect(await lines(page, 'ins')).toContain('+       "image": "example/laravel:1.1",');
    expect(await lines(page, 'del')).toContain('-           "value": "info"');
    expect(await lines(page, 'ins')).toContain('+           "value": "debug"');

    const fields = await page
      .getByRole('list', { name: 'Changed fields' })
      .locator('li')
      .allTextContents();
    expect(fields).toContain('containerDefinitions[name=app].image');
    expect(fields).toContain('containerDefinitions[name=app].environment[name=LOG_LEVEL].value');
    expect(fields).toContain('revision');
    expect(fields).toContain('status');
    expect(fields).not.toContain('containerDefinitions[name=app].command');
    await screenshot(page, 'task-definitions');
    expect(errors).toEqual([]);
  });

  it('opens the same diff from a bookmark, whichever way round the revisions are named', async () => {
    const { page } = await openPage(browser);
    await page.goto(
      `${teiki.url}/_teiki/console/task-definitions?family=${FAMILY}&revision=1&compare=2`,
    );
    await expect
      .poll(() => page.getByRole('heading', { name: 'Revision 1 → revision 2' }).count())
      .toBe(1);
    await expect
      .poll(() => lines(page, 'ins'))
      .toContain('+       "image": "example/laravel:1.1",');
    const selected = page.getByRole('table', { name: 'Revisions' }).locator('tr[aria-current]');
    expect(await selected.getByRole('cell').first().textContent()).toBe(`${FAMILY}:1`);
    await expect
      .poll(() => page.locator('pre.json').textContent())
      .toContain('"status": "INACTIVE"');
  });

  it('says so when the address names a family that does not exist', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/task-definitions?family=nothing-here`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('nothing-here');
  });
});

describe('the diff the page draws', () => {
  const render = (from: string[], to: string[]) =>
    diffLines(from, to).map((l) => `${{ same: ' ', add: '+', del: '-' }[l.kind]}${l.text}`);

  it.each([
    { from: [], to: [], lines: [] },
    { from: ['a'], to: ['a'], lines: [' a'] },
    { from: [], to: ['a', 'b'], lines: ['+a', '+b'] },
    { from: ['a', 'b'], to: [], lines: ['-a', '-b'] },
    { from: ['a', 'b', 'c'], to: ['a', 'x', 'c'], lines: [' a', '-b', '+x', ' c'] },
    { from: ['a', 'b', 'c', 'd'], to: ['b', 'c', 'e'], lines: ['-a', ' b', ' c', '-d', '+e'] },
    { from: ['x', 'a', 'b'], to: ['a', 'b', 'x'], lines: ['-x', ' a', ' b', '+x'] },
  ])('turns $from into $to', ({ from, to, lines }) => {
    expect(render(from, to)).toEqual(lines);
  });

  it('keeps the longest run of common lines, whatever lies between', () => {
    const from = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3,', '  "d": 4', '}'];
    const to = ['{', '  "a": 1,', '  "c": 3,', '  "d": 5,', '  "e": 6', '}'];
    const lines = render(from, to);
    expect(lines.filter((l) => l.startsWith(' '))).toEqual([
      ' {',
      '   "a": 1,',
      '   "c": 3,',
      ' }',
    ]);
    expect(lines.filter((l) => !l.startsWith('+')).map((l) => l.slice(1))).toEqual(from);
    expect(lines.filter((l) => !l.startsWith('-')).map((l) => l.slice(1))).toEqual(to);
  });

  it('sorts keys, so the order fields were given in is no change', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });

  it.each([
    { from: { a: 1 }, to: { a: 1 }, paths: [] },
    { from: { a: 1 }, to: { a: 2, b: 3 }, paths: ['a', 'b'] },
    { from: { l: [1, 2] }, to: { l: [1, 3, 4] }, paths: ['l[1]', 'l[2]'] },
    {
      from: {
        c: [
          { name: 'web', image: 'a' },
          { name: 'log', image: 'b' },
        ],
      },
      to: {
        c: [
          { name: 'log', image: 'b' },
          { name: 'web', image: 'c' },
        ],
      },
      paths: ['c[name=web].image'],
    },
    {
      from: { c: [{ name: 'web' }] },
      to: { c: [{ name: 'web' }, { name: 'side', cpu: 1 }] },
      paths: ['c[name=side]'],
    },
    { from: { a: { b: 1 } }, to: { a: [1] }, paths: ['a'] },
    { from: 1, to: 2, paths: ['(whole document)'] },
  ])('names the changed fields of $from → $to', ({ from, to, paths }) => {
    expect(changedPaths(from, to)).toEqual(paths);
  });
});
