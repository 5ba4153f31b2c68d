/**
 * ECS services through the SDK: a teiki (process runtime unless told), a cluster of its
 * own, task definition families from the task fixture, and waits on DescribeServices
 * conditions (polled, as the SDK's waiters poll) and on the service events teiki
 * publishes.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type CreateServiceCommandInput,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import type { ServiceStateChangeEvent } from '../../../src/services/ecs/services/index.js';
import { startTaskFixture, type TaskFixture } from './tasks-fixtures.js';

export interface ServiceFixture extends TaskFixture {
  cluster: string;
  /** Every service event published so far, oldest first. */
  serviceEvents: ServiceStateChangeEvent[];
  create(
    name: string,
    taskDefinition: string,
    extra?: Partial<CreateServiceCommandInput>,
  ): Promise<Service>;
  describe(name: string): Promise<Service>;
  /** Polls DescribeServices until `done` holds (or fails after `timeoutMs`). */
  until(name: string, done: (service: Service) => boolean, timeoutMs?: number): Promise<Service>;
  /** The service's tasks with the given desired status, described. */
  tasks(name: string, desiredStatus?: 'RUNNING' | 'STOPPED'): Promise<Task[]>;
  /** Resolves with the first service event (seen or later) that matches. */
  serviceEvent(
    matches: (event: ServiceStateChangeEvent) => boolean,
  ): Promise<ServiceStateChangeEvent>;
}

let clusters = 0;

/** A container that runs until stopped, on either runtime's busybox or host shell. */
export const longRunning = (image = 'example/app:1') => ({
  name: 'app',
  image,
  essential: true,
  command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
});

export async function startServiceFixture(args?: string[]): Promise<ServiceFixture> {
  const f = await startTaskFixture(args);
  const cluster = `services-${process.pid}-${++clusters}`;
  await f.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const serviceEvents: ServiceStateChangeEvent[] = [];
  const waiters = new Set<(event: ServiceStateChangeEvent) => void>();
  f.teiki.serviceStateChanges.subscribe((event) => {
    serviceEvents.push(event);
    for (const waiter of [...waiters]) waiter(event);
  });
  const describe = async (name: string) => {
    const out = await f.ecs.send(new DescribeServicesCommand({ cluster, services: [name] }));
    const service = out.services?.[0];
    if (!service)
      throw new Error(`service ${name} is not described: ${JSON.stringify(out.failures)}`);
    return service;
  };
  return Object.assign(f, {
    cluster,
    serviceEvents,
    async create(
      name: string,
      taskDefinition: string,
      extra: Partial<CreateServiceCommandInput> = {},
    ) {
      const out = await f.ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: name,
          taskDefinition,
          desiredCount: 1,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: [f.subnetId] } },
          ...extra,
        }),
      );
      if (!out.service) throw new Error('CreateService answered no service');
      return out.service;
    },
    describe,
    async until(name: string, done: (service: Service) => boolean, timeoutMs = 60_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const service = await describe(name);
        if (done(service)) return service;
        if (performance.now() > deadline) {
          throw new Error(`service ${name} never got there: ${JSON.stringify(service, null, 1)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async tasks(name: string, desiredStatus: 'RUNNING' | 'STOPPED' = 'RUNNING') {
      const arns =
        (await f.ecs.send(new ListTasksCommand({ cluster, serviceName: name, desiredStatus })))
          .taskArns ?? [];
      if (arns.length === 0) return [];
      return (await f.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }))).tasks ?? [];
    },
    serviceEvent(matches: (event: ServiceStateChangeEvent) => boolean) {
      const seen = serviceEvents.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise<ServiceStateChangeEvent>((resolve) => {
        const waiter = (event: ServiceStateChangeEvent) => {
          if (!matches(event)) return;
          waiters.delete(waiter);
          resolve(event);
        };
        waiters.add(waiter);
      });
    },
  });
}

/** Steady: one deployment, its desired count RUNNING (the services-stable waiter's test). */
export const steady = (s: Service) =>
  s.deployments?.length === 1 && s.runningCount === s.desiredCount && s.pendingCount === 0;
