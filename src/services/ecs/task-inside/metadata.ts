/**
 * The task metadata endpoint's documents (v4, and v3 without v4's additions), built from
 * the task's record and its definition with the field names the Fargate agent uses
 * (aws/amazon-ecs-agent `tmds/handlers/v4/state/response.go`, the ECS developer guide's
 * "task metadata v4 JSON response for tasks on Fargate"). A field teiki has no value for
 * is left out, as the agent leaves out what it does not know; nothing is made up.
 */
import type { ContainerStats } from '../../../runtimes/types.js';
import type { ContainerDefinition } from '../generated/types.js';
import type { ContainerRecord, TaskRecord } from '../records.js';

export type MetadataVersion = 'v3' | 'v4';

export interface MetadataSource {
  task: TaskRecord;
  definitions: readonly ContainerDefinition[];
  /** The subnet's CIDR block, for v4's network properties, when the task has one. */
  subnetCidr?: string;
}

export function taskDocument(version: MetadataVersion, source: MetadataSource) {
  const { task } = source;
  const [family, revision] = familyAndRevision(task.taskDefinitionArn);
  const cpu = Number(task.cpu);
  const memory = Number(task.memory);
  return {
    Cluster: task.clusterArn,
    TaskARN: task.taskArn,
    Family: family,
    Revision: revision,
    DesiredStatus: task.desiredStatus,
    KnownStatus: task.lastStatus,
    ...(Number.isFinite(cpu) && Number.isFinite(memory) && task.cpu !== ''
      ? { Limits: { CPU: cpu / 1024, Memory: memory } }
      : {}),
    ...time('PullStartedAt', task.pullStartedAt),
    ...time('PullStoppedAt', task.pullStoppedAt),
    ...time('ExecutionStoppedAt', task.executionStoppedAt),
    AvailabilityZone: task.availabilityZone,
    ...(version === 'v4' ? { LaunchType: task.launchType ?? 'FARGATE' } : {}),
    Containers: task.containers.map((c) => containerDocument(version, source, c)),
  };
}

export function containerDocument(
  version: MetadataVersion,
  source: MetadataSource,
  container: ContainerRecord,
) {
  const { task } = source;
  const definition = source.definitions.find((d) => d.name === container.name);
  const [family, revision] = familyAndRevision(task.taskDefinitionArn);
  const log = definition?.logConfiguration;
  const memory = Number(container.memory ?? task.memory);
  const attachment = task.attachments[0];
  const detail = (name: string) => attachment?.details?.find((d) => d.name === name)?.value;
  const address = container.networkInterfaces[0]?.privateIpv4Address;
  return {
    ...optional('DockerId', container.runtimeId),
    Name: container.name,
    DockerName: container.name,
    Image: container.image,
    ...(container.imageDigest !== undefined ? { ImageID: container.imageDigest } : {}),
    Labels: {
      'com.amazonaws.ecs.cluster': task.clusterArn,
      'com.amazonaws.ecs.container-name': container.name,
      'com.amazonaws.ecs.task-arn': task.taskArn,
      'com.amazonaws.ecs.task-definition-family': family,
      'com.amazonaws.ecs.task-definition-version': revision,
      ...(definition?.dockerLabels ?? {}),
    },
    DesiredStatus: task.desiredStatus,
    KnownStatus: container.lastStatus,
    ...(container.exitCode !== undefined ? { ExitCode: container.exitCode } : {}),
    Limits: {
      CPU: Number(container.cpu) || 0,
      ...(Number.isFinite(memory) ? { Memory: memory } : {}),
    },
    ...time('CreatedAt', task.createdAt),
    ...time('StartedAt', task.startedAt),
    ...time('FinishedAt', container.lastStatus === 'STOPPED' ? task.executionStoppedAt : undefined),
    Type: 'NORMAL',
    ...(version === 'v4'
      ? {
          ...(log ? { LogDriver: log.logDriver, LogOptions: log.options ?? {} } : {}),
          ContainerARN: container.containerArn,
        }
      : {}),
    ...(address !== undefined
      ? {
          Networks: [
            {
              NetworkMode: 'awsvpc',
              IPv4Addresses: [address],
              ...(version === 'v4'
                ? {
                    AttachmentIndex: 0,
                    ...optional('MACAddress', detail('macAddress')),
                    ...optional('IPv4SubnetCIDRBlock', source.subnetCidr),
                    ...optional('PrivateDNSName', detail('privateDnsName')),
                    ...optional('SubnetGatewayIpv4Address', gatewayOf(source.subnetCidr)),
                  }
                : {}),
            },
          ],
        }
      : {}),
  };
}

/**
 * A stats document: the runtime's sample, with `read` from the teiki clock when the
 * runtime leaves it out; zeros where the runtime measured nothing (the container has
 * exited, or its runtime cannot tell), which is what it used.
 */
export function statsDocument(sample: ContainerStats | undefined, nowIso: string): ContainerStats {
  if (sample) return { ...sample, read: sample.read ?? nowIso };
  return {
    read: nowIso,
    cpu_stats: { cpu_usage: { total_usage: 0 } },
    memory_stats: { usage: 0 },
  };
}

function familyAndRevision(taskDefinitionArn: string): [string, string] {
  const name = taskDefinitionArn.slice(taskDefinitionArn.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return [name.slice(0, colon), name.slice(colon + 1)];
}

function time<K extends string>(key: K, ms: number | undefined): Partial<Record<K, string>> {
  return (ms === undefined ? {} : { [key]: new Date(ms).toISOString() }) as Partial<
    Record<K, string>
  >;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
}

/** A VPC subnet's router is its first host address (the CIDR's base + 1). */
function gatewayOf(cidr: string | undefined): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(cidr ?? '');
  if (!match) return undefined;
  return `${match[1]}.${match[2]}.${match[3]}.${Number(match[4]) + 1}`;
}
