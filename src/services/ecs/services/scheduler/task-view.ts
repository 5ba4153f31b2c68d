/** A service's task as the scheduler's decisions see it. */
import type { TaskRecord } from '../../records.js';

export interface TaskView {
  taskId: string;
  deploymentId: string;
  /** `stopping`: asked to stop, not yet STOPPED. */
  phase: 'pending' | 'running' | 'stopping' | 'stopped';
  /** RUNNING and, when a container has a health check, HEALTHY (or within the grace period). */
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  hasHealthCheck: boolean;
  capacityProviderName?: string;
  startedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  stoppedAt?: number;
}

export function taskView(taskId: string, deploymentId: string, task: TaskRecord): TaskView {
  const phase =
    task.lastStatus === 'STOPPED'
      ? 'stopped'
      : task.desiredStatus === 'STOPPED'
        ? 'stopping'
        : task.lastStatus === 'RUNNING'
          ? 'running'
          : 'pending';
  return {
    taskId,
    deploymentId,
    phase,
    healthStatus: task.healthStatus ?? 'UNKNOWN',
    hasHealthCheck: task.containers.some((c) => c.healthStatus !== undefined),
    ...(task.capacityProviderName !== undefined
      ? { capacityProviderName: task.capacityProviderName }
      : {}),
    ...(task.startedAt !== undefined ? { startedAt: task.startedAt } : {}),
    ...(task.stopCode !== undefined ? { stopCode: task.stopCode } : {}),
    ...(task.stoppedReason !== undefined ? { stoppedReason: task.stoppedReason } : {}),
    ...(task.stoppedAt !== undefined ? { stoppedAt: task.stoppedAt } : {}),
  };
}

/** A task that counts toward the minimum healthy: RUNNING, and HEALTHY if it is checked. */
export function isHealthy(task: TaskView): boolean {
  return task.phase === 'running' && (!task.hasHealthCheck || task.healthStatus === 'HEALTHY');
}

/** A tracked task whose record is gone (the store was reset): stopped, for no reason of its own. */
export function vanishedTask(taskId: string, deploymentId: string): TaskView {
  return {
    taskId,
    deploymentId,
    phase: 'stopped',
    healthStatus: 'UNKNOWN',
    hasHealthCheck: false,
    stopCode: 'TerminationNotice',
  };
}
