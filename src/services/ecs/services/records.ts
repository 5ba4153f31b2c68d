/**
 * ECS services as stored: one record per service in `ecs.services`, id
 * `CLUSTER_NAME/SERVICE_NAME` (a cluster's services list by prefix). The record holds
 * what the API set (the configuration, the desired count), its deployments (current and
 * recent, each with the revision it runs), its events, and what the service scheduler
 * keeps (counts, the tasks it tracks, throttling, its owner). Timestamps are
 * epoch milliseconds.
 *
 * API operations change a service in a store transaction, and a scheduler pass reads,
 * decides and writes in one transaction of its own, so neither loses the other's changes.
 */
import type {
  CapacityProviderStrategyItem,
  LaunchType,
  DeploymentConfiguration,
  LoadBalancer,
  NetworkConfiguration,
  PlacementConstraint,
  PlacementStrategy,
  PropagateTags,
  ServiceConnectConfiguration,
  ServiceDeploymentStatus,
  ServiceRegistry,
  ServiceVolumeConfiguration,
  Tag,
  VpcLatticeConfiguration,
} from '../generated/types.js';

export const SERVICES = 'ecs.services';

export function serviceRecordId(clusterName: string, serviceName: string): string {
  return `${clusterName}/${serviceName}`;
}

export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE';
export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** What a deployment runs: the part of a service's configuration a new deployment copies. */
export interface Revision {
  taskDefinition: string;
  launchType?: LaunchType;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  /** As asked for (`LATEST` by default); tasks run the version it resolves to. */
  requestedPlatformVersion: string;
  platformVersion: string;
  platformFamily: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers: LoadBalancer[];
  serviceRegistries: ServiceRegistry[];
  serviceConnectConfiguration?: ServiceConnectConfiguration;
  volumeConfigurations?: ServiceVolumeConfiguration[];
  vpcLatticeConfigurations?: VpcLatticeConfiguration[];
}

export interface DeploymentRecord extends Revision {
  /** `ecs-svc/` and 19 digits; the digits also number the deployment's service revision. */
  id: string;
  /** The id in the deployment's `service-deployment/CLUSTER/SERVICE/ID` ARN. */
  serviceDeploymentId: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** The service deployment's own status (DescribeServiceDeployments). */
  lifecycle: ServiceDeploymentStatus;
  statusReason?: string;
  /** Set on a rollback deployment: the deployment it rolls back. */
  rollbackOf?: string;
  /** Set on a rollback deployment: the completed deployment whose revision it runs again. */
  revisionFrom?: string;
  /** Set on a failed deployment the circuit breaker rolled back. */
  rollback?: { reason: string; startedAt: number; toDeploymentId: string };
  /** Deployments that still had tasks when this one started (its source revisions). */
  sourceDeploymentIds: string[];
  deploymentConfiguration: DeploymentConfiguration;
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

/** A task the scheduler started and has not yet seen STOPPED. */
export interface TrackedTask {
  taskId: string;
  deploymentId: string;
}

export interface ServiceRecord {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  clusterName: string;
  status: ServiceStatus;
  desiredCount: number;
  /** The configuration of the next deployment (the primary one's, unless rolled back). */
  revision: Revision;
  deploymentConfiguration: DeploymentConfiguration;
  placementConstraints: PlacementConstraint[];
  placementStrategy: PlacementStrategy[];
  healthCheckGracePeriodSeconds?: number;
  enableECSManagedTags: boolean;
  enableExecuteCommand: boolean;
  propagateTags: PropagateTags;
  availabilityZoneRebalancing: 'ENABLED' | 'DISABLED';
  roleArn: string;
  createdAt: number;
  createdBy: string;
  clientToken?: string;
  /** A digest of the CreateService request, for its idempotency. */
  requestHash?: string;
  tags: Tag[];
  /** Current deployments (PRIMARY first, then ACTIVE), then finished ones, newest first. */
  deployments: DeploymentRecord[];
  /** Newest first, at most 100. */
  events: ServiceEventRecord[];
  /** Tasks started for the service and not yet seen stopped. */
  tasks: TrackedTask[];
  /** The last deployment that completed: what a circuit breaker rolls back to. */
  lastCompleted?: { deploymentId: string; revisionId: string; revision: Revision };
  /** Consecutive tasks that stopped without reaching RUNNING (ECS's throttle logic). */
  throttle: { failures: number; lastFailureAt?: number; notBefore?: number; announced: boolean };
  /** Whether the service was last seen at a steady state (an event marks each arrival). */
  steady: boolean;
  /** The scheduler that keeps the service, and when it last said so. */
  owner?: { runnerId: string; heartbeatAt: number };
}

/** The current deployments: the primary, then the active ones. */
export function currentDeployments(service: ServiceRecord): DeploymentRecord[] {
  return service.deployments.filter((d) => d.status !== 'INACTIVE');
}

export function primaryDeployment(service: ServiceRecord): DeploymentRecord | undefined {
  return service.deployments.find((d) => d.status === 'PRIMARY');
}

/** The deployment whose id numbers the revision `deployment` runs. */
export function revisionIdOf(deployment: DeploymentRecord): string {
  return deployment.revisionFrom ?? deployment.id;
}
