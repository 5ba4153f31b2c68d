/** Finding tasks by id or ARN within a cluster, and AWS's one-hour view of stopped tasks. */
import type { Scope, Store } from '../../../store/types.js';
import { DEFAULT_CLUSTER, requireActiveCluster } from '../clusters/lookup.js';
import { TASKS, taskRecordId, type ClusterRecord, type TaskRecord } from '../records.js';

/** STOPPED tasks stay visible to the ECS API for an hour, as on AWS (the console keeps all). */
export const STOPPED_TASK_VISIBILITY_MS = 60 * 60 * 1000;

export function visibleToApi(task: TaskRecord, nowMs: number): boolean {
  return (
    task.lastStatus !== 'STOPPED' ||
    task.stoppedAt === undefined ||
    nowMs - task.stoppedAt < STOPPED_TASK_VISIBILITY_MS
  );
}

/** The named (or `default`) cluster; ClusterNotFoundException when it is not ACTIVE. */
export function existingCluster(
  store: Store,
  scope: Scope,
  reference: string | undefined,
): Promise<ClusterRecord> {
  return requireActiveCluster(store, scope, reference ?? DEFAULT_CLUSTER);
}

/**
 * The task id a reference names within `clusterName`: a bare id, or an ARN in the new
 * (`task/CLUSTER/ID`) form of this scope. Undefined when it cannot name a task there.
 */
export function taskIdOf(reference: string, scope: Scope, clusterName: string): string | undefined {
  if (!reference.startsWith('arn:'))
    return /^[a-f0-9]{32}$/.test(reference) ? reference : undefined;
  const match = /^arn:aws[a-z-]*:ecs:([^:]+):(\d{12}):task\/([^/]+)\/([a-f0-9]{32})$/.exec(
    reference,
  );
  if (!match || match[1] !== scope.region || match[2] !== scope.accountId) return undefined;
  return match[3] === clusterName ? match[4] : undefined;
}

export async function findTask(
  store: Store,
  scope: Scope,
  clusterName: string,
  reference: string,
): Promise<{ taskId: string; task: TaskRecord } | undefined> {
  const taskId = taskIdOf(reference, scope, clusterName);
  if (taskId === undefined) return undefined;
  const task = await store
    .collection<TaskRecord>(TASKS)
    .get(scope, taskRecordId(clusterName, taskId));
  return task && { taskId, task };
}
