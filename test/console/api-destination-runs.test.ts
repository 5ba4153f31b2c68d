/**
 * A rule whose target is an API destination, in the schedules page's invocation history:
 * each run shows the endpoint's HTTP answer beside its outcome (200 delivered, a 404 the
 * endpoint refused: failed, not retried), over a local HTTP server on a virtual clock.
 */
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { createServiceRole } from '../helpers/roles.js';
import { startTestTeiki, virtualClockArgs, type TestTeiki } from '../helpers/teiki.js';
import { advanceClock } from '../triggers/targets/invocations.js';
import { launchBrowser, openPage } from './browser.js';

const RULE = 'notify-endpoint';
let teiki: TestTeiki;
let api: TestHttpServer;
let browser: Browser;

beforeAll(async () => {
  teiki = await startTestTeiki([
    ...virtualClockArgs('2026-11-28T00:00:00Z'),
    '--allow-http-destinations',
  ]);
  api = await startHttpServer();
  const events = new EventBridgeClient(teiki.clientConfig());
  const roleArn = await createServiceRole(
    new IAMClient(teiki.clientConfig()),
    'notifier',
    ['events.amazonaws.com'],
    [{ Effect: 'Allow', Action: 'events:InvokeApiDestination', Resource: '*' }],
  );
  const connection = await events.send(
    new CreateConnectionCommand({
      Name: 'endpoint-key',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' } },
    }),
  );
  const destination = await events.send(
    new CreateApiDestinationCommand({
      Name: 'endpoint',
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: `${api.url}/hook`,
      HttpMethod: 'POST',
    }),
  );
  await events.send(new PutRuleCommand({ Name: RULE, ScheduleExpression: 'rate(1 minute)' }));
  await events.send(
    new PutTargetsCommand({
      Rule: RULE,
      Targets: [{ Id: 'endpoint', Arn: destination.ApiDestinationArn, RoleArn: roleArn }],
    }),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await teiki?.close();
  await api?.close();
});

it("shows each run's HTTP answer beside its outcome", async () => {
  // The first minute's run is answered 200, the second's 404.
  api.respond({ status: 200, body: '{}' }, { status: 404, body: 'no such hook' });
  await advanceClock(teiki, 120);

  const { page, errors } = await openPage(browser);
  await page.goto(`${teiki.url}/_teiki/console/schedules?kind=rule&name=${RULE}&container=default`);
  const statuses = page
    .getByRole('table', { name: 'Invocation history' })
    .getByTestId('run-status');
  await expect.poll(() => statuses.count()).toBe(2);
  // Newest first: the refused run, then the one the endpoint took.
  expect(await statuses.nth(0).innerText()).toMatch(/^failed\s*→\s*HTTP 404$/);
  expect(await statuses.nth(1).innerText()).toMatch(/^delivered\s*→\s*HTTP 200$/);
  expect(await page.getByTestId('http-status').nth(0).getAttribute('title')).toBe(
    "The endpoint's answer",
  );
  expect(api.requests.map((request) => request.path)).toEqual(['/hook', '/hook']);
  expect(errors).toEqual([]);
});
