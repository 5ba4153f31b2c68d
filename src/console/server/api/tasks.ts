/**
 * The console's tasks page API. ECS hides a STOPPED task from its API an hour after it
 * stops, but teiki keeps every run in its store, and the console shows them all: tasks
 * are read through the ECS tasks' read model and shaped by DescribeTasks' own output
 * function (`toTask`), so a task reads here exactly as DescribeTasks gives it.
 *
 * Task ids are random, so the store cannot order a cluster's tasks by age: a page sorts
 * the cluster's records (newest first) and turns only the page's rows into tasks. The
 * next page is found by keyset (`before`: the last row's createdAt and id), so paging
 * stays right while new tasks arrive.
 */
import { AdminError, json } from '../../../gateway/admin/routes.js';
import { AwslogsSetupError } from '../../../services/ecs/awslogs/types.js';
import { readConfig } from '../../../services/ecs/awslogs/options.js';
import type { DescribeTaskDefinitionResponse } from '../../../services/ecs/generated/types.js';
import type { TaskRecord } from '../../../services/ecs/records.js';
import { toTask } from '../../../services/ecs/tasks/output.js';
import { taskDocument } from '../../../services/ecs/task-inside/metadata.js';
import { isServiceError } from '../../../services/error.js';
import type {
  ApiError,
  AwsObject,
  TaskClusterView,
  TaskDetail,
  TasksResponse,
} from '../../shared/api-types.js';
import {
  callAws,
  consoleRoute,
  pagesOf,
  limitParam,
  requireParam,
  type ConsoleDeps,
  type ConsoleRequest,
  type ConsoleRoutes,
  type ConsoleScope,
} from './context.js';

export function taskRoutes(deps: ConsoleDeps): ConsoleRoutes {
  return {
    '/_teiki/api/tasks': { GET: consoleRoute(deps, (req) => tasksPage(deps, req)) },
    '/_teiki/api/task': { GET: consoleRoute(deps, (req) => taskDetail(deps, req)) },
  };
}

const STATUSES = ['RUNNING', 'STOPPED'] as const;
const CURSOR = /^(\d+)_([a-f0-9]{32})$/;

async function tasksPage(deps: ConsoleDeps, req: ConsoleRequest) {
  const status = req.query.get('status') || undefined;
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    throw new AdminError(400, '"status" must be RUNNING or STOPPED.');
  }
  const limit = limitParam(req, 100, 1000);
  const before = parseCursor(req.query.get('before'));
  const clusters = await listClusters(deps, req.scope);
  const asked = req.query.get('cluster');
  // ListClusters lists INACTIVE clusters too: their runs are kept like any other.
  const clusterName = asked
    ? clusters.find((c) => (asked.startsWith('arn:') ? c.arn : c.name) === asked)?.name
    : (clusters.find((c) => c.name === 'default') ?? clusters[0])?.name;
  if (asked && clusterName === undefined) return notFound(`There is no cluster "${asked}".`);
  if (clusterName === undefined) {
    return json(200, {
      clusters,
      counts: { running: 0, stopped: 0 },
      total: 0,
      tasks: [],
    } satisfies TasksResponse);
  }
  const records = await deps.queries.tasks.inCluster(req.scope, clusterName);
  const stopped = records.filter((t) => t.lastStatus === 'STOPPED').length;
  const matching = records
    .filter((t) => status === undefined || (t.lastStatus === 'STOPPED') === (status === 'STOPPED'))
    .sort(newestFirst);
  const start = before === undefined ? 0 : matching.findIndex((t) => isOlder(t, before));
  const page = start < 0 ? [] : matching.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start >= 0 && start + limit < matching.length;
  return json(200, {
    clusters,
    cluster: clusterName,
    counts: { running: records.length - stopped, stopped },
    total: matching.length,
    tasks: page.map((t) => toTask(t, { includeTags: false }) as unknown as AwsObject),
    ...(more && last ? { nextCursor: cursorOf(last) } : {}),
  } satisfies TasksResponse);
}

/**
 * The region's clusters by name, from ListClusters (deleted ones too: their stopped tasks
 * are still shown). Not DescribeClusters: its task
 * counts read every task of every cluster, and the page counts its own cluster's tasks.
 */
export async function listClusters(
  deps: ConsoleDeps,
  scope: ConsoleScope,
): Promise<TaskClusterView[]> {
  const clusters: TaskClusterView[] = [];
  for await (const page of pagesOf(deps, scope, 'ecs', 'ListClusters', {})) {
    for (const arn of page.clusterArns ?? []) {
      clusters.push({ name: arn.slice(arn.indexOf(':cluster/') + ':cluster/'.length), arn });
    }
  }
  return clusters.sort((a, b) => compare(a.name, b.name));
}

async function taskDetail(deps: ConsoleDeps, req: ConsoleRequest) {
  const reference = requireParam(req, 'id');
  // A task ARN names its cluster; a bare id needs `?cluster=`.
  const clusterName =
    /:task\/([^/]+)\/[a-f0-9]{32}$/.exec(reference)?.[1] ?? requireParam(req, 'cluster');
  const found = await deps.queries.tasks.find(req.scope, clusterName, reference);
  if (!found) return notFound(`There is no task "${reference}" in the cluster "${clusterName}".`);
  const described = await describeDefinition(deps, req.scope, found.task);
  const where = logStreamsOf(req.scope, described, found.taskId);
  return json(200, {
    task: toTask(found.task, { includeTags: true }) as unknown as AwsObject,
    clusterName,
    ...where,
    inside: insideOf(found.task, described),
  } satisfies TaskDetail);
}

/** The task's definition as DescribeTaskDefinition gives it; undefined once deleted. */
async function describeDefinition(
  deps: ConsoleDeps,
  scope: ConsoleScope,
  task: TaskRecord,
): Promise<DescribeTaskDefinitionResponse | undefined> {
  try {
    return await callAws(deps, scope, 'ecs', 'DescribeTaskDefinition', {
      taskDefinition: task.taskDefinitionArn,
    });
  } catch (error) {
    if (!isServiceError(error)) throw error;
    return undefined;
  }
}

/** Roles and secret names from the task's record; its metadata as the endpoint serves it. */
function insideOf(task: TaskRecord, described: DescribeTaskDefinitionResponse | undefined) {
  return {
    ...(task.taskRoleArn !== undefined ? { taskRoleArn: task.taskRoleArn } : {}),
    ...(task.executionRoleArn !== undefined ? { executionRoleArn: task.executionRoleArn } : {}),
    secrets: task.secrets ?? [],
    metadata: taskDocument('v4', {
      task,
      definitions: described?.taskDefinition?.containerDefinitions ?? [],
    }) as unknown as AwsObject,
  };
}

/**
 * Where each container's output went, from its definition's awslogs options, read by the
 * awslogs driver's own `readConfig` (stream `PREFIX/CONTAINER/TASK_ID`). Without a
 * stream prefix the stream is named after a container id teiki does not keep, so there
 * is no link to give.
 */
function logStreamsOf(
  scope: ConsoleScope,
  described: DescribeTaskDefinitionResponse | undefined,
  taskId: string,
): Pick<TaskDetail, 'logStreams' | 'logNote'> {
  if (!described) {
    return { logStreams: [], logNote: 'Its task definition revision has been deleted.' };
  }
  const logStreams: TaskDetail['logStreams'] = [];
  const notes: string[] = [];
  for (const container of described.taskDefinition?.containerDefinitions ?? []) {
    const name = container.name ?? '';
    const config = container.logConfiguration;
    if (config?.logDriver !== 'awslogs') continue;
    const options = config.options ?? {};
    if (!options['awslogs-stream-prefix']) {
      notes.push(`${name}: no awslogs-stream-prefix, so its stream is named by a container id.`);
      continue;
    }
    try {
      const read = readConfig({ accountId: scope.accountId, options, taskId, containerName: name });
      logStreams.push({
        container: name,
        group: read.logGroupName,
        stream: read.logStreamName,
        region: read.region,
      });
    } catch (error) {
      if (!(error instanceof AwslogsSetupError)) throw error;
      notes.push(`${name}: ${error.reason}`);
    }
  }
  if (logStreams.length === 0 && notes.length === 0) notes.push('No container logs to awslogs.');
  return { logStreams, ...(notes.length > 0 ? { logNote: notes.join(' ') } : {}) };
}

function newestFirst(a: TaskRecord, b: TaskRecord): number {
  return b.createdAt - a.createdAt || compare(idOf(b), idOf(a));
}

function isOlder(task: TaskRecord, cursor: { createdAt: number; taskId: string }): boolean {
  return (
    task.createdAt < cursor.createdAt ||
    (task.createdAt === cursor.createdAt && compare(idOf(task), cursor.taskId) < 0)
  );
}

function cursorOf(task: TaskRecord): string {
  return `${task.createdAt}_${idOf(task)}`;
}

function parseCursor(raw: string | null): { createdAt: number; taskId: string } | undefined {
  if (!raw) return undefined;
  const match = CURSOR.exec(raw);
  if (!match?.[1] || !match[2]) {
    throw new AdminError(400, '"before" must be a cursor the tasks list gave (nextCursor).');
  }
  return { createdAt: Number(match[1]), taskId: match[2] };
}

function idOf(task: TaskRecord): string {
  return task.taskArn.slice(task.taskArn.lastIndexOf('/') + 1);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function notFound(message: string) {
  return json(404, { error: 'NotFound', message } satisfies ApiError);
}
