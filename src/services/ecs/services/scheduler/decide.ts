/**
 * One decision of the service scheduler, as a pure function: given the service as stored,
 * the tasks it tracks and the time, what to stop, how many tasks to start, and how the
 * service record changes (deployment states and counts, events, throttle, steadiness).
 * The loop (loop.ts) reads the inputs, applies the decision and writes the record.
 *
 * The rolling update follows ECS's rules: new tasks of the primary deployment are started
 * while the total stays within maximumPercent; old deployments' tasks, and the primary's
 * surplus, are stopped while the healthy ones stay at or above minimumHealthyPercent.
 * Tasks that are not healthy (pending, or UNHEALTHY) never count toward the minimum, so
 * they can always be stopped. A task whose essential container fails its health checks is
 * stopped once the grace period is over and replaced.
 */
import { newDeployment, ordered } from '../deployments.js';
import {
  revisionIdOf,
  type DeploymentRecord,
  type ServiceEventRecord,
  type ServiceRecord,
} from '../records.js';
import {
  circuitBreakerThreshold,
  maximumTasks,
  minimumHealthyTasks,
  THROTTLE_FROM_FAILURES,
  throttleDelayMs,
} from './limits.js';
import { rolloutReasons, serviceMessages, stopReasons, withEvents } from './messages.js';
import { isHealthy, type TaskView } from './task-view.js';

/** An event for the default bus, made into AWS's envelope when it is published. */
export type BusEvent =
  | {
      detailType: 'ECS Service Action';
      eventType: 'INFO' | 'WARN' | 'ERROR';
      eventName: string;
      reason?: string;
    }
  | {
      detailType: 'ECS Deployment State Change';
      eventType: 'INFO' | 'ERROR';
      eventName: string;
      deploymentId: string;
      reason: string;
    };

export interface TaskStop {
  taskId: string;
  reason: string;
}

export interface Decision {
  /** The service as it should be written back. */
  service: ServiceRecord;
  stops: TaskStop[];
  /** New tasks of the primary deployment to launch. */
  starts: number;
  /** How many of those replace tasks stopped for failing health checks. */
  replacingUnhealthy: number;
  bus: BusEvent[];
  /** When the scheduler should look again though nothing happens (throttle, grace period). */
  wakeAt?: number;
}

export interface DecideInput {
  service: ServiceRecord;
  tasks: TaskView[];
  nowMs: number;
  /** Event ids; random in production, counted in tests. */
  newEventId: () => string;
  /** Deployment ids for rollbacks; random in production. */
  newDeploymentId?: () => string;
}

export function decide(input: DecideInput): Decision {
  const now = input.nowMs;
  const service = structuredClone(input.service);
  const events: ServiceEventRecord[] = [];
  const bus: BusEvent[] = [];
  const say = (message: string) => events.push({ id: input.newEventId(), createdAt: now, message });
  const byId = new Map(service.deployments.map((d) => [d.id, d]));
  let wakeAt: number | undefined;
  const wakeBy = (at: number) => (wakeAt = wakeAt === undefined ? at : Math.min(wakeAt, at));

  // 1. Tasks seen STOPPED leave the tracked set; failures feed the breaker and the throttle.
  const stopped = input.tasks.filter((t) => t.phase === 'stopped');
  for (const task of stopped) {
    const deployment = byId.get(task.deploymentId);
    if (ranIntoFailure(task) && deployment?.rolloutState === 'IN_PROGRESS') {
      deployment.failedTasks += 1;
      deployment.updatedAt = now;
    }
    if (failedToStart(task)) {
      service.throttle.failures += 1;
      service.throttle.lastFailureAt = Math.max(
        service.throttle.lastFailureAt ?? 0,
        task.stoppedAt ?? now,
      );
      const delay = throttleDelayMs(service.throttle.failures);
      if (delay > 0) service.throttle.notBefore = now + delay;
    }
  }
  const stoppedIds = new Set(stopped.map((t) => t.taskId));
  service.tasks = service.tasks.filter((t) => !stoppedIds.has(t.taskId));
  let live = input.tasks.filter((t) => t.phase === 'pending' || t.phase === 'running');
  const lastFailure = service.throttle.lastFailureAt;
  if (
    service.throttle.failures > 0 &&
    live.some((t) => t.startedAt !== undefined && t.startedAt >= (lastFailure ?? 0))
  ) {
    // A task started after the last failure reached RUNNING: launches go on as usual.
    service.throttle = { failures: 0, announced: false };
  }

  const stops: TaskStop[] = [];
  const stop = (tasks: TaskView[], reason: string) => {
    for (const task of tasks) stops.push({ taskId: task.taskId, reason });
    const gone = new Set(tasks.map((t) => t.taskId));
    live = live.filter((t) => !gone.has(t.taskId));
  };

  // 2. Tasks failing their container health checks, once the grace period is over.
  const graceMs = (service.healthCheckGracePeriodSeconds ?? 0) * 1000;
  const unhealthy = live.filter((t) => t.phase === 'running' && t.healthStatus === 'UNHEALTHY');
  const overGrace = unhealthy.filter((t) => (t.startedAt ?? 0) + graceMs <= now);
  for (const task of unhealthy)
    if (!overGrace.includes(task)) wakeBy((task.startedAt ?? 0) + graceMs);
  for (const task of overGrace) {
    say(serviceMessages.failedHealthChecks(service.serviceName, task.taskId));
    const deployment = byId.get(task.deploymentId);
    if (deployment?.rolloutState === 'IN_PROGRESS') deployment.failedTasks += 1;
  }
  stop(overGrace, stopReasons.unhealthy);

  // 3. The circuit breaker, and its rollback.
  if (service.status === 'ACTIVE')
    tripCircuitBreaker(service, now, say, bus, input.newDeploymentId);
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  const desired = service.status === 'ACTIVE' ? service.desiredCount : 0;
  const config = service.deploymentConfiguration;
  const minHealthy = minimumHealthyTasks(desired, config.minimumHealthyPercent ?? 100);
  const maxTotal = maximumTasks(desired, config.maximumPercent ?? 200);
  const scaling = stopReasons.scaling(primary?.id ?? '');

  // 4. Old deployments' tasks and the primary's surplus go, keeping the healthy minimum.
  const ofPrimary = (t: TaskView) => t.deploymentId === primary?.id;
  const old = live.filter((t) => !ofPrimary(t));
  stop(
    old.filter((t) => !isHealthy(t)),
    scaling,
  );
  const primaryLive = live.filter(ofPrimary);
  const surplus = Math.max(0, primaryLive.length - desired);
  stop(pickToStop(primaryLive, surplus), scaling);
  const healthyOld = live.filter((t) => !ofPrimary(t));
  const healthyNow = live.filter(isHealthy).length;
  stop(healthyOld.slice(0, Math.max(0, healthyNow - minHealthy)), scaling);

  // 5. New tasks of the primary deployment, within the maximum and the throttle.
  let starts = 0;
  const canLaunch =
    service.status === 'ACTIVE' && primary !== undefined && primary.rolloutState !== 'FAILED';
  if (canLaunch) {
    // A task stopping on its own (it exited, failed, was stopped by a user) holds its place
    // until it is STOPPED, so its failure is counted before its replacement is decided.
    const leaving = input.tasks.filter(
      (t) => t.phase === 'stopping' && t.stopCode !== 'ServiceSchedulerInitiated' && ofPrimary(t),
    );
    const wanted = desired - live.filter(ofPrimary).length - leaving.length;
    const room = maxTotal - live.length;
    starts = Math.max(0, Math.min(wanted, room));
    const notBefore = service.throttle.notBefore;
    if (starts > 0 && notBefore !== undefined && notBefore > now) {
      starts = 0;
      wakeBy(notBefore);
    }
  }
  if (service.throttle.failures >= THROTTLE_FROM_FAILURES && !service.throttle.announced) {
    service.throttle.announced = true;
    say(serviceMessages.startImpaired(service.serviceName));
    bus.push({
      detailType: 'ECS Service Action',
      eventType: 'WARN',
      eventName: 'SERVICE_TASK_START_IMPAIRED',
    });
  }

  // 6. What was stopped, in ECS's words.
  const stoppedNow = new Set(stops.map((s) => s.taskId));
  const stoppedViews = input.tasks.filter((t) => stoppedNow.has(t.taskId));
  const runningIds = stoppedViews.filter((t) => t.phase === 'running').map((t) => t.taskId);
  const pendingCount = stoppedViews.length - runningIds.length;
  if (runningIds.length > 0) say(serviceMessages.stoppedRunning(service.serviceName, runningIds));
  if (pendingCount > 0) say(serviceMessages.stoppedPending(service.serviceName, pendingCount));

  // 7. Counts, finished deployments, completion and steadiness.
  for (const deployment of service.deployments) {
    if (deployment.status === 'INACTIVE') continue;
    const mine = live.filter((t) => t.deploymentId === deployment.id);
    deployment.runningCount = mine.filter((t) => t.phase === 'running').length;
    deployment.pendingCount = mine.length - deployment.runningCount;
    if (deployment.status === 'PRIMARY') deployment.desiredCount = desired;
  }
  retireDrained(service, now);
  const settling = stops.length + input.tasks.filter((t) => t.phase === 'stopping').length;
  const steadyNow = settling === 0 && isSteady(service, live, desired);
  if (steadyNow) completePrimary(service, now, say, bus);
  if (steadyNow && !service.steady && service.status === 'ACTIVE') {
    say(serviceMessages.steadyState(service.serviceName));
    bus.push({
      detailType: 'ECS Service Action',
      eventType: 'INFO',
      eventName: 'SERVICE_STEADY_STATE',
    });
  }
  service.steady = steadyNow;
  if (service.status === 'DRAINING' && service.tasks.length === 0 && stops.length === 0) {
    service.status = 'INACTIVE';
    service.desiredCount = 0;
    service.tags = [];
    delete service.owner;
  }
  service.events = withEvents(service.events, events);
  service.deployments = ordered(service.deployments);
  return {
    service,
    stops,
    starts,
    replacingUnhealthy: Math.min(starts, overGrace.length),
    bus,
    ...(wakeAt !== undefined ? { wakeAt } : {}),
  };
}

/** A task that stopped on its own before its deployment completed: the breaker counts it. */
function ranIntoFailure(task: TaskView): boolean {
  return task.stopCode === 'TaskFailedToStart' || task.stopCode === 'EssentialContainerExited';
}

/** ECS's throttle counts tasks that stopped without reaching RUNNING (no `startedAt`). */
function failedToStart(task: TaskView): boolean {
  return (
    task.startedAt === undefined &&
    task.stopCode !== 'UserInitiated' &&
    task.stopCode !== 'ServiceSchedulerInitiated' &&
    task.stopCode !== 'TerminationNotice'
  );
}

/** `count` tasks to stop: pending ones first, then the most recently started. */
function pickToStop(tasks: TaskView[], count: number): TaskView[] {
  if (count <= 0) return [];
  const rank = (t: TaskView) => (t.phase === 'pending' ? Infinity : (t.startedAt ?? 0));
  return [...tasks].sort((a, b) => rank(b) - rank(a)).slice(0, count);
}

function tripCircuitBreaker(
  service: ServiceRecord,
  now: number,
  say: (message: string) => void,
  bus: BusEvent[],
  newDeploymentId: (() => string) | undefined,
): void {
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (!breaker?.enable || !primary || primary.rolloutState !== 'IN_PROGRESS') return;
  if (primary.failedTasks < circuitBreakerThreshold(primary.desiredCount)) return;
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = rolloutReasons.failed;
  primary.updatedAt = now;
  say(serviceMessages.deploymentFailed(service.serviceName, primary.id));
  bus.push({
    detailType: 'ECS Deployment State Change',
    eventType: 'ERROR',
    eventName: 'SERVICE_DEPLOYMENT_FAILED',
    deploymentId: primary.id,
    reason: rolloutReasons.failedEvent,
  });
  const target = service.lastCompleted;
  if (!breaker.rollback || !target || target.deploymentId === primary.id) {
    primary.lifecycle = breaker.rollback ? 'ROLLBACK_FAILED' : 'STOPPED';
    primary.statusReason = rolloutReasons.failed;
    primary.finishedAt = now;
    return;
  }
  const rollback = newDeployment({
    revision: target.revision,
    desiredCount: service.desiredCount,
    deploymentConfiguration: service.deploymentConfiguration,
    nowMs: now,
    sourceDeploymentIds: [primary.id],
    ...(newDeploymentId ? { id: newDeploymentId() } : {}),
  });
  rollback.rollbackOf = primary.id;
  rollback.revisionFrom = target.revisionId;
  rollback.rolloutStateReason = rolloutReasons.rollingBack(target.deploymentId);
  primary.status = 'ACTIVE';
  primary.lifecycle = 'ROLLBACK_IN_PROGRESS';
  primary.statusReason = rolloutReasons.failed;
  primary.rollback = {
    reason: 'Circuit breaker',
    startedAt: now,
    toDeploymentId: rollback.id,
  };
  service.revision = structuredClone(target.revision);
  service.deployments = ordered([rollback, ...service.deployments]);
  say(serviceMessages.rollingBack(service.serviceName, target.deploymentId));
  bus.push({
    detailType: 'ECS Deployment State Change',
    eventType: 'INFO',
    eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS',
    deploymentId: rollback.id,
    reason: rolloutReasons.rollingBack(target.deploymentId),
  });
}

/** ACTIVE deployments whose tasks are all gone become INACTIVE. */
function retireDrained(service: ServiceRecord, now: number): void {
  const tracked = new Set(service.tasks.map((t) => t.deploymentId));
  for (const deployment of service.deployments) {
    if (deployment.status !== 'ACTIVE' || tracked.has(deployment.id)) continue;
    deployment.status = 'INACTIVE';
    deployment.updatedAt = now;
    deployment.finishedAt ??= now;
  }
}

/** The primary deployment of a service that just turned steady has completed. */
function completePrimary(
  service: ServiceRecord,
  now: number,
  say: (message: string) => void,
  bus: BusEvent[],
): void {
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary || primary.rolloutState !== 'IN_PROGRESS' || service.status !== 'ACTIVE') return;
  primary.rolloutState = 'COMPLETED';
  primary.rolloutStateReason = rolloutReasons.completed(primary.id);
  primary.updatedAt = now;
  primary.lifecycle = 'SUCCESSFUL';
  primary.finishedAt = now;
  service.lastCompleted = {
    deploymentId: primary.id,
    revisionId: revisionIdOf(primary),
    revision: revisionOf(primary),
  };
  const rolledBack =
    primary.rollbackOf && service.deployments.find((d) => d.id === primary.rollbackOf);
  if (rolledBack) {
    rolledBack.lifecycle = 'ROLLBACK_SUCCESSFUL';
    rolledBack.finishedAt = now;
  }
  say(serviceMessages.deploymentCompleted(service.serviceName, primary.id));
  bus.push({
    detailType: 'ECS Deployment State Change',
    eventType: 'INFO',
    eventName: 'SERVICE_DEPLOYMENT_COMPLETED',
    deploymentId: primary.id,
    reason: rolloutReasons.completed(primary.id),
  });
}

/** One deployment, its desired count of tasks RUNNING and healthy, nothing else live. */
function isSteady(service: ServiceRecord, live: TaskView[], desired: number): boolean {
  const current = service.deployments.filter((d) => d.status !== 'INACTIVE');
  const primary = current[0];
  if (current.length !== 1 || primary?.status !== 'PRIMARY') return false;
  if (primary.rolloutState === 'FAILED') return false;
  return (
    live.length === desired && live.every((t) => t.deploymentId === primary.id && isHealthy(t))
  );
}

function revisionOf(deployment: DeploymentRecord) {
  const {
    taskDefinition,
    launchType,
    capacityProviderStrategy,
    requestedPlatformVersion,
    platformVersion,
    platformFamily,
    networkConfiguration,
    loadBalancers,
    serviceRegistries,
    serviceConnectConfiguration,
    volumeConfigurations,
    vpcLatticeConfigurations,
  } = deployment;
  return structuredClone({
    taskDefinition,
    ...(launchType !== undefined ? { launchType } : {}),
    ...(capacityProviderStrategy !== undefined ? { capacityProviderStrategy } : {}),
    requestedPlatformVersion,
    platformVersion,
    platformFamily,
    ...(networkConfiguration !== undefined ? { networkConfiguration } : {}),
    loadBalancers,
    serviceRegistries,
    ...(serviceConnectConfiguration !== undefined ? { serviceConnectConfiguration } : {}),
    ...(volumeConfigurations !== undefined ? { volumeConfigurations } : {}),
    ...(vpcLatticeConfigurations !== undefined ? { vpcLatticeConfigurations } : {}),
  });
}
