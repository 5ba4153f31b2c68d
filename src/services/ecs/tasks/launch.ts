/**
 * What a runtime is asked to start for one container: the definition with RunTask's
 * overrides applied, and the environment ECS gives every Fargate container.
 */
import type { ContainerLaunch } from '../../../runtimes/types.js';
import type { ContainerDefinition, TaskOverride } from '../generated/types.js';
import type { TaskRecord } from '../records.js';

/** ECS's default stop timeout (seconds between SIGTERM and SIGKILL). */
export const DEFAULT_STOP_TIMEOUT_SECONDS = 30;

export interface LaunchContext {
  task: TaskRecord;
  taskId: string;
  region: string;
  /** `family:revision`. */
  taskDefinition: string;
}

export function containerLaunch(
  context: LaunchContext,
  definition: ContainerDefinition,
  overrides: TaskOverride,
): ContainerLaunch {
  const name = definition.name ?? '';
  const override = overrides.containerOverrides?.find((o) => o.name === name);
  const environment: Record<string, string> = {
    AWS_DEFAULT_REGION: context.region,
    AWS_REGION: context.region,
    AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE',
  };
  // The definition's variables, then the override's: a later name replaces an earlier one.
  for (const pair of [...(definition.environment ?? []), ...(override?.environment ?? [])]) {
    if (pair.name !== undefined) environment[pair.name] = pair.value ?? '';
  }
  const command = override?.command ?? definition.command;
  const cpu = override?.cpu ?? definition.cpu;
  const memory = override?.memory ?? definition.memory;
  const memoryReservation = override?.memoryReservation ?? definition.memoryReservation;
  const health = definition.healthCheck;
  return {
    taskArn: context.task.taskArn,
    taskId: context.taskId,
    clusterArn: context.task.clusterArn,
    taskDefinition: context.taskDefinition,
    containerName: name,
    image: definition.image ?? '',
    ...(definition.entryPoint !== undefined ? { entryPoint: definition.entryPoint } : {}),
    ...(command !== undefined ? { command } : {}),
    environment,
    ...(definition.workingDirectory !== undefined
      ? { workingDirectory: definition.workingDirectory }
      : {}),
    ...(definition.user !== undefined ? { user: definition.user } : {}),
    ...(cpu !== undefined && cpu > 0 ? { cpu } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(memoryReservation !== undefined ? { memoryReservation } : {}),
    ...numberField('taskCpu', context.task.cpu),
    ...numberField('taskMemory', context.task.memory),
    ulimits: (definition.ulimits ?? []).map((u) => ({
      name: u.name,
      softLimit: u.softLimit,
      hardLimit: u.hardLimit,
    })),
    ...(health
      ? {
          healthCheck: {
            command: health.command,
            intervalSeconds: health.interval ?? 30,
            timeoutSeconds: health.timeout ?? 5,
            retries: health.retries ?? 3,
            startPeriodSeconds: health.startPeriod ?? 0,
          },
        }
      : {}),
    stopTimeoutSeconds: definition.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS,
    labels: {
      'com.amazonaws.ecs.task-arn': context.task.taskArn,
      'com.amazonaws.ecs.cluster': context.task.clusterArn,
      'com.amazonaws.ecs.container-name': name,
      'com.amazonaws.ecs.task-definition-family': context.taskDefinition.split(':')[0] ?? '',
      'com.amazonaws.ecs.task-definition-version': context.taskDefinition.split(':')[1] ?? '',
      ...(definition.dockerLabels ?? {}),
    },
  };
}

function numberField<K extends string>(key: K, value: string): Partial<Record<K, number>> {
  const n = Number(value);
  return (Number.isFinite(n) && value !== '' ? { [key]: n } : {}) as Partial<Record<K, number>>;
}
