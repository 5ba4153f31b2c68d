/**
 * RunTask: checks (the plan, then whether ECS can assume the task role), then records
 * PROVISIONING tasks and hands them to the supervisor. A refused call creates nothing.
 */
import { scopeOf, type RequestContext } from '../../context.js';
import type { RunTaskRequest, RunTaskResponse } from '../generated/types.js';
import type { TaskDeps } from './deps.js';
import { newTask } from './new-task.js';
import { toTask } from './output.js';
import { planRun } from './run-plan.js';
import type { TaskSupervisor } from './supervisor.js';
import { checkTaskRole } from './task-role.js';

export async function runTask(
  deps: TaskDeps,
  supervisor: TaskSupervisor,
  input: RunTaskRequest,
  ctx: RequestContext,
): Promise<RunTaskResponse> {
  const scope = scopeOf(ctx);
  const plan = await planRun(deps, input, scope);
  await checkTaskRole(deps.store, plan.overrides.taskRoleArn ?? plan.definition.taskRoleArn);
  const tasks = [];
  for (let i = 0; i < plan.count; i++) {
    const { taskId, record } = newTask(plan, deps.clock.nowMs(), deps.runnerId);
    const key = { scope, clusterName: plan.cluster.clusterName, taskId };
    await supervisor.records.create(key, record);
    tasks.push(toTask(record, { includeTags: true }));
    supervisor.launch(key, record, plan.definition, plan.securityGroupIds);
  }
  return { tasks, failures: [] };
}
