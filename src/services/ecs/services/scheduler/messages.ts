/**
 * A service's event messages in ECS's own words (DescribeServices `events`), newest
 * first, at most 100. Every wording here is as AWS writes it in services' events seen in
 * the wild and in the Developer Guide's list of service event messages.
 */
import type { ServiceEventRecord } from '../records.js';

export const MAX_EVENTS = 100;

const tasksList = (taskIds: readonly string[]) => taskIds.map((id) => `(task ${id})`).join(' ');

export const serviceMessages = {
  steadyState: (service: string) => `(service ${service}) has reached a steady state.`,
  started: (service: string, taskIds: readonly string[], replacedUnhealthy: number) =>
    `(service ${service}) has started ${taskIds.length} tasks: ${tasksList(taskIds)}.` +
    (replacedUnhealthy > 0
      ? ` Amazon ECS replaced ${replacedUnhealthy} tasks due to an unhealthy status.`
      : ''),
  stoppedRunning: (service: string, taskIds: readonly string[]) =>
    `(service ${service}) has stopped ${taskIds.length} running tasks: ${tasksList(taskIds)}.`,
  stoppedPending: (service: string, count: number) =>
    `(service ${service}) stopped ${count} pending tasks.`,
  failedHealthChecks: (service: string, taskId: string) =>
    `(service ${service}) (task ${taskId}) failed container health checks.`,
  deploymentCompleted: (service: string, deploymentId: string) =>
    `(service ${service}) (deployment ${deploymentId}) deployment completed.`,
  deploymentFailed: (service: string, deploymentId: string) =>
    `(service ${service}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  rollingBack: (service: string, deploymentId: string) =>
    `(service ${service}) rolling back to deployment ${deploymentId}.`,
  startImpaired: (service: string) =>
    `(service ${service}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
  unableToPlace: (service: string, reason: string) =>
    `(service ${service}) was unable to place a task. Reason: ${reason}`,
  /** As services' events read it when a task's role cannot be assumed (see launch-roles.ts). */
  failedToLaunch: (service: string, error: string) =>
    `(service ${service}) failed to launch a task with (error ${error}).`,
};

/** A deployment's `rolloutStateReason`, and the `reason` of its EventBridge events. */
export const rolloutReasons = {
  inProgress: (deploymentId: string) => `ECS deployment ${deploymentId} in progress.`,
  completed: (deploymentId: string) => `ECS deployment ${deploymentId} completed.`,
  failed: 'ECS deployment circuit breaker: tasks failed to start.',
  /** The Developer Guide's SERVICE_DEPLOYMENT_FAILED example says "task", singular. */
  failedEvent: 'ECS deployment circuit breaker: task failed to start.',
  rollingBack: (toDeploymentId: string) =>
    `ECS deployment circuit breaker: rolling back to deploymentId ${toDeploymentId}.`,
};

/** Stopped reasons of the tasks the scheduler stops. */
export const stopReasons = {
  scaling: (deploymentId: string) => `Scaling activity initiated by (deployment ${deploymentId})`,
  unhealthy: 'Task failed container health checks',
};

/** `events` with new ones (oldest first in `added`) put in front, capped. */
export function withEvents(
  events: readonly ServiceEventRecord[],
  added: readonly ServiceEventRecord[],
): ServiceEventRecord[] {
  return [...[...added].reverse(), ...events].slice(0, MAX_EVENTS);
}
