/**
 * RunTask's checks, in the order ECS makes them, turned into a plan the task records are
 * built from. Nothing is written here: bad input gets ECS's error and changes nothing
 * (except the `default` cluster, which RunTask creates on AWS too).
 */
import type { Scope } from '../../../store/types.js';
import type { SubnetInfo } from '../../ec2/network.js';
import { clusterForTask } from '../clusters/lookup.js';
import { InvalidParameterException, PlatformUnknownException } from '../generated/errors.js';
import type { RunTaskRequest, Tag, TaskOverride } from '../generated/types.js';
import type { ClusterRecord, TaskDefinitionRecord } from '../records.js';
import { creationTags } from '../tags/rules.js';
import { resolveTaskDefinition } from '../task-definitions/resolve.js';
import type { TaskDeps } from './deps.js';
import { checkOverrides } from './overrides.js';

export interface RunPlan {
  scope: Scope;
  cluster: ClusterRecord;
  definition: TaskDefinitionRecord['definition'];
  definitionTags: Tag[];
  count: number;
  launchType: 'FARGATE';
  capacityProviderName?: string;
  platformVersion: string;
  subnets: SubnetInfo[];
  securityGroupIds: string[];
  overrides: TaskOverride;
  cpu: string;
  memory: string;
  group: string;
  startedBy?: string;
  tags: Tag[];
}

/** Fargate platform versions a task may ask for; LATEST resolves to the newest. */
const PLATFORM_VERSIONS = ['1.4.0', '1.3.0'];
const LATEST_PLATFORM = '1.4.0';
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

export async function planRun(deps: TaskDeps, input: RunTaskRequest, scope: Scope) {
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 10) {
    throw new InvalidParameterException('count must be between 1 and 10.');
  }
  if (input.launchType !== undefined && input.capacityProviderStrategy?.length) {
    throw new InvalidParameterException(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  const cluster = await clusterForTask(deps.store, scope, input.cluster);
  const resolved = await resolveTaskDefinition(deps.store, scope, input.taskDefinition);
  if (!resolved) throw new InvalidParameterException('TaskDefinition not found.');
  const definition = resolved.record.definition;
  if (definition.status !== 'ACTIVE') {
    throw new InvalidParameterException('TaskDefinition is inactive');
  }

  const capacityProviderName = chooseCapacityProvider(input, cluster);
  if (input.launchType !== undefined && input.launchType !== 'FARGATE') {
    // teiki has no container instances: EC2 and EXTERNAL tasks have nowhere to go, as on a
    // cluster without registered instances.
    throw new InvalidParameterException('No Container Instances were found in your cluster.');
  }
  if (!(definition.compatibilities ?? []).includes('FARGATE')) {
    throw new InvalidParameterException('Task definition does not support launch_type FARGATE.');
  }

  const platformVersion = resolvePlatformVersion(input.platformVersion);
  const network = await checkNetwork(deps, scope, input, definition.networkMode);
  const overrides = input.overrides ?? {};
  const { cpu, memory } = checkOverrides(definition, overrides);

  return {
    scope,
    cluster,
    definition,
    definitionTags: resolved.record.tags,
    count,
    launchType: 'FARGATE',
    ...(capacityProviderName !== undefined ? { capacityProviderName } : {}),
    platformVersion,
    subnets: network.subnets,
    securityGroupIds: network.securityGroupIds,
    overrides,
    cpu,
    memory,
    group: input.group ?? `family:${definition.family ?? ''}`,
    ...(input.startedBy !== undefined ? { startedBy: input.startedBy } : {}),
    tags: taskTags(input, resolved.record.tags, cluster.clusterName),
  } satisfies RunPlan;
}

/**
 * The capacity provider a task is placed with: the request's strategy, else the
 * cluster's default strategy; none when the request names a launch type. Without either,
 * ECS uses the EC2 launch type, which has no instances here.
 */
function chooseCapacityProvider(input: RunTaskRequest, cluster: ClusterRecord) {
  if (input.launchType !== undefined) return undefined;
  const strategy = input.capacityProviderStrategy?.length
    ? input.capacityProviderStrategy
    : (cluster.defaultCapacityProviderStrategy ?? []);
  if (strategy.length === 0) {
    throw new InvalidParameterException('No Container Instances were found in your cluster.');
  }
  const associated = new Set(cluster.capacityProviders ?? []);
  for (const item of strategy) {
    if (!associated.has(item.capacityProvider) || !FARGATE_PROVIDERS.has(item.capacityProvider)) {
      throw new InvalidParameterException(
        'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
      );
    }
  }
  // The provider with a base is filled first; otherwise one is picked by weight.
  const withBase = strategy.find((item) => (item.base ?? 0) > 0);
  if (withBase) return withBase.capacityProvider;
  const total = strategy.reduce((sum, item) => sum + (item.weight ?? 0), 0);
  if (total === 0) return strategy[0]?.capacityProvider;
  let pick = Math.random() * total;
  for (const item of strategy) {
    pick -= item.weight ?? 0;
    if (pick < 0) return item.capacityProvider;
  }
  return strategy[strategy.length - 1]?.capacityProvider;
}

function resolvePlatformVersion(requested: string | undefined): string {
  if (requested === undefined || requested === 'LATEST') return LATEST_PLATFORM;
  if (!PLATFORM_VERSIONS.includes(requested)) {
    throw new PlatformUnknownException('The specified platform version does not exist.');
  }
  return requested;
}

async function checkNetwork(
  deps: TaskDeps,
  scope: Scope,
  input: RunTaskRequest,
  networkMode: string | undefined,
): Promise<{ subnets: SubnetInfo[]; securityGroupIds: string[] }> {
  const vpc = input.networkConfiguration?.awsvpcConfiguration;
  if (networkMode !== 'awsvpc') return { subnets: [], securityGroupIds: [] };
  if (!vpc) {
    throw new InvalidParameterException(
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
  }
  if (vpc.subnets.length === 0) throw new InvalidParameterException('subnets can not be empty.');
  if (vpc.subnets.length > 16) {
    throw new InvalidParameterException('subnets can have at most 16 items.');
  }
  if ((vpc.securityGroups?.length ?? 0) > 5) {
    throw new InvalidParameterException('securityGroups can have at most 5 items.');
  }
  const subnets: SubnetInfo[] = [];
  for (const subnetId of vpc.subnets) {
    const subnet = await deps.network.describeSubnet(scope, subnetId);
    if (!subnet) {
      throw new InvalidParameterException(
        `Error retrieving subnet information for [${subnetId}]: The subnet ID '${subnetId}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`,
      );
    }
    subnets.push(subnet);
  }
  const vpcIds = new Set(subnets.map((s) => s.vpcId));
  if (vpcIds.size > 1) {
    throw new InvalidParameterException('Subnets must all be in the same VPC.');
  }
  const securityGroupIds = [...new Set(vpc.securityGroups ?? [])];
  for (const groupId of securityGroupIds) {
    const group = await deps.network.describeSecurityGroup(scope, groupId);
    if (!group) {
      throw new InvalidParameterException(
        `Error retrieving security group information for [${groupId}]: The security group '${groupId}' does not exist (ErrorCode: InvalidGroup.NotFound)`,
      );
    }
    if (!vpcIds.has(group.vpcId)) {
      throw new InvalidParameterException(
        `Security group ${groupId} and subnet ${subnets[0]?.subnetId ?? ''} belong to different networks.`,
      );
    }
  }
  return { subnets, securityGroupIds };
}

/**
 * The task's tags: the definition's when propagated, then the request's (which win), then
 * with `enableECSManagedTags` the tags ECS itself adds (`aws:ecs:clusterName`; a service's
 * tasks would also get `aws:ecs:serviceName`). AWS-reserved tags do not count against the
 * 50-tag quota.
 */
function taskTags(input: RunTaskRequest, definitionTags: Tag[], clusterName: string): Tag[] {
  const tags = new Map<string, string>();
  if (input.propagateTags === 'TASK_DEFINITION') {
    for (const tag of definitionTags) tags.set(tag.key ?? '', tag.value ?? '');
  }
  for (const tag of creationTags(input.tags)) tags.set(tag.key ?? '', tag.value ?? '');
  if (tags.size > 50) {
    throw new InvalidParameterException('Tags can have a maximum of 50 items.');
  }
  if (input.enableECSManagedTags === true) tags.set('aws:ecs:clusterName', clusterName);
  return [...tags].map(([key, value]) => ({ key, value }));
}
