/**
 * Services whose tasks fail, with the process runtime: the deployment circuit breaker
 * fails a revision whose container exits at once and rolls back to the last completed
 * deployment; a task failing its container health checks is stopped and replaced.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('a revision whose container exits at once, under the circuit breaker', () => {
  const name = 'breaker';
  let family: string;
  let firstDeployment: string;
  let failedDeployment: string;
  let rolledBack: Service;

  beforeAll(async () => {
    family = await f.register([longRunning()]);
    await f.create(name, family, {
      desiredCount: 3,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    firstDeployment = (await f.until(name, steady)).deployments?.[0]?.id ?? '';
    await f.register([{ ...longRunning(), command: ['sh', '-c', 'exit 1'] }], { family });
    const updated = await f.ecs.send(
      new UpdateServiceCommand({ cluster: f.cluster, service: name, taskDefinition: family }),
    );
    failedDeployment = updated.service?.deployments?.[0]?.id ?? '';
    rolledBack = await f.until(
      name,
      (s) =>
        steady(s) &&
        s.deployments?.[0]?.rolloutState === 'COMPLETED' &&
        s.deployments[0].id !== firstDeployment &&
        s.deployments[0].id !== failedDeployment,
    );
  });

  it('fails the deployment and rolls back to the last completed one', () => {
    const all = messages(rolledBack);
    const failed = all.indexOf(
      `(service ${name}) (deployment ${failedDeployment}) deployment failed: tasks failed to start.`,
    );
    const rollingBack = all.indexOf(
      `(service ${name}) rolling back to deployment ${firstDeployment}.`,
    );
    expect(failed).toBeGreaterThan(-1);
    expect(rollingBack).toBeGreaterThan(-1);
    expect(rollingBack).toBeLessThan(failed);
    expect(rolledBack.taskDefinition).toMatch(new RegExp(`${family}:1$`));
    expect(all[0]).toBe(`(service ${name}) has reached a steady state.`);
  });

  it('runs revision 1 again on every task', async () => {
    const tasks = await f.tasks(name);
    expect(tasks).toHaveLength(3);
    for (const task of tasks) expect(task.taskDefinitionArn).toMatch(new RegExp(`${family}:1$`));
  });

  it('put the failure and the rollback on the default bus', async () => {
    const failed = await f.serviceEvent(
      (e) =>
        e.detail.eventName === 'SERVICE_DEPLOYMENT_FAILED' &&
        e.detail.deploymentId === failedDeployment,
    );
    expect(failed).toMatchObject({
      'detail-type': 'ECS Deployment State Change',
      source: 'aws.ecs',
      resources: [`arn:aws:ecs:us-east-1:000000000000:service/${f.cluster}/${name}`],
      detail: {
        eventType: 'ERROR',
        reason: 'ECS deployment circuit breaker: task failed to start.',
        clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${f.cluster}`,
      },
    });
    const rollback = await f.serviceEvent(
      (e) =>
        e.detail.eventName === 'SERVICE_DEPLOYMENT_IN_PROGRESS' &&
        String(e.detail.reason).startsWith('ECS deployment circuit breaker: rolling back'),
    );
    expect(rollback.detail.reason).toBe(
      `ECS deployment circuit breaker: rolling back to deploymentId ${firstDeployment}.`,
    );
  });

  it('shows the failed service deployment rolled back', async () => {
    const list = await f.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: f.cluster, service: name }),
    );
    const briefs = list.serviceDeployments ?? [];
    expect(briefs.map((b) => b.status)).toEqual(['ROLLBACK_SUCCESSFUL', 'SUCCESSFUL']);
    const out = await f.ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [briefs[0]?.serviceDeploymentArn ?? ''],
      }),
    );
    const failed = out.serviceDeployments?.[0];
    expect(failed).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason: 'ECS deployment circuit breaker: tasks failed to start.',
      deploymentCircuitBreaker: { status: 'TRIGGERED', threshold: 3 },
      rollback: { reason: 'Circuit breaker' },
    });
    expect(failed?.deploymentCircuitBreaker?.failureCount).toBeGreaterThanOrEqual(3);
    const revisions = await f.ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [
          failed?.targetServiceRevision?.arn ?? '',
          failed?.rollback?.serviceRevisionArn ?? '',
        ],
      }),
    );
    expect(revisions.failures).toEqual([]);
    expect(revisions.serviceRevisions?.map((r) => r.taskDefinition?.split(':').pop())).toEqual([
      '2',
      '1',
    ]);
  });
});

describe('a task failing its container health checks', () => {
  const name = 'checked';
  let dir: string;
  let marker: string;
  let first: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teiki-health-'));
    marker = join(dir, 'unhealthy');
    const family = await f.register([
      {
        ...longRunning(),
        healthCheck: {
          command: ['CMD-SHELL', `test ! -e ${marker}`],
          interval: 1,
          timeout: 2,
          retries: 1,
        },
      },
    ]);
    await f.create(name, family, { desiredCount: 1 });
    await f.until(name, steady);
    first = (await f.tasks(name))[0]?.taskArn ?? '';
    writeFileSync(marker, '');
    await f.until(name, (s) =>
      messages(s).some((m) =>
        m.includes('Amazon ECS replaced 1 tasks due to an unhealthy status.'),
      ),
    );
    rmSync(marker);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is stopped with ECS reason and replaced', async () => {
    const out = await f.ecs.send(new DescribeTasksCommand({ cluster: f.cluster, tasks: [first] }));
    const task = out.tasks?.[0];
    expect(task).toMatchObject({
      desiredStatus: 'STOPPED',
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: 'Task failed container health checks',
      healthStatus: 'UNHEALTHY',
    });
    const service = await f.until(
      name,
      (s) => steady(s) && messages(s)[0]?.endsWith('steady state.') === true,
    );
    const id = first.split('/').pop() ?? '';
    expect(messages(service)).toContain(
      `(service ${name}) (task ${id}) failed container health checks.`,
    );
    expect(messages(service)).toContain(
      `(service ${name}) has stopped 1 running tasks: (task ${id}).`,
    );
  });
});
