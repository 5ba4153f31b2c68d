/**
 * ECS services with the process runtime, through the SDK: the scheduler keeps the desired
 * count RUNNING and replaces a stopped task, the shapes AWS answers say so, and
 * DeleteService drains it. The rolling update is in the proof suites (services-proof.ts).
 */
import {
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeTasksCommand,
  StopTaskCommand,
  waitUntilServicesInactive,
  waitUntilServicesStable,
  ECSServiceException,
  type Service,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from '../../helpers/errors.js';
import {
  longRunning,
  startServiceFixture,
  steady,
  type ServiceFixture,
} from './services-fixtures.js';

let f: ServiceFixture;
beforeAll(async () => {
  f = await startServiceFixture();
});
afterAll(() => f.close());

const messages = (s: Service) => (s.events ?? []).map((e) => e.message ?? '');

describe('a service of three tasks', () => {
  const name = 'web';
  let family: string;
  let created: Service;

  beforeAll(async () => {
    family = await f.register([longRunning()]);
    created = await f.create(name, family, { desiredCount: 3 });
  });

  it('is created ACTIVE with one PRIMARY deployment in progress', () => {
    expect(created).toMatchObject({
      serviceName: name,
      serviceArn: `arn:aws:ecs:us-east-1:000000000000:service/${f.cluster}/${name}`,
      clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${f.cluster}`,
      status: 'ACTIVE',
      desiredCount: 3,
      runningCount: 0,
      pendingCount: 0,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      platformFamily: 'Linux',
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      propagateTags: 'NONE',
      enableECSManagedTags: false,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: false, rollback: false },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      roleArn:
        'arn:aws:iam::000000000000:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
    });
    expect(created.deployments).toHaveLength(1);
    const deployment = created.deployments?.[0];
    expect(deployment?.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(deployment).toMatchObject({
      status: 'PRIMARY',
      platformVersion: '1.4.0',
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment ${deployment?.id ?? ''} in progress.`,
    });
  });

  it('reaches a steady state with three tasks RUNNING, started by its deployment', async () => {
    await waitUntilServicesStable(
      { client: f.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
      { cluster: f.cluster, services: [name] },
    );
    const service = await f.describe(name);
    const deployment = service.deployments?.[0];
    expect(service).toMatchObject({ runningCount: 3, pendingCount: 0 });
    expect(deployment).toMatchObject({
      runningCount: 3,
      rolloutState: 'COMPLETED',
      rolloutStateReason: `ECS deployment ${deployment?.id ?? ''} completed.`,
    });
    const tasks = await f.tasks(name);
    expect(tasks).toHaveLength(3);
    for (const task of tasks) {
      expect(task).toMatchObject({
        lastStatus: 'RUNNING',
        startedBy: deployment?.id,
        group: `service:${name}`,
      });
    }
    const started = messages(service).find((m) => m.includes('has started 3 tasks'));
    expect(started).toMatch(
      new RegExp(`^\\(service ${name}\\) has started 3 tasks: (\\(task [a-f0-9]{32}\\) ?){3}\\.$`),
    );
    expect(messages(service)[0]).toBe(`(service ${name}) has reached a steady state.`);
    expect(messages(service)[1]).toBe(
      `(service ${name}) (deployment ${deployment?.id ?? ''}) deployment completed.`,
    );
  });

  it("counts the service and its tasks in the cluster's figures", async () => {
    const out = await f.ecs.send(new DescribeClustersCommand({ clusters: [f.cluster] }));
    expect(out.clusters?.[0]).toMatchObject({ activeServicesCount: 1, runningTasksCount: 3 });
  });

  it('replaces a task stopped with StopTask', async () => {
    const [victim] = await f.tasks(name);
    await f.ecs.send(new StopTaskCommand({ cluster: f.cluster, task: victim?.taskArn ?? '' }));
    await f.until(
      name,
      (s) =>
        steady(s) &&
        messages(s)[0] === `(service ${name}) has reached a steady state.` &&
        messages(s).some((m) => m.includes('has started 1 tasks')),
    );
    const running = await f.tasks(name);
    expect(running).toHaveLength(3);
    expect(running.map((t) => t.taskArn)).not.toContain(victim?.taskArn);
    const [stopped] = await f.ecs
      .send(new DescribeTasksCommand({ cluster: f.cluster, tasks: [victim?.taskArn ?? ''] }))
      .then((out) => out.tasks ?? []);
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated' });
  });
});

describe('DeleteService', () => {
  const name = 'doomed';

  beforeAll(async () => {
    const family = await f.register([longRunning()]);
    await f.create(name, family, { desiredCount: 2 });
    await f.until(name, steady);
  });

  it('refuses a service scaled above 0 without force', async () => {
    await expectRejection(
      f.ecs.send(new DeleteServiceCommand({ cluster: f.cluster, service: name })),
      ECSServiceException,
      'InvalidParameterException',
      'The service cannot be stopped while it is scaled above 0.',
    );
    expect((await f.describe(name)).status).toBe('ACTIVE');
  });

  it('with force drains the service to INACTIVE and stops its tasks', async () => {
    const out = await f.ecs.send(
      new DeleteServiceCommand({ cluster: f.cluster, service: name, force: true }),
    );
    expect(out.service).toMatchObject({ status: 'DRAINING', desiredCount: 0 });
    await waitUntilServicesInactive(
      { client: f.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
      { cluster: f.cluster, services: [name] },
    );
    expect(await f.tasks(name)).toEqual([]);
    const stopped = await f.tasks(name, 'STOPPED');
    expect(stopped).toHaveLength(2);
    for (const task of stopped) {
      expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated' });
      expect(task.stoppedReason).toMatch(
        /^Scaling activity initiated by \(deployment ecs-svc\/\d+\)$/,
      );
    }
  });
});
