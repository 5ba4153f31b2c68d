/** A task record as RunTask returns it: PROVISIONING, its ENI attachment precreated. */
import { randomBytes, randomUUID } from 'node:crypto';
import { ecsArn, type TaskRecord } from '../records.js';
import type { RunPlan } from './run-plan.js';

export interface NewTask {
  taskId: string;
  record: TaskRecord;
}

export function newTask(plan: RunPlan, nowMs: number, runnerId: string): NewTask {
  const taskId = randomBytes(16).toString('hex');
  const clusterName = plan.cluster.clusterName;
  const taskArn = ecsArn(plan.scope, `task/${clusterName}/${taskId}`);
  // A task lands in one of its subnets, picked at random as ECS spreads tasks.
  const subnet = plan.subnets[Math.floor(Math.random() * plan.subnets.length)];
  const attachmentId = randomUUID();
  const definition = plan.definition;
  return {
    taskId,
    record: {
      taskArn,
      clusterArn: plan.cluster.clusterArn,
      taskDefinitionArn: definition.taskDefinitionArn ?? '',
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      launchType: plan.launchType,
      ...(plan.capacityProviderName !== undefined
        ? { capacityProviderName: plan.capacityProviderName }
        : {}),
      platformVersion: plan.platformVersion,
      platformFamily: 'Linux',
      cpu: plan.cpu,
      memory: plan.memory,
      availabilityZone: subnet?.availabilityZone ?? `${plan.scope.region}a`,
      attachments: subnet
        ? [
            {
              id: attachmentId,
              type: 'ElasticNetworkInterface',
              status: 'PRECREATED',
              details: [{ name: 'subnetId', value: subnet.subnetId }],
            },
          ]
        : [],
      containers: (definition.containerDefinitions ?? []).map((container) => {
        const override = plan.overrides.containerOverrides?.find((o) => o.name === container.name);
        const memory = override?.memory ?? container.memory;
        const memoryReservation = override?.memoryReservation ?? container.memoryReservation;
        return {
          containerArn: ecsArn(plan.scope, `container/${clusterName}/${taskId}/${randomUUID()}`),
          taskArn,
          name: container.name ?? '',
          image: container.image ?? '',
          lastStatus: 'PENDING' as const,
          networkInterfaces: [],
          ...(container.healthCheck ? { healthStatus: 'UNKNOWN' as const } : {}),
          cpu: String(override?.cpu ?? container.cpu ?? 0),
          ...(memory !== undefined ? { memory: String(memory) } : {}),
          ...(memoryReservation !== undefined
            ? { memoryReservation: String(memoryReservation) }
            : {}),
        };
      }),
      overrides: plan.overrides,
      group: plan.group,
      ...(plan.startedBy !== undefined ? { startedBy: plan.startedBy } : {}),
      tags: plan.tags,
      version: 1,
      healthStatus: 'UNKNOWN',
      createdAt: nowMs,
      runnerId,
    },
  };
}
