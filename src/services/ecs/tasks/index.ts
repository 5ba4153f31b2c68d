/**
 * ECS tasks as one unit for the composition root: the operations, the supervisor that
 * runs tasks, their state-change events, and what to do at start (recovery) and stop.
 */
import type { OperationTable } from '../../operation.js';
import type { EcsOperations } from '../generated/types.js';
import type { TaskDeps } from './deps.js';
import { tasksOperations } from './operations.js';
import { relayTasksAcrossNodes } from './node-relay.js';
import { stopLeftBehindTasks } from './recovery.js';
import { TaskSupervisor } from './supervisor.js';
import { TaskRecords } from './task-records.js';

export { TaskStateChanges, type TaskStateChangeEvent } from './state-change.js';
export type { TaskDeps } from './deps.js';

export interface EcsTasks {
  operations: OperationTable<EcsOperations>;
  supervisor: TaskSupervisor;
  /**
   * Removes what earlier teiki processes left running and marks their tasks STOPPED.
   * `announce` publishes those tasks' "ECS Task State Change" events; call it once the
   * event bus listens (after scheduling has started).
   */
  recover(): Promise<{ tasks: number; containers: number; announce(): void }>;
  /** Stops every running task (teiki is shutting down or resetting). */
  stopAll(reason: string): Promise<void>;
  /** Stops listening to the other nodes of the cluster. */
  close(): void;
}

export function createEcsTasks(deps: TaskDeps): EcsTasks {
  const supervisor = new TaskSupervisor(
    deps,
    new TaskRecords(deps.store, deps.clock, deps.changes),
  );
  const stopRelaying = relayTasksAcrossNodes(deps, supervisor);
  return {
    operations: tasksOperations(deps, supervisor),
    supervisor,
    async recover() {
      const containers = await deps.runtime.cleanupOrphans();
      const stopped = await stopLeftBehindTasks({
        ...deps,
        gone: (ids) => deps.membership.gone(ids),
      });
      return {
        tasks: stopped.length,
        containers,
        announce: () => {
          for (const { scope, record } of stopped)
            deps.changes.publish(record, scope, record.stoppedAt ?? deps.clock.nowMs());
        },
      };
    },
    stopAll: (reason) => supervisor.stopAll({ stopCode: 'TerminationNotice', reason }),
    close: stopRelaying,
  };
}
