/**
 * A service's configuration from CreateService and UpdateService: ECS's defaults filled
 * in, and what a task would need checked the way RunTask checks it (the task definition,
 * launch type or capacity provider strategy, platform version, network), so a service
 * that could never start a task is refused at once with RunTask's words. Services with
 * the EC2 or EXTERNAL launch type are accepted as AWS accepts them; teiki has no
 * container instances, so their scheduler reports each task it cannot place.
 */
import type { Scope } from '../../../store/types.js';
import { InvalidParameterException } from '../generated/errors.js';
import type {
  CapacityProviderStrategyItem,
  DeploymentConfiguration,
  NetworkConfiguration,
} from '../generated/types.js';
import type { ClusterRecord } from '../records.js';
import { resolveTaskDefinition } from '../task-definitions/resolve.js';
import { planRun } from '../tasks/run-plan.js';
import type { ServiceDeps } from './deps.js';
import type { Revision } from './records.js';

/** What AWS shows for a rolling-update service that set nothing (observed on Fargate). */
export function deploymentConfigurationOf(
  given: DeploymentConfiguration | undefined,
  current?: DeploymentConfiguration,
): DeploymentConfiguration {
  const base: DeploymentConfiguration = current ?? {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    strategy: 'ROLLING',
    bakeTimeInMinutes: 0,
  };
  const merged: DeploymentConfiguration = { ...structuredClone(base), ...structuredClone(given) };
  // Teiki's wording: the other strategies shift load balancer traffic, which teiki has not.
  if (merged.strategy !== undefined && merged.strategy !== 'ROLLING') {
    throw new InvalidParameterException(
      `teiki runs the ROLLING deployment strategy only; ${merged.strategy} shifts load balancer traffic, which teiki does not have.`,
    );
  }
  for (const [field, value] of [
    ['maximumPercent', merged.maximumPercent],
    ['minimumHealthyPercent', merged.minimumHealthyPercent],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new InvalidParameterException(`${field} must be a non-negative integer.`);
    }
  }
  return merged;
}

/** The role ECS calls load balancers with: the given one, or its service-linked role. */
export function roleArnOf(scope: Scope, role: string | undefined): string {
  if (role === undefined || role === '') {
    return `arn:aws:iam::${scope.accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`;
  }
  return role.startsWith('arn:') ? role : `arn:aws:iam::${scope.accountId}:role/${role}`;
}

export interface RevisionInput {
  taskDefinition: string | undefined;
  launchType?: string;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers?: Revision['loadBalancers'];
  serviceRegistries?: Revision['serviceRegistries'];
  serviceConnectConfiguration?: Revision['serviceConnectConfiguration'];
  volumeConfigurations?: Revision['volumeConfigurations'];
  vpcLatticeConfigurations?: Revision['vpcLatticeConfigurations'];
}

/** Checks what a deployment would run and returns it as a revision. */
export async function resolveRevision(
  deps: ServiceDeps,
  scope: Scope,
  cluster: ClusterRecord,
  input: RevisionInput,
): Promise<Revision> {
  if (input.taskDefinition === undefined) {
    // Unconfirmed wording: AWS refuses an ECS-controller service without a task definition.
    throw new InvalidParameterException(
      'TaskDefinition is required for services using the ECS deployment controller.',
    );
  }
  if (input.launchType !== undefined && input.capacityProviderStrategy?.length) {
    throw new InvalidParameterException(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  const strategy = input.capacityProviderStrategy?.length
    ? input.capacityProviderStrategy
    : undefined;
  // ECS's default when neither is given: the cluster's default strategy, else EC2.
  const launchType =
    strategy === undefined && !cluster.defaultCapacityProviderStrategy?.length
      ? (input.launchType ?? 'EC2')
      : input.launchType;
  const onFargate = launchType === undefined || launchType === 'FARGATE';
  const requestedPlatformVersion = input.platformVersion ?? 'LATEST';
  let taskDefinitionArn: string;
  let platformVersion = requestedPlatformVersion;
  if (onFargate) {
    // RunTask's own checks, so the service's tasks would start; nothing is written.
    const plan = await planRun(
      deps,
      {
        cluster: cluster.clusterName,
        taskDefinition: input.taskDefinition,
        ...(launchType !== undefined ? { launchType: 'FARGATE' as const } : {}),
        ...(strategy ? { capacityProviderStrategy: strategy } : {}),
        ...(input.platformVersion !== undefined ? { platformVersion: input.platformVersion } : {}),
        ...(input.networkConfiguration ? { networkConfiguration: input.networkConfiguration } : {}),
      },
      scope,
    );
    taskDefinitionArn = plan.definition.taskDefinitionArn ?? '';
    platformVersion = plan.platformVersion;
  } else {
    const resolved = await resolveTaskDefinition(deps.store, scope, input.taskDefinition);
    if (!resolved) throw new InvalidParameterException('TaskDefinition not found.');
    if (resolved.record.definition.status !== 'ACTIVE') {
      throw new InvalidParameterException('TaskDefinition is inactive');
    }
    taskDefinitionArn = resolved.record.definition.taskDefinitionArn ?? '';
  }
  return {
    taskDefinition: taskDefinitionArn,
    ...(launchType !== undefined ? { launchType: launchType as Revision['launchType'] } : {}),
    ...(strategy ? { capacityProviderStrategy: strategyWithDefaults(strategy) } : {}),
    requestedPlatformVersion,
    platformVersion,
    platformFamily: 'Linux',
    ...(input.networkConfiguration
      ? { networkConfiguration: structuredClone(input.networkConfiguration) }
      : {}),
    loadBalancers: structuredClone(input.loadBalancers ?? []),
    serviceRegistries: structuredClone(input.serviceRegistries ?? []),
    ...(input.serviceConnectConfiguration
      ? { serviceConnectConfiguration: structuredClone(input.serviceConnectConfiguration) }
      : {}),
    ...(input.volumeConfigurations
      ? { volumeConfigurations: structuredClone(input.volumeConfigurations) }
      : {}),
    ...(input.vpcLatticeConfigurations
      ? { vpcLatticeConfigurations: structuredClone(input.vpcLatticeConfigurations) }
      : {}),
  };
}

function strategyWithDefaults(strategy: CapacityProviderStrategyItem[]) {
  return strategy.map((item) => ({
    capacityProvider: item.capacityProvider,
    weight: item.weight ?? 0,
    base: item.base ?? 0,
  }));
}
