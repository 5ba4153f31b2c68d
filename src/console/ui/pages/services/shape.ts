/**
 * The fields of DescribeServices' service (and its deployments and events) that the
 * services page reads, every one optional as in the AWS model.
 */
import type { AwsObject } from '../../../shared/api-types.js';

export interface DeploymentShape {
  id?: string;
  status?: string;
  taskDefinition?: string;
  desiredCount?: number;
  runningCount?: number;
  pendingCount?: number;
  failedTasks?: number;
  rolloutState?: string;
  rolloutStateReason?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface ServiceShape {
  serviceArn?: string;
  serviceName?: string;
  status?: string;
  desiredCount?: number;
  runningCount?: number;
  pendingCount?: number;
  taskDefinition?: string;
  launchType?: string;
  capacityProviderStrategy?: { capacityProvider?: string; weight?: number; base?: number }[];
  deployments?: DeploymentShape[];
  events?: { id?: string; createdAt?: string; message?: string }[];
  deploymentConfiguration?: {
    minimumHealthyPercent?: number;
    maximumPercent?: number;
    deploymentCircuitBreaker?: { enable?: boolean; rollback?: boolean };
  };
  createdAt?: string;
}

export function serviceOf(object: AwsObject): ServiceShape {
  return object;
}

/** How a deployment's rollout reads: done, failed, or under way with its tasks so far. */
export function progressOf(d: DeploymentShape): string {
  const desired = d.desiredCount ?? 0;
  return `${d.runningCount ?? 0}/${desired} running, ${d.pendingCount ?? 0} pending`;
}
