/**
 * What a launch changes on the service record: the tasks it started are tracked and
 * pending, and the service says so ("has started N tasks: …"); a task that could not be
 * placed is reported ("was unable to place a task. Reason: …", SERVICE_TASK_PLACEMENT_FAILURE),
 * one that cannot start as configured too ("failed to launch a task with (error …).",
 * SERVICE_TASK_CONFIGURATION_FAILURE); either counts against the deployment's circuit breaker and the throttle, and is tried again
 * later.
 */
import type { ServiceEventRecord, ServiceRecord } from '../records.js';
import type { BusEvent } from './decide.js';
import type { LaunchOutcome } from './launch.js';
import { throttleDelayMs } from './limits.js';
import { serviceMessages, withEvents } from './messages.js';

/** The least wait before a task that could not be placed is tried again. */
export const PLACEMENT_RETRY_MS = 10_000;

export function applyLaunch(
  current: ServiceRecord,
  deploymentId: string,
  outcome: LaunchOutcome,
  replacingUnhealthy: number,
  nowMs: number,
  newEventId: () => string,
): { service: ServiceRecord; bus: BusEvent[]; wakeAt?: number } {
  const service = structuredClone(current);
  const events: ServiceEventRecord[] = [];
  const bus: BusEvent[] = [];
  const say = (message: string) => events.push({ id: newEventId(), createdAt: nowMs, message });
  const deployment = service.deployments.find((d) => d.id === deploymentId);
  const ids = outcome.launched.map((t) => t.taskId);
  if (ids.length > 0) {
    service.tasks.push(...outcome.launched);
    if (deployment) deployment.pendingCount += ids.length;
    service.steady = false;
    say(
      serviceMessages.started(service.serviceName, ids, Math.min(replacingUnhealthy, ids.length)),
    );
  }
  let wakeAt: number | undefined;
  if (outcome.failure !== undefined) {
    const configuration = outcome.failureKind === 'configuration';
    say(
      configuration
        ? serviceMessages.failedToLaunch(service.serviceName, outcome.failure)
        : serviceMessages.unableToPlace(service.serviceName, outcome.failure),
    );
    bus.push({
      detailType: 'ECS Service Action',
      eventType: 'ERROR',
      eventName: configuration
        ? 'SERVICE_TASK_CONFIGURATION_FAILURE'
        : 'SERVICE_TASK_PLACEMENT_FAILURE',
      reason: outcome.failure,
    });
    if (deployment?.rolloutState === 'IN_PROGRESS') deployment.failedTasks += 1;
    service.throttle.failures += 1;
    service.throttle.lastFailureAt = nowMs;
    wakeAt = nowMs + Math.max(PLACEMENT_RETRY_MS, throttleDelayMs(service.throttle.failures));
    service.throttle.notBefore = wakeAt;
    service.steady = false;
  }
  service.events = withEvents(service.events, events);
  return { service, bus, ...(wakeAt !== undefined ? { wakeAt } : {}) };
}
