/**
 * The IAM page in Chromium: a role's trust policy and policies, decoded; the customer
 * managed policies; and "can this role run this task?" allowed for a correct policy and
 * denied, with the reason, for the article's revision-less one.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { fargateTask, roleArn, targetRole, taskDefinitionArn } from './iam-fixtures.js';

let teiki: TestTeiki;
let browser: Browser;
const FAMILY = 'sample-logger';
const EXECUTION_ROLE = roleArn('ecs-task-execution');

beforeAll(async () => {
  teiki = await startTestTeiki(['--in-memory']);
  browser = await launchBrowser();
  await fargateTask(teiki, FAMILY, { executionRoleArn: EXECUTION_ROLE });
  await targetRole(teiki, 'EcsEventsRole', {
    runTaskResource: `${taskDefinitionArn(FAMILY)}:*`,
    passRoles: [EXECUTION_ROLE],
  });
  await targetRole(teiki, 'EcsEventsRole-article', {
    runTaskResource: taskDefinitionArn(FAMILY),
    passRoles: [EXECUTION_ROLE],
  });
});
afterAll(async () => {
  await browser?.close();
  await teiki?.close();
});

describe('the IAM page', () => {
  it('shows a role’s trust policy and policies, decoded, and the customer managed policies', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/iam`);
    const roles = page.getByRole('table', { name: 'Roles' });
    await roles.getByRole('link', { name: 'EcsEventsRole', exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${teiki.url}/_teiki/console/iam?role=EcsEventsRole`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Role EcsEventsRole' }).count())
      .toBe(1);
    const trust = page.getByRole('region', { name: 'Trust policy of EcsEventsRole' });
    expect(await trust.textContent()).toContain('"Service": "events.amazonaws.com"');
    const inline = page.locator('details', { hasText: 'RunTask' }).first();
    expect(await inline.textContent()).toContain(`"Resource": "${taskDefinitionArn(FAMILY)}:*"`);
    const attached = page.locator('details', { hasText: 'EcsEventsRole-pass' }).first();
    expect(await attached.textContent()).toContain('default version v1');
    expect(await attached.textContent()).toContain('"iam:PassedToService"');

    const policies = page.getByRole('table', { name: 'Customer managed policies' });
    await expect.poll(() => policies.getByRole('row').count()).toBe(3);
    expect(await policies.textContent()).toContain('EcsEventsRole-article-pass');
    expect(errors).toEqual([]);
  });

  it('answers “can this role run this task?” allowed, then denied for the revision-less policy', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/iam?role=EcsEventsRole`);
    const form = page.getByRole('form', { name: 'Can this role run this task?' });
    await form.getByLabel('Task definition').fill(FAMILY);
    await form.getByRole('button', { name: 'Check' }).click();
    const answer = page.getByTestId('can-run-answer');
    await expect.poll(() => answer.textContent()).toContain('The target would start the task.');
    const checks = answer.getByRole('table', { name: 'Checks' });
    const runTask = checks.getByRole('row').filter({ hasText: 'ecs:RunTask' });
    expect(await runTask.textContent()).toContain('allowed');
    expect(await runTask.textContent()).toContain('Sid RunTheTask');
    expect(await runTask.textContent()).toContain('role/EcsEventsRole inline RunTask');
    expect(await checks.getByRole('row').count()).toBe(4);

    await form.getByLabel('Role').selectOption('EcsEventsRole-article');
    await expect
      .poll(() => page.url())
      .toBe(`${teiki.url}/_teiki/console/iam?role=EcsEventsRole-article`);
    await form.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() => answer.textContent())
      .toContain('would fail with AccessDeniedException');
    const denied = checks.getByRole('row').filter({ hasText: 'ecs:RunTask' });
    expect(await denied.textContent()).toContain('denied');
    expect(await denied.textContent()).toContain(
      `its policy allows ${taskDefinitionArn(FAMILY)} (no revision), which ECS has not accepted since March 2024`,
    );
    expect(await denied.textContent()).toContain('No statement allowed it');
    await screenshot(page, 'iam');

    await form.getByLabel('Task definition').fill('no-such-family');
    await form.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('No task definition no-such-family');
    expect(errors).toEqual([]);
  });

  it('says so when the role in the address does not exist', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/iam?role=Nobody`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('There is no role Nobody');
  });

  it('says when ECS could not assume the task’s role: RunTask’s ClientException, not the target’s', async () => {
    const taskRole = roleArn('never-created');
    await fargateTask(teiki, 'missing-task-role', { taskRoleArn: taskRole });
    await targetRole(teiki, 'TaskRoleRunner', { runTaskResource: '*', passRoles: [taskRole] });
    const { page, errors } = await openPage(browser);
    await page.goto(`${teiki.url}/_teiki/console/iam?role=TaskRoleRunner`);
    const form = page.getByRole('form', { name: 'Can this role run this task?' });
    await form.getByLabel('Task definition').fill('missing-task-role');
    await form.getByRole('button', { name: 'Check' }).click();
    const answer = page.getByTestId('can-run-answer');
    await expect.poll(() => answer.textContent()).toContain('would fail with ClientException');
    const checks = answer.getByRole('table', { name: 'Checks' });
    const assume = checks
      .getByRole('row')
      .filter({ hasText: 'sts:AssumeRole' })
      .filter({ hasText: taskRole });
    expect(await assume.textContent()).toContain('by ecs-tasks.amazonaws.com');
    expect(await assume.textContent()).toContain('denied');
    expect(await assume.textContent()).toContain(
      `ECS was unable to assume the role '${taskRole}' that was provided for this task.`,
    );
    expect(await checks.getByRole('row').filter({ hasText: 'denied' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
