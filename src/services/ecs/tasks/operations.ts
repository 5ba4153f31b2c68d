import type { OperationTable } from '../../operation.js';
import type { EcsOperations } from '../generated/types.js';
import type { TaskDeps } from './deps.js';
import { describeTasks } from './describe-tasks.js';
import { listTasks } from './list-tasks.js';
import { runTask } from './run-task.js';
import { stopTask } from './stop-task.js';
import type { TaskSupervisor } from './supervisor.js';

export function tasksOperations(
  deps: TaskDeps,
  supervisor: TaskSupervisor,
): OperationTable<EcsOperations> {
  return {
    RunTask: (input, ctx) => runTask(deps, supervisor, input, ctx),
    StopTask: (input, ctx) => stopTask(deps, supervisor, input, ctx),
    DescribeTasks: (input, ctx) => describeTasks(deps, input, ctx),
    ListTasks: (input, ctx) => listTasks(deps, input, ctx),
  };
}
