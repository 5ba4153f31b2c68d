/**
 * The proof for services, on whichever runtime a suite starts teiki with: three
 * tasks RUNNING; one stopped and replaced; a rolling update to revision 2 at 50% / 200%
 * that never drops below the minimum (the running count sampled throughout) and ends on
 * revision 2 with a steady state; a revision whose container exits at once trips the
 * circuit breaker and rolls back; a forced delete; the services-stable and
 * services-inactive waiters.
 */
import {
  DeleteServiceCommand,
  ECSServiceException,
  StopTaskCommand,
  UpdateServiceCommand,
  waitUntilServicesInactive,
  waitUntilServicesStable,
  type ContainerDefinition,
  type Service,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from '../../helpers/errors.js';
import { steady, type ServiceFixture } from './services-fixtures.js';

const messages = (s: Service) => (s.events ?? []).map((e) => e.message ?? '');
const STEADY = (name: string) => `(service ${name}) has reached a steady state.`;

export function defineServiceProof(
  start: () => Promise<ServiceFixture>,
  container: (revision: number) => ContainerDefinition,
): void {
  let f: ServiceFixture;
  let family: string;
  const name = 'proof';
  beforeAll(async () => {
    f = await start();
    family = await f.register([container(1)]);
  });
  afterAll(() => f.close());

  describe('three tasks RUNNING', () => {
    it('reaches a steady state (services-stable waiter)', async () => {
      await f.create(name, family, {
        desiredCount: 3,
        deploymentConfiguration: {
          minimumHealthyPercent: 50,
          maximumPercent: 200,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      });
      await waitUntilServicesStable(
        { client: f.ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 1 },
        { cluster: f.cluster, services: [name] },
      );
      const tasks = await f.tasks(name);
      expect(tasks.map((t) => t.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
      await f.until(name, (s) => messages(s)[0] === STEADY(name));
    });

    it('replaces a task that is stopped', async () => {
      const [victim] = await f.tasks(name);
      await f.ecs.send(new StopTaskCommand({ cluster: f.cluster, task: victim?.taskArn ?? '' }));
      await f.until(
        name,
        (s) =>
          steady(s) &&
          messages(s)[0] === STEADY(name) &&
          messages(s).some((m) => m.includes('has started 1 tasks')),
      );
      const tasks = await f.tasks(name);
      expect(tasks).toHaveLength(3);
      expect(tasks.map((t) => t.taskArn)).not.toContain(victim?.taskArn);
    });
  });

  describe('a rolling update to revision 2', () => {
    const samples: number[] = [];
    let done: Service;

    beforeAll(async () => {
      await f.register([container(2)], { family });
      await f.ecs.send(
        new UpdateServiceCommand({ cluster: f.cluster, service: name, taskDefinition: family }),
      );
      done = await f.until(name, (s) => {
        samples.push(s.runningCount ?? 0);
        return (
          steady(s) &&
          s.taskDefinition?.endsWith(`${family}:2`) === true &&
          messages(s)[0] === STEADY(name)
        );
      });
    });

    it('never drops below 50% of 3 (2 tasks) while it rolls', () => {
      expect(samples.length).toBeGreaterThan(1);
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(2);
    });

    it('ends with every task on revision 2 and a steady state', async () => {
      const tasks = await f.tasks(name);
      expect(tasks).toHaveLength(3);
      for (const task of tasks) expect(task.taskDefinitionArn).toMatch(new RegExp(`${family}:2$`));
      expect(done.deployments).toHaveLength(1);
      expect(done.deployments?.[0]?.rolloutState).toBe('COMPLETED');
    });
  });

  describe('a revision whose container exits at once', () => {
    it('trips the circuit breaker and rolls back to revision 2', async () => {
      const completed = (await f.describe(name)).deployments?.[0]?.id ?? '';
      await f.register([{ ...container(3), command: ['sh', '-c', 'exit 1'] }], { family });
      const updated = await f.ecs.send(
        new UpdateServiceCommand({ cluster: f.cluster, service: name, taskDefinition: family }),
      );
      const failed = updated.service?.deployments?.[0]?.id ?? '';
      const back = await f.until(
        name,
        (s) =>
          steady(s) &&
          messages(s)[0] === STEADY(name) &&
          messages(s).includes(`(service ${name}) rolling back to deployment ${completed}.`),
      );
      expect(messages(back)).toContain(
        `(service ${name}) (deployment ${failed}) deployment failed: tasks failed to start.`,
      );
      expect(back.taskDefinition).toMatch(new RegExp(`${family}:2$`));
      for (const task of await f.tasks(name)) {
        expect(task.taskDefinitionArn).toMatch(new RegExp(`${family}:2$`));
      }
    });
  });

  describe('a forced delete', () => {
    it('is refused without force, then drains to INACTIVE (services-inactive waiter)', async () => {
      await expectRejection(
        f.ecs.send(new DeleteServiceCommand({ cluster: f.cluster, service: name })),
        ECSServiceException,
        'InvalidParameterException',
        'The service cannot be stopped while it is scaled above 0.',
      );
      await f.ecs.send(
        new DeleteServiceCommand({ cluster: f.cluster, service: name, force: true }),
      );
      await waitUntilServicesInactive(
        { client: f.ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 1 },
        { cluster: f.cluster, services: [name] },
      );
      expect(await f.tasks(name)).toEqual([]);
    });
  });
}
