/** New deployments, as CreateService, UpdateService and a circuit-breaker rollback make them. */
import type { DeploymentConfiguration } from '../generated/types.js';
import { newDeploymentId, newServiceDeploymentId } from './arns.js';
import type { DeploymentRecord, Revision, ServiceRecord } from './records.js';
import { rolloutReasons } from './scheduler/messages.js';

/** How many finished deployments a service keeps for ListServiceDeployments and revisions. */
export const KEPT_FINISHED_DEPLOYMENTS = 20;

export function newDeployment(options: {
  revision: Revision;
  desiredCount: number;
  deploymentConfiguration: DeploymentConfiguration;
  nowMs: number;
  sourceDeploymentIds: string[];
  id?: string;
}): DeploymentRecord {
  const id = options.id ?? newDeploymentId();
  return {
    ...structuredClone(options.revision),
    id,
    serviceDeploymentId: newServiceDeploymentId(),
    status: 'PRIMARY',
    desiredCount: options.desiredCount,
    runningCount: 0,
    pendingCount: 0,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: rolloutReasons.inProgress(id),
    createdAt: options.nowMs,
    updatedAt: options.nowMs,
    lifecycle: 'IN_PROGRESS',
    sourceDeploymentIds: options.sourceDeploymentIds,
    deploymentConfiguration: structuredClone(options.deploymentConfiguration),
  };
}

/**
 * Makes `deployment` the service's primary one. The previous primary keeps its tasks as an
 * ACTIVE deployment until the scheduler has replaced them; one still rolling out is
 * stopped (its service deployment's status says so).
 */
export function promote(service: ServiceRecord, deployment: DeploymentRecord, nowMs: number) {
  for (const current of service.deployments) {
    if (current.status !== 'PRIMARY') continue;
    current.status = 'ACTIVE';
    current.updatedAt = nowMs;
    if (current.lifecycle === 'IN_PROGRESS') {
      current.lifecycle = 'STOPPED';
      current.statusReason = 'A newer deployment started.';
      current.finishedAt = nowMs;
    }
  }
  service.deployments = ordered([deployment, ...service.deployments]);
}

/** PRIMARY, then ACTIVE ones, then the finished ones newest first, those capped. */
export function ordered(deployments: DeploymentRecord[]): DeploymentRecord[] {
  const byNewest = [...deployments].sort((a, b) => b.createdAt - a.createdAt);
  const primary = byNewest.filter((d) => d.status === 'PRIMARY');
  const active = byNewest.filter((d) => d.status === 'ACTIVE');
  const finished = byNewest
    .filter((d) => d.status === 'INACTIVE')
    .slice(0, KEPT_FINISHED_DEPLOYMENTS);
  return [...primary, ...active, ...finished];
}
