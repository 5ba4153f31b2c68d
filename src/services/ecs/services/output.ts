/**
 * Service records as AWS returns them: DescribeServices' `Service` and `Deployment`,
 * DescribeServiceDeployments' `ServiceDeployment` (and its brief), DescribeServiceRevisions'
 * `ServiceRevision`. Field choice and defaults follow a Fargate service as AWS shows it
 * (`platformVersion` LATEST on the service and the resolved version on deployments,
 * `resourceManagementType` CUSTOMER, empty placement lists, the service-linked role).
 */
import type { Scope } from '../../../store/types.js';
import type {
  Deployment,
  Service,
  ServiceDeployment,
  ServiceDeploymentBrief,
  ServiceRevision,
  ServiceRevisionSummary,
} from '../generated/types.js';
import { serviceDeploymentArn, serviceRevisionArn } from './arns.js';
import { circuitBreakerThreshold } from './scheduler/limits.js';
import {
  currentDeployments,
  revisionIdOf,
  type DeploymentRecord,
  type Revision,
  type ServiceRecord,
} from './records.js';

const clone = <T>(value: T): T => structuredClone(value);

/** The network, Service Connect, volume and VPC Lattice settings a revision was given. */
function configurationFields(revision: Revision) {
  return {
    ...(revision.networkConfiguration
      ? { networkConfiguration: clone(revision.networkConfiguration) }
      : {}),
    ...(revision.serviceConnectConfiguration
      ? { serviceConnectConfiguration: clone(revision.serviceConnectConfiguration) }
      : {}),
    ...(revision.volumeConfigurations
      ? { volumeConfigurations: clone(revision.volumeConfigurations) }
      : {}),
    ...(revision.vpcLatticeConfigurations
      ? { vpcLatticeConfigurations: clone(revision.vpcLatticeConfigurations) }
      : {}),
  };
}

function launchFields(revision: Revision) {
  return {
    ...(revision.capacityProviderStrategy
      ? { capacityProviderStrategy: clone(revision.capacityProviderStrategy) }
      : {}),
    ...(revision.launchType !== undefined ? { launchType: revision.launchType } : {}),
  };
}

export function deploymentOutput(deployment: DeploymentRecord): Deployment {
  return {
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinition,
    desiredCount: deployment.desiredCount,
    pendingCount: deployment.pendingCount,
    runningCount: deployment.runningCount,
    failedTasks: deployment.failedTasks,
    createdAt: new Date(deployment.createdAt),
    updatedAt: new Date(deployment.updatedAt),
    ...launchFields(deployment),
    platformVersion: deployment.platformVersion,
    platformFamily: deployment.platformFamily,
    ...configurationFields(deployment),
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  };
}

export function serviceOutput(
  scope: Scope,
  service: ServiceRecord,
  options: { includeTags: boolean },
): Service {
  const current = currentDeployments(service);
  const primary = current.find((d) => d.status === 'PRIMARY');
  const running = current.reduce((sum, d) => sum + d.runningCount, 0);
  const pending = current.reduce((sum, d) => sum + d.pendingCount, 0);
  const revision = service.revision;
  return {
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    clusterArn: service.clusterArn,
    loadBalancers: clone(revision.loadBalancers),
    serviceRegistries: clone(revision.serviceRegistries),
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: running,
    pendingCount: pending,
    ...launchFields(revision),
    ...(revision.launchType === undefined || revision.launchType === 'FARGATE'
      ? { platformVersion: revision.requestedPlatformVersion, platformFamily: 'Linux' }
      : {}),
    taskDefinition: revision.taskDefinition,
    deploymentConfiguration: clone(service.deploymentConfiguration),
    deployments: current.map(deploymentOutput),
    roleArn: service.roleArn,
    events: service.events.map((e) => ({
      id: e.id,
      createdAt: new Date(e.createdAt),
      message: e.message,
    })),
    createdAt: new Date(service.createdAt),
    ...(primary
      ? {
          currentServiceDeployment: serviceDeploymentArn(
            scope,
            service.clusterName,
            service.serviceName,
            primary.rollbackOf !== undefined
              ? (service.deployments.find((d) => d.id === primary.rollbackOf)
                  ?.serviceDeploymentId ?? primary.serviceDeploymentId)
              : primary.serviceDeploymentId,
          ),
        }
      : {}),
    currentServiceRevisions: current.map((d) => ({
      arn: serviceRevisionArn(scope, service.clusterName, service.serviceName, revisionIdOf(d)),
      requestedTaskCount: d.desiredCount,
      runningTaskCount: d.runningCount,
      pendingTaskCount: d.pendingCount,
    })),
    placementConstraints: clone(service.placementConstraints),
    placementStrategy: clone(service.placementStrategy),
    ...(revision.networkConfiguration
      ? { networkConfiguration: clone(revision.networkConfiguration) }
      : {}),
    ...(service.healthCheckGracePeriodSeconds !== undefined
      ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds }
      : {}),
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: service.createdBy,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags,
    enableExecuteCommand: service.enableExecuteCommand,
    availabilityZoneRebalancing: service.availabilityZoneRebalancing,
    resourceManagementType: 'CUSTOMER',
    ...(options.includeTags ? { tags: clone(service.tags) } : {}),
  };
}

function revisionSummary(
  scope: Scope,
  service: ServiceRecord,
  deployment: DeploymentRecord,
): ServiceRevisionSummary {
  return {
    arn: serviceRevisionArn(
      scope,
      service.clusterName,
      service.serviceName,
      revisionIdOf(deployment),
    ),
    requestedTaskCount: deployment.status === 'INACTIVE' ? 0 : deployment.desiredCount,
    runningTaskCount: deployment.runningCount,
    pendingTaskCount: deployment.pendingCount,
  };
}

/** The deployment a rollback belongs to is the one it rolls back; its tasks count there. */
function targetOf(service: ServiceRecord, deployment: DeploymentRecord): DeploymentRecord {
  const rollback = deployment.rollback
    ? service.deployments.find((d) => d.id === deployment.rollback?.toDeploymentId)
    : undefined;
  return rollback ?? deployment;
}

export function serviceDeploymentOutput(
  scope: Scope,
  service: ServiceRecord,
  deployment: DeploymentRecord,
): ServiceDeployment {
  const breaker = deployment.deploymentConfiguration.deploymentCircuitBreaker;
  const rollbackTarget = deployment.rollback
    ? service.deployments.find((d) => d.id === deployment.rollback?.toDeploymentId)
    : undefined;
  return {
    serviceDeploymentArn: serviceDeploymentArn(
      scope,
      service.clusterName,
      service.serviceName,
      deployment.serviceDeploymentId,
    ),
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    createdAt: new Date(deployment.createdAt),
    startedAt: new Date(deployment.createdAt),
    updatedAt: new Date(targetOf(service, deployment).updatedAt),
    ...(deployment.finishedAt !== undefined && deployment.lifecycle !== 'ROLLBACK_IN_PROGRESS'
      ? { finishedAt: new Date(deployment.finishedAt) }
      : {}),
    sourceServiceRevisions: deployment.sourceDeploymentIds.flatMap((id) => {
      const source = service.deployments.find((d) => d.id === id);
      return source ? [revisionSummary(scope, service, source)] : [];
    }),
    targetServiceRevision: revisionSummary(scope, service, deployment),
    status: deployment.lifecycle,
    ...(deployment.statusReason !== undefined ? { statusReason: deployment.statusReason } : {}),
    lifecycleStage: deployment.lifecycle === 'IN_PROGRESS' ? 'SCALE_UP' : 'CLEAN_UP',
    deploymentConfiguration: clone(deployment.deploymentConfiguration),
    ...(deployment.rollback
      ? {
          rollback: {
            reason: deployment.rollback.reason,
            startedAt: new Date(deployment.rollback.startedAt),
            ...(rollbackTarget
              ? {
                  serviceRevisionArn: serviceRevisionArn(
                    scope,
                    service.clusterName,
                    service.serviceName,
                    revisionIdOf(rollbackTarget),
                  ),
                }
              : {}),
          },
        }
      : {}),
    deploymentCircuitBreaker: breaker?.enable
      ? {
          status:
            deployment.rolloutState === 'FAILED'
              ? 'TRIGGERED'
              : deployment.rolloutState === 'COMPLETED'
                ? 'MONITORING_COMPLETE'
                : 'MONITORING',
          failureCount: deployment.failedTasks,
          threshold: circuitBreakerThreshold(deployment.desiredCount),
        }
      : { status: 'DISABLED', failureCount: 0, threshold: 0 },
    alarms: { status: 'DISABLED' },
  };
}

export function serviceDeploymentBrief(
  scope: Scope,
  service: ServiceRecord,
  deployment: DeploymentRecord,
): ServiceDeploymentBrief {
  const full = serviceDeploymentOutput(scope, service, deployment);
  return {
    serviceDeploymentArn: full.serviceDeploymentArn,
    serviceArn: full.serviceArn,
    clusterArn: full.clusterArn,
    ...(full.startedAt ? { startedAt: full.startedAt } : {}),
    ...(full.createdAt ? { createdAt: full.createdAt } : {}),
    ...(full.finishedAt ? { finishedAt: full.finishedAt } : {}),
    ...(full.targetServiceRevision?.arn
      ? { targetServiceRevisionArn: full.targetServiceRevision.arn }
      : {}),
    ...(full.status ? { status: full.status } : {}),
    ...(full.statusReason ? { statusReason: full.statusReason } : {}),
  };
}

export function serviceRevisionOutput(
  scope: Scope,
  service: ServiceRecord,
  deployment: DeploymentRecord,
): ServiceRevision {
  return {
    serviceRevisionArn: serviceRevisionArn(
      scope,
      service.clusterName,
      service.serviceName,
      revisionIdOf(deployment),
    ),
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    taskDefinition: deployment.taskDefinition,
    ...launchFields(deployment),
    platformVersion: deployment.platformVersion,
    platformFamily: deployment.platformFamily,
    loadBalancers: clone(deployment.loadBalancers),
    serviceRegistries: clone(deployment.serviceRegistries),
    ...configurationFields(deployment),
    guardDutyEnabled: false,
    createdAt: new Date(deployment.createdAt),
  };
}
