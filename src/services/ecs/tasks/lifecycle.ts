/**
 * A task's lifecycle as ECS shows it in `lastStatus`, and the moves a run may make between
 * its statuses: PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING →
 * DEPROVISIONING → STOPPED, where a task that stops before it runs goes from PROVISIONING
 * or PENDING straight to STOPPING. Fargate passes ACTIVATING (load balancers, service
 * discovery) on the way to RUNNING and DEACTIVATING on the way back; a task that never
 * reached ACTIVATING has nothing to deactivate.
 */
import type { TaskStatus } from '../records.js';

const NEXT: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  PROVISIONING: ['PENDING', 'STOPPING'],
  PENDING: ['ACTIVATING', 'STOPPING'],
  // A stop cannot come between ACTIVATING and RUNNING (one step of the run writes both),
  // but a write that fails there ends the start: the run then deactivates what it began.
  ACTIVATING: ['RUNNING', 'DEACTIVATING'],
  RUNNING: ['DEACTIVATING'],
  DEACTIVATING: ['STOPPING'],
  STOPPING: ['DEPROVISIONING'],
  DEPROVISIONING: ['STOPPED'],
  STOPPED: [],
};

export function canAdvance(from: TaskStatus, to: TaskStatus): boolean {
  return NEXT[from].includes(to);
}

/** Whether a task at `status` has begun to run, so that stopping it passes DEACTIVATING. */
export function hasActivated(status: TaskStatus): boolean {
  return status === 'ACTIVATING' || status === 'RUNNING';
}

/** A move the lifecycle does not allow: a defect of the run, never of the user's input. */
export class IllegalTransition extends Error {
  constructor(
    readonly from: TaskStatus,
    readonly to: TaskStatus,
  ) {
    super(`a task cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransition';
  }
}
