/** StopTask: the task's desired status becomes STOPPED; its containers get SIGTERM. */
import { scopeOf, type RequestContext } from '../../context.js';
import { InvalidParameterException } from '../generated/errors.js';
import type { StopTaskRequest, StopTaskResponse } from '../generated/types.js';
import { existingCluster, findTask, visibleToApi } from './lookup.js';
import { toTask } from './output.js';
import type { TaskDeps } from './deps.js';
import { relayStop } from './node-relay.js';
import type { TaskSupervisor } from './supervisor.js';

/** What ECS writes when StopTask is called without a reason. */
export const DEFAULT_STOP_REASON = 'Task stopped by user';

export async function stopTask(
  deps: TaskDeps,
  supervisor: TaskSupervisor,
  input: StopTaskRequest,
  ctx: RequestContext,
): Promise<StopTaskResponse> {
  const scope = scopeOf(ctx);
  if (input.reason !== undefined && input.reason.length > 255) {
    throw new InvalidParameterException('Reason cannot exceed 255 characters.');
  }
  const cluster = await existingCluster(deps.store, scope, input.cluster);
  const found = await findTask(deps.store, scope, cluster.clusterName, input.task);
  if (!found || !visibleToApi(found.task, deps.clock.nowMs())) {
    throw new InvalidParameterException('The referenced task was not found.');
  }
  const key = { scope, clusterName: cluster.clusterName, taskId: found.taskId };
  if (found.task.desiredStatus === 'STOPPED')
    return { task: toTask(found.task, { includeTags: false }) };
  const reason = input.reason ?? DEFAULT_STOP_REASON;
  const now = deps.clock.nowMs();
  // The answer shows the task as ECS does right after the call: desired STOPPED, still
  // at its last status; the run then stops the containers in the background.
  const updated = await supervisor.records.update(key, (task) => {
    task.desiredStatus = 'STOPPED';
    task.stopCode ??= 'UserInitiated';
    task.stoppedReason ??= reason;
    task.stoppingAt ??= now;
  });
  const request = { stopCode: 'UserInitiated' as const, reason };
  // Run here, stopped here; run by another node, that node is told to stop it.
  if (!supervisor.requestStop(found.task.taskArn, request)) {
    await relayStop(deps, updated ?? found.task, request);
  }
  return { task: toTask(updated ?? found.task, { includeTags: false }) };
}
