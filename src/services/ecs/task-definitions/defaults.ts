/**
 * The task definition ECS stores for a registration: the request with the defaults ECS
 * fills in (what DescribeTaskDefinition returns and Terraform compares against), nulls
 * already gone (the JSON decoder drops them).
 */
import type {
  ContainerDefinition,
  NetworkMode,
  PortMapping,
  RegisterTaskDefinitionRequest,
  Volume,
} from '../generated/types.js';
import type { TaskDefinitionRecord } from '../records.js';

/** ECS's health check defaults: every 30 s, 5 s to answer, 3 tries. */
const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3 } as const;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function portMappingWithDefaults(mapping: PortMapping, networkMode: NetworkMode | undefined) {
  const out: PortMapping = { ...clone(mapping), protocol: mapping.protocol ?? 'tcp' };
  // With awsvpc and host networking the container port is the host port.
  if (
    out.hostPort === undefined &&
    out.containerPort !== undefined &&
    (networkMode === 'awsvpc' || networkMode === 'host')
  ) {
    out.hostPort = out.containerPort;
  }
  return out;
}

export function containerWithDefaults(
  container: ContainerDefinition,
  networkMode: NetworkMode | undefined,
): ContainerDefinition {
  const out = clone(container);
  out.cpu ??= 0;
  out.essential ??= true;
  out.portMappings = (container.portMappings ?? []).map((m) =>
    portMappingWithDefaults(m, networkMode),
  );
  out.environment ??= [];
  out.mountPoints ??= [];
  out.volumesFrom ??= [];
  out.systemControls ??= [];
  if (out.healthCheck) out.healthCheck = { ...HEALTH_CHECK_DEFAULTS, ...out.healthCheck };
  return out;
}

function volumeWithDefaults(volume: Volume): Volume {
  const out = clone(volume);
  if (out.efsVolumeConfiguration) out.efsVolumeConfiguration.rootDirectory ??= '/';
  return out;
}

export interface RegistrationFacts {
  taskDefinitionArn: string;
  revision: number;
  registeredAt: number;
  registeredBy: string;
  cpu: string | undefined;
  memory: string | undefined;
  requiresAttributes: TaskDefinitionRecord['definition']['requiresAttributes'];
  compatibilities: TaskDefinitionRecord['definition']['compatibilities'];
}

export function taskDefinitionRecord(
  input: RegisterTaskDefinitionRequest,
  facts: RegistrationFacts,
): TaskDefinitionRecord {
  const optional = {
    taskRoleArn: input.taskRoleArn,
    executionRoleArn: input.executionRoleArn,
    networkMode: input.networkMode,
    requiresCompatibilities: input.requiresCompatibilities,
    cpu: facts.cpu,
    memory: facts.memory,
    pidMode: input.pidMode,
    ipcMode: input.ipcMode,
    proxyConfiguration: input.proxyConfiguration,
    inferenceAccelerators: input.inferenceAccelerators,
    ephemeralStorage: input.ephemeralStorage,
    runtimePlatform: input.runtimePlatform,
    enableFaultInjection: input.enableFaultInjection,
  };
  const present = Object.fromEntries(
    Object.entries(clone(optional)).filter(([, v]) => v !== undefined),
  ) as Partial<typeof optional>;
  return {
    definition: {
      taskDefinitionArn: facts.taskDefinitionArn,
      containerDefinitions: input.containerDefinitions.map((c) =>
        containerWithDefaults(c, input.networkMode),
      ),
      family: input.family,
      revision: facts.revision,
      volumes: (input.volumes ?? []).map(volumeWithDefaults),
      status: 'ACTIVE',
      requiresAttributes: facts.requiresAttributes,
      placementConstraints: clone(input.placementConstraints ?? []),
      compatibilities: facts.compatibilities,
      registeredBy: facts.registeredBy,
      ...present,
    },
    registeredAt: facts.registeredAt,
    tags: clone(input.tags ?? []),
  };
}
