/** DescribeTasks: up to 100 tasks of one cluster; unknown ones are `failures` (MISSING). */
import { scopeOf, type RequestContext } from '../../context.js';
import { InvalidParameterException } from '../generated/errors.js';
import type {
  DescribeTasksRequest,
  DescribeTasksResponse,
  Failure,
  Task,
} from '../generated/types.js';
import type { EcsDeps } from '../deps.js';
import { existingCluster, findTask, visibleToApi } from './lookup.js';
import { toTask } from './output.js';

export async function describeTasks(
  deps: EcsDeps,
  input: DescribeTasksRequest,
  ctx: RequestContext,
): Promise<DescribeTasksResponse> {
  const scope = scopeOf(ctx);
  if (input.tasks.length === 0) throw new InvalidParameterException('Tasks cannot be empty.');
  if (input.tasks.length > 100) {
    throw new InvalidParameterException('Tasks cannot have more than 100 elements');
  }
  const cluster = await existingCluster(deps.store, scope, input.cluster);
  const includeTags = input.include?.includes('TAGS') ?? false;
  const now = deps.clock.nowMs();
  const tasks: Task[] = [];
  const failures: Failure[] = [];
  for (const reference of input.tasks) {
    const found = await findTask(deps.store, scope, cluster.clusterName, reference);
    if (found && visibleToApi(found.task, now)) {
      tasks.push(toTask(found.task, { includeTags }));
    } else {
      failures.push({ arn: reference, reason: 'MISSING' });
    }
  }
  return { tasks, failures };
}
