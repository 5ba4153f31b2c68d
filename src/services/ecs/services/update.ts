/**
 * UpdateService. A change of what the tasks run (task definition, capacity provider
 * strategy, platform version, network, load balancers, registries, Service Connect,
 * volumes) or `forceNewDeployment` starts a new PRIMARY deployment, which the scheduler
 * rolls out; a change of the desired count alone does not. The throttle on failing
 * launches is lifted, as ECS lifts it when a service is updated.
 */
import { canonicalJson } from '../../canonical-json.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { InvalidParameterException } from '../generated/errors.js';
import type { UpdateServiceRequest, UpdateServiceResponse } from '../generated/types.js';
import { deploymentConfigurationOf, resolveRevision, type RevisionInput } from './config.js';
import type { ServiceDeps } from './deps.js';
import { newDeployment, promote } from './deployments.js';
import { requireActiveService, serviceCluster } from './lookup.js';
import { serviceOutput } from './output.js';
import {
  SERVICES,
  currentDeployments,
  serviceRecordId,
  type Revision,
  type ServiceRecord,
} from './records.js';

const CAPACITY_CHANGE =
  'When switching from launch type to capacity provider strategy on an existing service, or making a change to a capacity provider strategy on a service that is already using one, you must force a new deployment.';

export async function updateService(
  deps: ServiceDeps,
  input: UpdateServiceRequest,
  ctx: RequestContext,
): Promise<UpdateServiceResponse> {
  const scope = scopeOf(ctx);
  if (input.desiredCount !== undefined && input.desiredCount < 0) {
    throw new InvalidParameterException('desiredCount must be greater than or equal to 0.');
  }
  const controller = input.deploymentController?.type;
  if (controller !== undefined && controller !== 'ECS') {
    throw new InvalidParameterException(
      `teiki runs the ECS deployment controller only; ${controller} deploys task sets, which teiki does not implement.`,
    );
  }
  const cluster = await serviceCluster(deps.store, scope, input.cluster);
  const before = await requireActiveService(deps.store, scope, cluster.clusterName, input.service);
  const strategy = input.capacityProviderStrategy;
  if (strategy !== undefined && !input.forceNewDeployment) {
    const current = before.revision.capacityProviderStrategy;
    if (current === undefined || canonicalJson(current) !== canonicalJson(withDefaults(strategy))) {
      throw new InvalidParameterException(CAPACITY_CHANGE);
    }
  }
  const revision = await resolveRevision(
    deps,
    scope,
    cluster,
    revisionInput(before.revision, input),
  );
  const deploymentConfiguration = deploymentConfigurationOf(
    input.deploymentConfiguration,
    before.deploymentConfiguration,
  );
  const now = deps.clock.nowMs();
  const id = serviceRecordId(cluster.clusterName, before.serviceName);
  const service = await deps.store.transaction(async (tx) => {
    const services = tx.collection<ServiceRecord>(SERVICES);
    const current = await requireActiveService(tx, scope, cluster.clusterName, before.serviceName);
    const changed = applyUpdate(current, input, deploymentConfiguration);
    const redeploy =
      input.forceNewDeployment === true ||
      canonicalJson(revision) !== canonicalJson(current.revision);
    if (redeploy) {
      changed.revision = revision;
      promote(
        changed,
        newDeployment({
          revision,
          desiredCount: changed.desiredCount,
          deploymentConfiguration,
          nowMs: now,
          sourceDeploymentIds: currentDeployments(current).map((d) => d.id),
        }),
        now,
      );
      changed.steady = false;
    }
    changed.throttle = { failures: 0, announced: false };
    await services.put(scope, id, changed);
    return changed;
  });
  deps.wake({ scope, clusterName: cluster.clusterName, serviceName: service.serviceName });
  return { service: serviceOutput(scope, service, { includeTags: false }) };
}

function applyUpdate(
  current: ServiceRecord,
  input: UpdateServiceRequest,
  deploymentConfiguration: ServiceRecord['deploymentConfiguration'],
): ServiceRecord {
  const service = structuredClone(current);
  if (input.desiredCount !== undefined) service.desiredCount = input.desiredCount;
  service.deploymentConfiguration = deploymentConfiguration;
  if (input.healthCheckGracePeriodSeconds !== undefined) {
    service.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  }
  if (input.enableECSManagedTags !== undefined) {
    service.enableECSManagedTags = input.enableECSManagedTags;
  }
  if (input.enableExecuteCommand !== undefined) {
    service.enableExecuteCommand = input.enableExecuteCommand;
  }
  if (input.propagateTags !== undefined) service.propagateTags = input.propagateTags;
  if (input.placementConstraints !== undefined) {
    service.placementConstraints = structuredClone(input.placementConstraints);
  }
  if (input.placementStrategy !== undefined) {
    service.placementStrategy = structuredClone(input.placementStrategy);
  }
  if (input.availabilityZoneRebalancing !== undefined) {
    service.availabilityZoneRebalancing = input.availabilityZoneRebalancing;
  }
  return service;
}

/** What the next deployment would run: the current revision with the request's changes. */
function revisionInput(current: Revision, input: UpdateServiceRequest): RevisionInput {
  const strategy = input.capacityProviderStrategy ?? current.capacityProviderStrategy;
  return {
    taskDefinition: input.taskDefinition ?? current.taskDefinition,
    ...(strategy?.length
      ? { capacityProviderStrategy: strategy }
      : current.launchType !== undefined
        ? { launchType: current.launchType }
        : {}),
    platformVersion: input.platformVersion ?? current.requestedPlatformVersion,
    ...((input.networkConfiguration ?? current.networkConfiguration)
      ? { networkConfiguration: input.networkConfiguration ?? current.networkConfiguration }
      : {}),
    loadBalancers: input.loadBalancers ?? current.loadBalancers,
    serviceRegistries: input.serviceRegistries ?? current.serviceRegistries,
    ...((input.serviceConnectConfiguration ?? current.serviceConnectConfiguration)
      ? {
          serviceConnectConfiguration:
            input.serviceConnectConfiguration ?? current.serviceConnectConfiguration,
        }
      : {}),
    ...((input.volumeConfigurations ?? current.volumeConfigurations)
      ? { volumeConfigurations: input.volumeConfigurations ?? current.volumeConfigurations }
      : {}),
    ...((input.vpcLatticeConfigurations ?? current.vpcLatticeConfigurations)
      ? {
          vpcLatticeConfigurations:
            input.vpcLatticeConfigurations ?? current.vpcLatticeConfigurations,
        }
      : {}),
  };
}

function withDefaults(strategy: NonNullable<UpdateServiceRequest['capacityProviderStrategy']>) {
  return strategy.map((item) => ({
    capacityProvider: item.capacityProvider,
    weight: item.weight ?? 0,
    base: item.base ?? 0,
  }));
}
