/**
 * Starting a service's tasks through the tasks area's public interface, as RunTask does:
 * RunTask's plan (checks, network, tags), a new task record, and the supervisor that runs
 * it. A service's task is started by its deployment (`startedBy` the deployment id) in
 * the group `service:NAME`, with the service's tags when they propagate and ECS's
 * managed tags when asked for. Before any is started, ECS must be able to assume the task
 * definition's roles (launch-roles.ts), as it must for a task a rule starts.
 */
import { ServiceError } from '../../../error.js';
import type { Tag } from '../../generated/types.js';
import { newTask } from '../../tasks/new-task.js';
import { planRun } from '../../tasks/run-plan.js';
import type { ServiceDeps, ServiceKey } from '../deps.js';
import type { DeploymentRecord, ServiceRecord, TrackedTask } from '../records.js';
import { nextProvider } from './capacity.js';
import { unassumableRole } from './launch-roles.js';

export interface LaunchOutcome {
  launched: TrackedTask[];
  /** Why the next task could not be placed (ECS's reason), when one could not. */
  failure?: string;
  /**
   * `placement`: no room for it (SERVICE_TASK_PLACEMENT_FAILURE); `configuration`: its
   * task definition cannot start as it is (SERVICE_TASK_CONFIGURATION_FAILURE).
   */
  failureKind?: 'placement' | 'configuration';
}

export async function launchServiceTasks(
  deps: ServiceDeps,
  key: ServiceKey,
  service: ServiceRecord,
  deployment: DeploymentRecord,
  count: number,
  /** Tasks per capacity provider the service already has. */
  placed: Record<string, number>,
): Promise<LaunchOutcome> {
  const launched: TrackedTask[] = [];
  if (count > 0) {
    const refused = await unassumableRole(deps, key.scope, deployment.taskDefinition);
    if (refused !== undefined) {
      return { launched, failure: refused, failureKind: 'configuration' };
    }
  }
  for (let i = 0; i < count; i++) {
    const provider = deployment.capacityProviderStrategy
      ? nextProvider(deployment.capacityProviderStrategy, placed)
      : undefined;
    let plan;
    try {
      plan = await planRun(
        deps,
        {
          cluster: key.clusterName,
          taskDefinition: deployment.taskDefinition,
          ...(deployment.launchType !== undefined ? { launchType: deployment.launchType } : {}),
          ...(provider !== undefined
            ? { capacityProviderStrategy: [{ capacityProvider: provider, weight: 1 }] }
            : {}),
          platformVersion: deployment.requestedPlatformVersion,
          ...(deployment.networkConfiguration
            ? { networkConfiguration: deployment.networkConfiguration }
            : {}),
          startedBy: deployment.id,
          group: `service:${service.serviceName}`,
          ...(service.propagateTags === 'TASK_DEFINITION'
            ? { propagateTags: 'TASK_DEFINITION' as const }
            : {}),
          ...(service.propagateTags === 'SERVICE' && service.tags.length > 0
            ? { tags: service.tags }
            : {}),
        },
        key.scope,
      );
    } catch (error) {
      if (error instanceof ServiceError) {
        return { launched, failure: error.message, failureKind: 'placement' };
      }
      throw error;
    }
    plan.tags = withManagedTags(plan.tags, service);
    const { taskId, record } = newTask(plan, deps.clock.nowMs(), deps.runnerId);
    const taskKey = { scope: key.scope, clusterName: key.clusterName, taskId };
    await deps.supervisor.records.create(taskKey, record);
    deps.supervisor.launch(taskKey, record, plan.definition, plan.securityGroupIds);
    launched.push({ taskId, deploymentId: deployment.id });
    if (provider !== undefined) placed[provider] = (placed[provider] ?? 0) + 1;
  }
  return { launched };
}

/** ECS's own tags on a service's task, with `enableECSManagedTags`. */
function withManagedTags(tags: Tag[], service: ServiceRecord): Tag[] {
  if (!service.enableECSManagedTags) return tags;
  const merged = new Map(tags.map((t) => [t.key ?? '', t.value ?? '']));
  merged.set('aws:ecs:serviceName', service.serviceName);
  merged.set('aws:ecs:clusterName', service.clusterName);
  return [...merged].map(([key, value]) => ({ key, value }));
}
