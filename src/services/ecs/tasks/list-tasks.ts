/**
 * ListTasks: a cluster's task ARNs, filtered as ECS filters them. Without desiredStatus
 * ECS lists tasks whose desired status is RUNNING; STOPPED ones only when asked, for an
 * hour after they stopped.
 */
import { scopeOf, type RequestContext } from '../../context.js';
import { decodePageToken, encodePageToken } from '../../paging.js';
import type { EcsDeps } from '../deps.js';
import { InvalidParameterException } from '../generated/errors.js';
import type { ListTasksRequest, ListTasksResponse } from '../generated/types.js';
import { TASKS, type TaskRecord } from '../records.js';
import { existingCluster, visibleToApi } from './lookup.js';

const MAX_PAGE = 100;

export async function listTasks(
  deps: EcsDeps,
  input: ListTasksRequest,
  ctx: RequestContext,
): Promise<ListTasksResponse> {
  const scope = scopeOf(ctx);
  const pageSize = input.maxResults ?? MAX_PAGE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
    throw new InvalidParameterException('maxResults must be between 1 and 100.');
  }
  const after = input.nextToken === undefined ? undefined : decodePageToken(input.nextToken);
  if (input.nextToken !== undefined && after === undefined) {
    throw new InvalidParameterException('Invalid nextToken.');
  }
  if (input.family !== undefined && input.serviceName !== undefined) {
    throw new InvalidParameterException(
      'The parameters family and serviceName cannot be specified together.',
    );
  }
  const cluster = await existingCluster(deps.store, scope, input.cluster);
  // teiki has no container instances: that filter matches nothing.
  if (input.containerInstance !== undefined) return { taskArns: [] };
  const group =
    input.serviceName === undefined ? undefined : `service:${serviceName(input.serviceName)}`;
  const desired = input.desiredStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING';
  const now = deps.clock.nowMs();
  const matches = (task: TaskRecord) =>
    task.desiredStatus === desired &&
    visibleToApi(task, now) &&
    (input.family === undefined || familyOf(task.taskDefinitionArn) === input.family) &&
    (group === undefined || task.group === group) &&
    (input.startedBy === undefined || task.startedBy === input.startedBy) &&
    (input.launchType === undefined || task.launchType === input.launchType);

  const tasks = deps.store.collection<TaskRecord>(TASKS);
  const prefix = `${cluster.clusterName}/`;
  const taskArns: string[] = [];
  let cursor = after;
  let lastId: string | undefined;
  // Filters leave gaps, so read in chunks until the page is full or the cluster ends.
  for (;;) {
    const rows = await tasks.list(scope, {
      prefix,
      ...(cursor !== undefined ? { after: cursor } : {}),
      limit: 500,
    });
    for (const row of rows) {
      if (!matches(row.value)) continue;
      if (taskArns.length === pageSize) {
        return { taskArns, nextToken: encodePageToken(lastId ?? row.id) };
      }
      taskArns.push(row.value.taskArn);
      lastId = row.id;
    }
    if (rows.length < 500) return { taskArns };
    cursor = rows[rows.length - 1]?.id;
  }
}

/** A service's name from its name or ARN (`…:service/CLUSTER/NAME` or `…:service/NAME`). */
function serviceName(reference: string): string {
  return reference.startsWith('arn:') ? reference.slice(reference.lastIndexOf('/') + 1) : reference;
}

function familyOf(taskDefinitionArn: string): string | undefined {
  return /:task-definition\/([^:]+):\d+$/.exec(taskDefinitionArn)?.[1];
}
