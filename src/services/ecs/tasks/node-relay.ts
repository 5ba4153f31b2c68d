/**
 * Tasks across the nodes of a cluster. A task runs on the node that started it; any node
 * answers StopTask by writing the task's desired status, and tells the node running it
 * (a `stop-task` message) to stop its containers. When the live set changes, the tasks of
 * runners now gone are marked STOPPED as ECS marks the tasks of a host it lost.
 */
import { stopLeftBehindTasks } from './recovery.js';
import type { TaskDeps } from './deps.js';
import type { TaskSupervisor } from './supervisor.js';
import type { StopRequest } from './task-run.js';
import { TASKS, type TaskRecord } from '../records.js';

interface StopMessage extends StopRequest {
  runnerId: string;
  taskArn: string;
}

export function relayTasksAcrossNodes(deps: TaskDeps, supervisor: TaskSupervisor): () => void {
  const { membership, logger } = deps;
  if (membership.kind === 'solo') return () => {};
  const stopAsked = async () => {
    // Stop requests sent while the channel was down are lost: the records still say.
    for (const { value } of await deps.store.collection<TaskRecord>(TASKS).listAllScopes()) {
      if (value.runnerId !== membership.runnerId || value.desiredStatus !== 'STOPPED') continue;
      if (value.lastStatus === 'STOPPED') continue;
      supervisor.requestStop(value.taskArn, {
        stopCode: value.stopCode ?? 'UserInitiated',
        reason: value.stoppedReason ?? 'Task stopped by user',
      });
    }
  };
  const unsubscribers = [
    membership.subscribe('stop-task', (message) => {
      const stop = message as unknown as StopMessage;
      if (stop.runnerId !== membership.runnerId) return;
      supervisor.requestStop(stop.taskArn, { stopCode: stop.stopCode, reason: stop.reason });
    }),
    membership.onReconnect(() => {
      stopAsked().catch((error: unknown) =>
        logger.error('checking for stop requests failed', { error }),
      );
    }),
    membership.onViewChange(async () => {
      const stopped = await stopLeftBehindTasks({ ...deps, gone: (ids) => membership.gone(ids) });
      if (stopped.length === 0) return;
      logger.warn('stopped the tasks of nodes that are gone', { tasks: stopped.length });
      for (const { scope, record } of stopped) {
        deps.changes.publish(record, scope, record.stoppedAt ?? deps.clock.nowMs());
      }
    }),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

/** Asks the node running `task` to stop it, when that is not this node. */
export async function relayStop(
  deps: TaskDeps,
  task: TaskRecord,
  request: StopRequest,
): Promise<void> {
  if (deps.membership.kind === 'solo' || task.runnerId === deps.membership.runnerId) return;
  const message: StopMessage = {
    runnerId: task.runnerId ?? '',
    taskArn: task.taskArn,
    ...request,
  };
  await deps.membership.publish('stop-task', { ...message });
}
