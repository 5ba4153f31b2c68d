/**
 * ECS state as stored: one record shape per resource, shared by every operation that
 * reads it. Records are plain JSON: timestamps are epoch milliseconds (numbers), turned
 * into Dates only when an operation builds its output.
 *
 * Collections and their ids (ids order records within an account and region):
 * - `ecs.clusters`: the cluster name.
 * - `ecs.task-definition-families`: the family name (its last revision, never reused).
 * - `ecs.task-definitions`: `FAMILY:REVISION` with the revision zero-padded to 8 digits,
 *   so a family lists in revision order.
 * - `ecs.tasks`: `CLUSTER_NAME/TASK_ID`, so a cluster's tasks list by prefix.
 */
import type { Scope } from '../../store/types.js';
import type {
  Attachment,
  CapacityProviderStrategyItem,
  ClusterConfiguration,
  ClusterServiceConnectDefaults,
  ClusterSetting,
  HealthStatus,
  NetworkInterface,
  Tag,
  TaskDefinition,
  TaskOverride,
  TaskStopCode,
} from './generated/types.js';

export const CLUSTERS = 'ecs.clusters';
export const TASK_DEFINITION_FAMILIES = 'ecs.task-definition-families';
export const TASK_DEFINITIONS = 'ecs.task-definitions';
export const TASKS = 'ecs.tasks';

export interface ClusterRecord {
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE' | 'PROVISIONING' | 'DEPROVISIONING' | 'FAILED' | 'INACTIVE';
  settings?: ClusterSetting[];
  configuration?: ClusterConfiguration;
  capacityProviders?: string[];
  defaultCapacityProviderStrategy?: CapacityProviderStrategyItem[];
  serviceConnectDefaults?: ClusterServiceConnectDefaults;
  tags?: Tag[];
}

export interface TaskDefinitionFamilyRecord {
  family: string;
  /** The highest revision ever registered; revisions are never reused. */
  lastRevision: number;
}

/** A task definition: AWS's shape with the timestamps kept apart as epoch ms. */
export interface TaskDefinitionRecord {
  definition: Omit<TaskDefinition, 'registeredAt' | 'deregisteredAt' | 'deleteRequestedAt'>;
  registeredAt: number;
  deregisteredAt?: number;
  deleteRequestedAt?: number;
  tags: Tag[];
}

export function taskDefinitionId(family: string, revision: number): string {
  return `${family}:${String(revision).padStart(8, '0')}`;
}

/** The last statuses a task goes through, in AWS's order. */
export const TASK_STATUSES = [
  'PROVISIONING',
  'PENDING',
  'ACTIVATING',
  'RUNNING',
  'DEACTIVATING',
  'STOPPING',
  'DEPROVISIONING',
  'STOPPED',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface ContainerRecord {
  containerArn: string;
  taskArn: string;
  name: string;
  image: string;
  imageDigest?: string;
  runtimeId?: string;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  exitCode?: number;
  reason?: string;
  networkInterfaces: NetworkInterface[];
  healthStatus?: HealthStatus;
  /** As AWS reports them on the container: strings. */
  cpu: string;
  memory?: string;
  memoryReservation?: string;
}

export interface TaskRecord {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  launchType?: 'FARGATE' | 'EC2' | 'EXTERNAL';
  capacityProviderName?: string;
  platformVersion?: string;
  platformFamily?: string;
  /** Task-level cpu units and memory MiB as AWS reports them: strings. */
  cpu: string;
  memory: string;
  availabilityZone: string;
  attachments: Attachment[];
  containers: ContainerRecord[];
  overrides: TaskOverride;
  group?: string;
  startedBy?: string;
  tags: Tag[];
  /** Increases on every change, as AWS's task `version`. */
  version: number;
  connectivity?: 'CONNECTED' | 'DISCONNECTED';
  healthStatus?: HealthStatus;
  stopCode?: TaskStopCode;
  stoppedReason?: string;
  createdAt: number;
  connectivityAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  /** The teiki process that runs the task, so a restart can tell which tasks it left. */
  runnerId?: string;
  /** The roles the task ran with (the overrides', else the definition's), for the console. */
  taskRoleArn?: string;
  executionRoleArn?: string;
  /** The secret variables each container received: names and sources, never values. */
  secrets?: Array<{ containerName: string; name: string; valueFrom: string }>;
}

export function taskRecordId(clusterName: string, taskId: string): string {
  return `${clusterName}/${taskId}`;
}

/** `arn:aws:ecs:REGION:ACCOUNT:RESOURCE`. */
export function ecsArn(scope: Scope, resource: string): string {
  return `arn:aws:ecs:${scope.region}:${scope.accountId}:${resource}`;
}
