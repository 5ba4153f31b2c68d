/**
 * A teiki with `--runtime docker` for the ECS suites: the task fixture, an ECR image name
 * mapped to the local test image, and a wait on the task state changes teiki publishes
 * (no polling).
 */
import type { TaskStateChangeEvent } from '../../../src/services/ecs/tasks/index.js';
import { TEST_IMAGE } from '../../runtimes/docker/engine-fixtures.js';
import { startTaskFixture, type TaskFixture } from './tasks-fixtures.js';

/** An image as a task definition names it on AWS; teiki's image map runs the test image. */
export const ECR_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/busybox:latest';

export interface DockerTaskFixture extends TaskFixture {
  /** Every state change published so far, oldest first. */
  events: TaskStateChangeEvent[];
  /** Resolves with the first change of the task (already seen or later) that matches. */
  change(taskArn: string, matches: (detail: EventTask) => boolean): Promise<EventTask>;
}

/** The detail of a task state change: the task as DescribeTasks shows it. */
export interface EventTask {
  lastStatus?: string;
  containers?: { name?: string; lastStatus?: string; exitCode?: number; healthStatus?: string }[];
  [key: string]: unknown;
}

export async function startDockerTasks(extraArgs: string[] = []): Promise<DockerTaskFixture> {
  const f = await startTaskFixture([
    '--in-memory',
    '--runtime',
    'docker',
    '--docker-network',
    'none',
    '--image-map',
    `${ECR_IMAGE}=${TEST_IMAGE}`,
    ...extraArgs,
  ]);
  const events: TaskStateChangeEvent[] = [];
  const waiters = new Set<(event: TaskStateChangeEvent) => void>();
  f.teiki.taskStateChanges.subscribe((event) => {
    events.push(event);
    for (const waiter of [...waiters]) waiter(event);
  });
  return Object.assign(f, {
    events,
    change(taskArn: string, matches: (detail: EventTask) => boolean) {
      const fits = (e: TaskStateChangeEvent) => e.resources[0] === taskArn && matches(e.detail);
      const seen = events.find(fits);
      if (seen) return Promise.resolve(seen.detail as EventTask);
      return new Promise<EventTask>((resolve) => {
        const waiter = (e: TaskStateChangeEvent) => {
          if (!fits(e)) return;
          waiters.delete(waiter);
          resolve(e.detail);
        };
        waiters.add(waiter);
      });
    },
  });
}

export const container = (task: EventTask, name: string) =>
  task.containers?.find((c) => c.name === name);
