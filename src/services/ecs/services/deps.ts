import type { TaskDeps } from '../tasks/deps.js';
import type { TaskSupervisor } from '../tasks/supervisor.js';
import type { ServiceStateChanges } from './scheduler/state-change.js';

/** Which service a scheduler pass is about. */
export interface ServiceKey {
  scope: { accountId: string; region: string };
  clusterName: string;
  serviceName: string;
}

/** What the services' operations and their scheduler use. */
export interface ServiceDeps extends TaskDeps {
  supervisor: TaskSupervisor;
  serviceChanges: ServiceStateChanges;
  /**
   * Whether a task's execution role must exist for ECS to assume it (`--auth enforce`); a
   * task role must exist in every mode, and a role that exists must trust
   * ecs-tasks.amazonaws.com in every mode (scheduler/launch-roles.ts).
   */
  enforceRoles: boolean;
  /** Tells the scheduler a service changed (created, updated, deleted). */
  wake(key: ServiceKey): void;
}
