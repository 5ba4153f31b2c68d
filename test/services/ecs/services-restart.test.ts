/**
 * A restart of teiki: the tasks a service had are STOPPED by the shutdown (or, after a
 * kill -9, by the next start's recovery, which ends their processes), and the next teiki
 * on the same data directory reconciles the service at start, replacing them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { spawnTeiki, type TeikiProcess } from '../../helpers/process.js';
import { alive } from '../../runtimes/process/fixtures.js';
import { startTestTeiki, tempDir, type TestTeiki } from '../../helpers/teiki.js';
import { longRunning, steady } from './services-fixtures.js';

const running: TestTeiki[] = [];
const killed: TeikiProcess[] = [];
afterAll(async () => {
  for (const child of killed) child.child.kill('SIGKILL');
  for (const teiki of running) await teiki.close();
});

async function start(dir: string) {
  const teiki = await startTestTeiki(['--data-dir', dir]);
  running.push(teiki);
  return { teiki, ecs: new ECSClient(teiki.clientConfig()) };
}

/** A cluster `c`, a family `app` of `container`, and a service `svc` of two of its tasks. */
async function createService(ecs: ECSClient, ec2: EC2Client, container = longRunning()) {
  const subnet = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets?.[0]?.SubnetId ?? '';
  await ecs.send(new CreateClusterCommand({ clusterName: 'c' }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'app',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [container],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'c',
      serviceName: 'svc',
      taskDefinition: 'app',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
    }),
  );
}

/** The second teiki's view: the service steady again on two new tasks, the old STOPPED. */
async function expectReplaced(ecs: ECSClient, before: (string | undefined)[]) {
  const service = await until(
    ecs,
    (s) => steady(s) && s.events?.[0]?.message === '(service svc) has reached a steady state.',
  );
  const after = await runningTasks(ecs);
  expect(after).toHaveLength(2);
  for (const task of after) expect(before).not.toContain(task.taskArn);
  const gone = await ecs.send(
    new DescribeTasksCommand({ cluster: 'c', tasks: before.map((arn) => arn ?? '') }),
  );
  expect(gone.tasks).toHaveLength(2);
  for (const task of gone.tasks ?? []) {
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TerminationNotice' });
  }
  expect(
    service.events?.some((e) => e.message?.startsWith('(service svc) has started 2 tasks')),
  ).toBe(true);
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
  const dir = tempDir();
  const first = await start(dir);
  await createService(first.ecs, new EC2Client(first.teiki.clientConfig()));
  await until(first.ecs, steady);
  const before = (await runningTasks(first.ecs)).map((t) => t.taskArn);
  await first.teiki.close();

  const second = await start(dir);
  await expectReplaced(second.ecs, before);
});

it('replaces the tasks a killed teiki left, once recovery has ended them', async () => {
  const dir = tempDir();
  const pids = join(tempDir(), 'pids');
  const child = await spawnTeiki(['--data-dir', dir]);
  killed.push(child);
  const config = {
    endpoint: child.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  const ecs = new ECSClient(config);
  await createService(ecs, new EC2Client(config), {
    ...longRunning(),
    command: ['sh', '-c', `echo $$ >> ${pids}; exec sleep 600`],
  });
  await until(ecs, steady);
  const before = (await runningTasks(ecs)).map((t) => t.taskArn);
  // RUNNING comes with the spawn; each shell writes its pid a moment later.
  const written = () =>
    existsSync(pids) ? readFileSync(pids, 'utf8').trim().split('\n').map(Number) : [];
  while (written().length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  child.child.kill('SIGKILL');
  await child.exited;
  const orphans = written();
  expect(orphans).toHaveLength(2);
  expect(orphans.every(alive)).toBe(true);

  const second = await start(dir);
  expect(orphans.some(alive)).toBe(false);
  await expectReplaced(second.ecs, before);
});
