/**
 * CreateService. The service starts with one PRIMARY deployment of its task definition;
 * the scheduler then starts its tasks. Creating a service whose name is taken by an
 * ACTIVE or DRAINING one returns that service when the request is the same (or carries
 * its clientToken), and is refused with ECS's "Creation of service was not idempotent."
 * otherwise; an INACTIVE one of the same name is replaced.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../canonical-json.js';
import type { RequestContext } from '../../context.js';
import { scopeOf } from '../../context.js';
import { InvalidParameterException } from '../generated/errors.js';
import type { CreateServiceRequest, CreateServiceResponse } from '../generated/types.js';
import { creationTags } from '../tags/rules.js';
import { serviceArn } from './arns.js';
import { deploymentConfigurationOf, resolveRevision, roleArnOf } from './config.js';
import type { ServiceDeps } from './deps.js';
import { newDeployment } from './deployments.js';
import { serviceCluster } from './lookup.js';
import { serviceOutput } from './output.js';
import { SERVICES, serviceRecordId, type ServiceRecord } from './records.js';

const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export async function createService(
  deps: ServiceDeps,
  input: CreateServiceRequest,
  ctx: RequestContext,
): Promise<CreateServiceResponse> {
  const scope = scopeOf(ctx);
  checkCreateRequest(input);
  const cluster = await serviceCluster(deps.store, scope, input.cluster);
  const revision = await resolveRevision(deps, scope, cluster, {
    taskDefinition: input.taskDefinition,
    ...(input.launchType !== undefined ? { launchType: input.launchType } : {}),
    ...(input.capacityProviderStrategy
      ? { capacityProviderStrategy: input.capacityProviderStrategy }
      : {}),
    ...(input.platformVersion !== undefined ? { platformVersion: input.platformVersion } : {}),
    ...(input.networkConfiguration ? { networkConfiguration: input.networkConfiguration } : {}),
    ...(input.loadBalancers ? { loadBalancers: input.loadBalancers } : {}),
    ...(input.serviceRegistries ? { serviceRegistries: input.serviceRegistries } : {}),
    ...(input.serviceConnectConfiguration
      ? { serviceConnectConfiguration: input.serviceConnectConfiguration }
      : {}),
    ...(input.volumeConfigurations ? { volumeConfigurations: input.volumeConfigurations } : {}),
    ...(input.vpcLatticeConfigurations
      ? { vpcLatticeConfigurations: input.vpcLatticeConfigurations }
      : {}),
  });
  const deploymentConfiguration = deploymentConfigurationOf(input.deploymentConfiguration);
  const tags = creationTags(input.tags);
  const now = deps.clock.nowMs();
  const desiredCount = input.desiredCount ?? 0;
  const record: ServiceRecord = {
    serviceArn: serviceArn(scope, cluster.clusterName, input.serviceName),
    serviceName: input.serviceName,
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    status: 'ACTIVE',
    desiredCount,
    revision,
    deploymentConfiguration,
    placementConstraints: structuredClone(input.placementConstraints ?? []),
    placementStrategy: structuredClone(input.placementStrategy ?? []),
    ...(input.healthCheckGracePeriodSeconds !== undefined
      ? { healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds }
      : {}),
    enableECSManagedTags: input.enableECSManagedTags ?? false,
    enableExecuteCommand: input.enableExecuteCommand ?? false,
    propagateTags: input.propagateTags ?? 'NONE',
    availabilityZoneRebalancing: input.availabilityZoneRebalancing ?? 'ENABLED',
    roleArn: roleArnOf(scope, input.role),
    createdAt: now,
    createdBy: ctx.caller.arn,
    ...(input.clientToken !== undefined ? { clientToken: input.clientToken } : {}),
    requestHash: requestHash(input),
    tags,
    deployments: [
      newDeployment({
        revision,
        desiredCount,
        deploymentConfiguration,
        nowMs: now,
        sourceDeploymentIds: [],
      }),
    ],
    events: [],
    tasks: [],
    throttle: { failures: 0, announced: false },
    steady: false,
    owner: { runnerId: deps.runnerId, heartbeatAt: now },
  };
  const id = serviceRecordId(cluster.clusterName, input.serviceName);
  const service = await deps.store.transaction(async (tx) => {
    const services = tx.collection<ServiceRecord>(SERVICES);
    const existing = await services.get(scope, id);
    if (existing && existing.status !== 'INACTIVE') {
      const same =
        (input.clientToken !== undefined && input.clientToken === existing.clientToken) ||
        existing.requestHash === record.requestHash;
      if (!same) throw new InvalidParameterException('Creation of service was not idempotent.');
      return existing;
    }
    await services.put(scope, id, record);
    return record;
  });
  if (service === record) {
    deps.wake({ scope, clusterName: cluster.clusterName, serviceName: input.serviceName });
  }
  return { service: serviceOutput(scope, service, { includeTags: service.tags.length > 0 }) };
}

function checkCreateRequest(input: CreateServiceRequest): void {
  if (!SERVICE_NAME.test(input.serviceName)) {
    // Unconfirmed wording, after CreateCluster's.
    throw new InvalidParameterException(
      'Service names can only contain alphanumeric characters, hyphens, and underscores, and must be between 1 and 255 characters long.',
    );
  }
  if (input.desiredCount !== undefined && input.desiredCount < 0) {
    throw new InvalidParameterException('desiredCount must be greater than or equal to 0.');
  }
  if (input.schedulingStrategy === 'DAEMON') {
    // teiki's wording: a DAEMON service places one task per container instance.
    throw new InvalidParameterException(
      'teiki has no container instances, so it cannot run a DAEMON service; use REPLICA.',
    );
  }
  const controller = input.deploymentController?.type;
  if (controller !== undefined && controller !== 'ECS') {
    throw new InvalidParameterException(
      `teiki runs the ECS deployment controller only; ${controller} deploys task sets, which teiki does not implement.`,
    );
  }
}

/** The request as it defines the service, for CreateService's idempotency check. */
function requestHash(input: CreateServiceRequest): string {
  const rest: Record<string, unknown> = { ...input };
  delete rest.clientToken;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
