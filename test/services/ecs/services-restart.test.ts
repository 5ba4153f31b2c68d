/**
 * A restart of teiki: the tasks a service had are STOPPED by the shutdown, and the next
 * teiki on the same data directory reconciles the service at start, replacing them.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, expect, it } from 'vitest';
import { startTestTeiki, tempDir, type TestTeiki } from '../../helpers/teiki.js';
import { longRunning, steady } from './services-fixture.js';

const dir = tempDir();
const running: TestTeiki[] = [];
afterAll(async () => {
  for (const teiki of running) await teiki.close();
});

async function start() {
  const teiki = await startTestTeiki(['--data-dir', dir]);
  running.push(teiki);
  return { teiki, ecs: new ECSClient(teiki.clientConfig()) };
}

async function until(ecs: ECSClient, done: (s: Service) => boolean): Promise<Service> {
  for (;;) {
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'c', services: ['svc'] }));
    const service = out.services?.[0];
    if (service && done(service)) return service;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function runningTasks(ecs: ECSClient) {
  const arns = (await ecs.send(new ListTasksCommand({ cluster: 'c', serviceName: 'svc' })))
    .taskArns;
  return (
    (await ecs.send(new DescribeTasksCommand({ cluster: 'c', tasks: arns ?? [] }))).tasks ?? []
  );
}

it('replaces the tasks a restart stopped', async () => {
  const first = await start();
  const ec2 = new EC2Client(first.teiki.clientConfig());
  const subnet = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets?.[0]?.SubnetId ?? '';
  await first.ecs.send(new CreateClusterCommand({ clusterName: 'c' }));
  await first.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'app',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [longRunning()],
    }),
  );
  await first.ecs.send(
    new CreateServiceCommand({
      cluster: 'c',
      serviceName: 'svc',
      taskDefinition: 'app',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
    }),
  );
  await until(first.ecs, steady);
  const before = (await runningTasks(first.ecs)).map((t) => t.taskArn);
  await first.teiki.close();

  const second = await start();
  const service = await until(
    second.ecs,
    (s) => steady(s) && s.events?.[0]?.message === '(service svc) has reached a steady state.',
  );
  const after = await runningTasks(second.ecs);
  expect(after).toHaveLength(2);
  for (const task of after) expect(before).not.toContain(task.taskArn);
  const gone = await second.ecs.send(
    new DescribeTasksCommand({ cluster: 'c', tasks: before.map((arn) => arn ?? '') }),
  );
  for (const task of gone.tasks ?? []) {
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TerminationNotice' });
  }
  expect(
    service.events?.some((e) => e.message?.startsWith('(service svc) has started 2 tasks')),
  ).toBe(true);
});
