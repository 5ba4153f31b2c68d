/**
 * The console end to end, as the issue tells it: a rule and its task made with the SDKs
 * are on their pages; the rule is toggled off and on; "Run now" starts the task; the
 * task is followed to STOPPED; its log line arrives in the live tail. The task sleeps
 * before its last line, so the tail is usually open before the line is written (if it is
 * not, the tail's opening read shows it: the assertion holds either way).
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRunTaskRole } from '../helpers/roles.js';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';
import { launchBrowser, openPage, screenshot } from './browser.js';

const ACCOUNT = '000000000000';
const FAMILY_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/journey-job`;
const RULE = 'journey-rule';

let teiki: TestTeiki;
let browser: Browser;
let events: EventBridgeClient;

beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs('2026-11-28T00:00:00Z'));
  browser = await launchBrowser();
  const config = teiki.clientConfig();
  events = new EventBridgeClient(config);
  const ecs = new ECSClient(config);
  await new CloudWatchLogsClient(config).send(
    new CreateLogGroupCommand({ logGroupName: '/journey' }),
  );
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'journey-job',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
      containerDefinitions: [
        {
          name: 'job',
          image: 'journey:v1',
          command: ['sh', '-c', 'echo job started; sleep 2; echo job finished well'],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/journey',
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'run',
            },
          },
        },
      ],
    }),
  );
  await ecs.send(new CreateClusterCommand({ clusterName: 'journey' }));
  const subnets = await new EC2Client(config).send(new DescribeSubnetsCommand({}));
  const role = await createRunTaskRole(
    new IAMClient(config),
    'JourneyEventsRole',
    'events.amazonaws.com',
    `${FAMILY_ARN}:*`,
  );
  await events.send(new PutRuleCommand({ Name: RULE, ScheduleExpression: 'cron(20 2 * * ? *)' }));
  await events.send(
    new PutTargetsCommand({
      Rule: RULE,
      Targets: [
        {
          Id: 'job',
          Arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/journey`,
          RoleArn: role,
          EcsParameters: {
            TaskDefinitionArn: FAMILY_ARN,
            LaunchType: 'FARGATE',
            NetworkConfiguration: {
              awsvpcConfiguration: { Subnets: [subnets.Subnets?.[0]?.SubnetId ?? ''] },
            },
          },
        },
      ],
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await teiki?.close();
});

const ruleState = async () => (await events.send(new DescribeRuleCommand({ Name: RULE }))).State;

it('toggles a rule, runs it now, follows its task to STOPPED and tails its log', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${teiki.url}/_teiki/console/schedules?kind=rule&name=${RULE}&container=default`);
  const toggle = page.getByRole('switch', { name: 'Enabled' });
  await toggle.click();
  await expect.poll(ruleState).toBe('DISABLED');
  await toggle.click();
  await expect.poll(ruleState).toBe('ENABLED');

  await page.getByRole('button', { name: 'Run now' }).click();
  const history = page.getByRole('table', { name: 'Invocation history' });
  const taskLink = history.getByRole('row').nth(1).getByRole('link');
  await expect.poll(() => taskLink.count()).toBe(1);
  await taskLink.click();
  await expect.poll(() => page.url()).toContain('/_teiki/console/tasks?cluster=journey&task=');
  const taskPage = page.url();

  const logLink = page.getByRole('list', { name: 'Log streams' }).getByRole('link');
  await expect.poll(() => logLink.count()).toBe(1);
  await logLink.click();
  await page.getByRole('button', { name: 'Start live tail' }).click();
  const lines = page.getByRole('log', { name: 'Log events' }).locator('.line .logs-message');
  await expect
    .poll(() => lines.allTextContents(), { timeout: 20_000 })
    .toEqual(['job started', 'job finished well']);
  await screenshot(page, 'journey-tail');

  await page.goto(taskPage);
  await expect
    .poll(() => page.getByTestId('task-status').textContent(), { timeout: 20_000 })
    .toBe('STOPPED');
  expect(await page.getByTestId('task-stop-code').textContent()).toBe('EssentialContainerExited');
  expect(errors).toEqual([]);
});
