/**
 * Service events flow onto the default bus: a rule whose pattern matches ECS deployment
 * state changes sends them to a log group, so a deployment that completes is logged with
 * AWS's detail (eventType, eventName, deploymentId, reason).
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  longRunning,
  startServiceFixture,
  steady,
  type ServiceFixture,
} from '../services/ecs/services-fixtures.js';

let f: ServiceFixture;
beforeAll(async () => {
  f = await startServiceFixture();
});
afterAll(() => f.close());

it('logs the deployment state changes of a service', async () => {
  const logs = new CloudWatchLogsClient(f.teiki.clientConfig());
  const events = new EventBridgeClient(f.teiki.clientConfig());
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs-deployments' }));
  await events.send(
    new PutRuleCommand({
      Name: 'ecs-deployments',
      EventPattern: JSON.stringify({
        source: ['aws.ecs'],
        'detail-type': ['ECS Deployment State Change'],
        detail: { eventName: ['SERVICE_DEPLOYMENT_IN_PROGRESS', 'SERVICE_DEPLOYMENT_COMPLETED'] },
      }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'ecs-deployments',
      Targets: [
        { Id: 'log', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/ecs-deployments' },
      ],
    }),
  );
  const family = await f.register([longRunning()]);
  const created = await f.create('logged', family, { desiredCount: 1 });
  const deploymentId = created.deployments?.[0]?.id ?? '';
  await f.until('logged', steady);

  let logged: Array<Record<string, unknown>> = [];
  while (
    !logged.some(
      (e) => (e.detail as { eventName?: string }).eventName === 'SERVICE_DEPLOYMENT_COMPLETED',
    )
  ) {
    const out = await logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs-deployments' }));
    logged = (out.events ?? []).map(
      (e) => JSON.parse(e.message ?? '{}') as Record<string, unknown>,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const completed = logged.find(
    (e) => (e.detail as { eventName?: string }).eventName === 'SERVICE_DEPLOYMENT_COMPLETED',
  );
  expect(completed).toMatchObject({
    'detail-type': 'ECS Deployment State Change',
    source: 'aws.ecs',
    account: '000000000000',
    region: 'us-east-1',
    resources: [`arn:aws:ecs:us-east-1:000000000000:service/${f.cluster}/logged`],
    detail: {
      eventType: 'INFO',
      eventName: 'SERVICE_DEPLOYMENT_COMPLETED',
      deploymentId,
      reason: `ECS deployment ${deploymentId} completed.`,
      clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${f.cluster}`,
    },
  });
  // The steady-state action event is not a deployment state change: the pattern left it out.
  expect(logged.every((e) => e['detail-type'] === 'ECS Deployment State Change')).toBe(true);
});
