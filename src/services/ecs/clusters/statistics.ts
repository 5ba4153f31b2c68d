/**
 * What DescribeClusters counts from the cluster's tasks (`ecs.tasks`, ids
 * `CLUSTER_NAME/TASK_ID`): RUNNING tasks are running; PROVISIONING, PENDING and
 * ACTIVATING ones are pending, as AWS counts them. Services (`ecs.services`, ids
 * `CLUSTER_NAME/SERVICE_NAME`) are counted ACTIVE or DRAINING. STATISTICS splits all of
 * them by launch type.
 */
import type { Scope, StoreSession } from '../../../store/types.js';
import type { KeyValuePair } from '../generated/types.js';
import { TASKS, type TaskRecord, type TaskStatus } from '../records.js';
import { SERVICES, type ServiceRecord } from '../services/records.js';

type Launch = 'EC2' | 'Fargate' | 'External' | 'ManagedInstances';

export interface ClusterTaskCounts {
  running: Record<Launch, number>;
  pending: Record<Launch, number>;
  activeServices: Record<Launch, number>;
  drainingServices: Record<Launch, number>;
}

const PENDING: ReadonlySet<TaskStatus> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

function zero(): Record<Launch, number> {
  return { EC2: 0, Fargate: 0, External: 0, ManagedInstances: 0 };
}

function launchOf(item: { launchType?: string | undefined }): Launch {
  if (item.launchType === 'EC2') return 'EC2';
  if (item.launchType === 'EXTERNAL') return 'External';
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
  const counts: ClusterTaskCounts = {
    running: zero(),
    pending: zero(),
    activeServices: zero(),
    drainingServices: zero(),
  };
  for (const task of await clusterTasks(session, scope, clusterName)) {
    if (task.lastStatus === 'RUNNING') counts.running[launchOf(task)] += 1;
    else if (PENDING.has(task.lastStatus)) counts.pending[launchOf(task)] += 1;
  }
  const services = await session
    .collection<ServiceRecord>(SERVICES)
    .list(scope, { prefix: `${clusterName}/` });
  for (const { value } of services) {
    if (value.status === 'ACTIVE') counts.activeServices[launchOf(value.revision)] += 1;
    if (value.status === 'DRAINING') counts.drainingServices[launchOf(value.revision)] += 1;
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
    ['activeEC2ServiceCount', counts.activeServices.EC2],
    ['activeFargateServiceCount', counts.activeServices.Fargate],
    ['drainingEC2ServiceCount', counts.drainingServices.EC2],
    ['drainingFargateServiceCount', counts.drainingServices.Fargate],
    ['activeExternalServiceCount', counts.activeServices.External],
    ['drainingExternalServiceCount', counts.drainingServices.External],
    ['activeManagedInstancesServiceCount', counts.activeServices.ManagedInstances],
    ['drainingManagedInstancesServiceCount', counts.drainingServices.ManagedInstances],
  ];
  return entries.map(([name, value]) => ({ name, value: String(value) }));
}
