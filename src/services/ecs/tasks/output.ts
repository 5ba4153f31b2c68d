/** A stored task as ECS's API shapes it (DescribeTasks, RunTask, StopTask). */
import type { Container, Task } from '../generated/types.js';
import type { ContainerRecord, TaskRecord } from '../records.js';

export function toTask(record: TaskRecord, options: { includeTags: boolean }): Task {
  return {
    attachments: record.attachments,
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: record.availabilityZone,
    ...(record.capacityProviderName !== undefined
      ? { capacityProviderName: record.capacityProviderName }
      : {}),
    clusterArn: record.clusterArn,
    ...(record.connectivity !== undefined ? { connectivity: record.connectivity } : {}),
    ...dateField('connectivityAt', record.connectivityAt),
    containers: record.containers.map(toContainer),
    cpu: record.cpu,
    createdAt: new Date(record.createdAt),
    desiredStatus: record.desiredStatus,
    enableExecuteCommand: false,
    ephemeralStorage: { sizeInGiB: 20 },
    ...dateField('executionStoppedAt', record.executionStoppedAt),
    ...(record.group !== undefined ? { group: record.group } : {}),
    ...(record.healthStatus !== undefined ? { healthStatus: record.healthStatus } : {}),
    lastStatus: record.lastStatus,
    ...(record.launchType !== undefined ? { launchType: record.launchType } : {}),
    memory: record.memory,
    overrides: {
      containerOverrides: record.overrides.containerOverrides ?? [],
      inferenceAcceleratorOverrides: record.overrides.inferenceAcceleratorOverrides ?? [],
      ...withoutContainerOverrides(record.overrides),
    },
    ...(record.platformFamily !== undefined ? { platformFamily: record.platformFamily } : {}),
    ...(record.platformVersion !== undefined ? { platformVersion: record.platformVersion } : {}),
    ...dateField('pullStartedAt', record.pullStartedAt),
    ...dateField('pullStoppedAt', record.pullStoppedAt),
    ...dateField('startedAt', record.startedAt),
    ...(record.startedBy !== undefined ? { startedBy: record.startedBy } : {}),
    ...(record.stopCode !== undefined ? { stopCode: record.stopCode } : {}),
    ...dateField('stoppedAt', record.stoppedAt),
    ...(record.stoppedReason !== undefined ? { stoppedReason: record.stoppedReason } : {}),
    ...dateField('stoppingAt', record.stoppingAt),
    ...(options.includeTags ? { tags: record.tags } : {}),
    taskArn: record.taskArn,
    taskDefinitionArn: record.taskDefinitionArn,
    version: record.version,
  };
}

function toContainer(record: ContainerRecord): Container {
  return {
    containerArn: record.containerArn,
    taskArn: record.taskArn,
    name: record.name,
    image: record.image,
    ...(record.imageDigest !== undefined ? { imageDigest: record.imageDigest } : {}),
    ...(record.runtimeId !== undefined ? { runtimeId: record.runtimeId } : {}),
    lastStatus: record.lastStatus,
    ...(record.exitCode !== undefined ? { exitCode: record.exitCode } : {}),
    ...(record.reason !== undefined ? { reason: record.reason } : {}),
    networkBindings: [],
    networkInterfaces: record.networkInterfaces,
    ...(record.healthStatus !== undefined ? { healthStatus: record.healthStatus } : {}),
    cpu: record.cpu,
    ...(record.memory !== undefined ? { memory: record.memory } : {}),
    ...(record.memoryReservation !== undefined
      ? { memoryReservation: record.memoryReservation }
      : {}),
  };
}

function withoutContainerOverrides(overrides: TaskRecord['overrides']) {
  const { containerOverrides, inferenceAcceleratorOverrides, ...rest } = overrides;
  void containerOverrides;
  void inferenceAcceleratorOverrides;
  return rest;
}

function dateField<K extends string>(key: K, ms: number | undefined) {
  return (ms === undefined ? {} : { [key]: new Date(ms) }) as Partial<Record<K, Date>>;
}
