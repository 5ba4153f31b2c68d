/**
 * What DescribeClusters counts from the cluster's tasks (`ecs.tasks`, ids
 * `CLUSTER_NAME/TASK_ID`): RUNNING tasks are running; PROVISIONING, PENDING and
 * ACTIVATING ones are pending, as AWS counts them. STATISTICS splits both by launch type
 * and adds service counts, which are zero: teiki has no services.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { KeyValuePair } from '../generated/types.js';
import { TASKS, type TaskRecord, type TaskStatus } from '../records.js';

type Launch = 'EC2' | 'Fargate' | 'External' | 'ManagedInstances';

export interface ClusterTaskCounts {
  running: Record<Launch, number>;
  pending: Record<Launch, number>;
}

const PENDING: ReadonlySet<TaskStatus> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

function zero(): Record<Launch, number> {
  return { EC2: 0, Fargate: 0, External: 0, ManagedInstances: 0 };
}

function launchOf(task: TaskRecord): Launch {
  if (task.launchType === 'EC2') return 'EC2';
  if (task.launchType === 'EXTERNAL') return 'External';
  return 'Fargate';
}

/** The tasks of one cluster, of every status. */
export async function clusterTasks(
  session: StoreSession,
  scope: Scope,
  clusterName: string,
): Promise<TaskRecord[]> {
  const rows = await session
    .collection<TaskRecord>(TASKS)
    .list(scope, { prefix: `${clusterName}/` });
  return rows.map((row) => row.value);
}

export async function countClusterTasks(
  session: StoreSession,
  scope: Scope,
  clusterName: string,
): Promise<ClusterTaskCounts> {
  const counts: ClusterTaskCounts = { running: zero(), pending: zero() };
  for (const task of await clusterTasks(session, scope, clusterName)) {
    if (task.lastStatus === 'RUNNING') counts.running[launchOf(task)] += 1;
    else if (PENDING.has(task.lastStatus)) counts.pending[launchOf(task)] += 1;
  }
  return counts;
}

export function total(byLaunch: Record<Launch, number>): number {
  return byLaunch.EC2 + byLaunch.Fargate + byLaunch.External + byLaunch.ManagedInstances;
}

/** The `statistics` of DescribeClusters with STATISTICS, in AWS's order. */
export function statisticsOf(counts: ClusterTaskCounts): KeyValuePair[] {
  const entries: Array<[string, number]> = [
    ['runningEC2TasksCount', counts.running.EC2],
    ['runningFargateTasksCount', counts.running.Fargate],
    ['pendingEC2TasksCount', counts.pending.EC2],
    ['pendingFargateTasksCount', counts.pending.Fargate],
    ['runningExternalTasksCount', counts.running.External],
    ['pendingExternalTasksCount', counts.pending.External],
    ['runningManagedInstancesTasksCount', counts.running.ManagedInstances],
    ['pendingManagedInstancesTasksCount', counts.pending.ManagedInstances],
    ['activeEC2ServiceCount', 0],
    ['activeFargateServiceCount', 0],
    ['drainingEC2ServiceCount', 0],
    ['drainingFargateServiceCount', 0],
    ['activeExternalServiceCount', 0],
    ['drainingExternalServiceCount', 0],
    ['activeManagedInstancesServiceCount', 0],
    ['drainingManagedInstancesServiceCount', 0],
  ];
  return entries.map(([name, value]) => ({ name, value: String(value) }));
}
