/**
 * A container definition as the engine's create request, the way the ECS agent maps it:
 *
 * - entryPoint and command replace the image's (an entry point without a command runs
 *   without the image's CMD, as the engine does when Entrypoint is given).
 * - cpu units are CPU shares (the agent's floor of 2); the task's cpu becomes a CFS quota
 *   over the default 100 ms period, so a task of 256 units gets a quarter of one CPU.
 *   Fargate puts every container of a task under one task cgroup; through this API each
 *   container gets the task's quota as its own ceiling.
 * - memory: the container's hard limit, else the task's memory (a Fargate container can
 *   use all of it); no swap, as on Fargate; memoryReservation is the soft limit.
 * - ulimits as given, plus Fargate's default nofile of 65535 unless the task sets nofile
 *   (see ulimits in runtime.ts for engines that cannot grant it).
 * - labels tie the container to its task; teiki's owner label lets a later teiki find what
 *   an earlier one left (orphans.ts).
 */
import type { ContainerLaunch, ContainerUlimit } from '../types.js';
import type { ContainerCreateBody, UlimitBody } from './engine-types.js';

const MIB = 1024 * 1024;
const CPU_PERIOD_MICROSECONDS = 100_000;
/** The smallest CPU share the kernel and the ECS agent accept. */
const MIN_CPU_SHARES = 2;

/** The engine's default bridge network, or none at all (loopback only). */
export type NetworkMode = 'bridge' | 'none';

/** Fargate's default for open files; every other limit is the engine's default. */
export const FARGATE_NOFILE: ContainerUlimit = {
  name: 'nofile',
  softLimit: 65535,
  hardLimit: 65535,
};

export interface CreateSettings {
  /** The local image to run (the image map's target, or the definition's image). */
  image: string;
  network: NetworkMode;
  /** Extra labels (the owner label). */
  labels: Record<string, string>;
  /** Whether to add Fargate's nofile default when the task sets none. */
  fargateNofile: boolean;
}

export function createBody(launch: ContainerLaunch, settings: CreateSettings): ContainerCreateBody {
  const memoryMiB = launch.memory ?? launch.taskMemory;
  return {
    Image: settings.image,
    ...(launch.entryPoint !== undefined ? { Entrypoint: launch.entryPoint } : {}),
    ...(launch.command !== undefined ? { Cmd: launch.command } : {}),
    Env: Object.entries(launch.environment).map(([name, value]) => `${name}=${value}`),
    ...(launch.workingDirectory !== undefined ? { WorkingDir: launch.workingDirectory } : {}),
    ...(launch.user !== undefined ? { User: launch.user } : {}),
    Labels: { ...launch.labels, ...settings.labels },
    StopTimeout: launch.stopTimeoutSeconds,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: false,
    Tty: false,
    HostConfig: {
      NetworkMode: settings.network,
      ...(launch.cpu !== undefined ? { CpuShares: Math.max(MIN_CPU_SHARES, launch.cpu) } : {}),
      ...(launch.taskCpu !== undefined && launch.taskCpu > 0
        ? {
            CpuPeriod: CPU_PERIOD_MICROSECONDS,
            CpuQuota: Math.round((launch.taskCpu / 1024) * CPU_PERIOD_MICROSECONDS),
          }
        : {}),
      ...(memoryMiB !== undefined && memoryMiB > 0
        ? { Memory: memoryMiB * MIB, MemorySwap: memoryMiB * MIB }
        : {}),
      ...(launch.memoryReservation !== undefined && launch.memoryReservation > 0
        ? { MemoryReservation: launch.memoryReservation * MIB }
        : {}),
      Ulimits: ulimits(launch.ulimits, settings.fargateNofile),
    },
  };
}

function ulimits(given: readonly ContainerUlimit[], fargateNofile: boolean): UlimitBody[] {
  const all =
    fargateNofile && !given.some((u) => u.name === 'nofile') ? [...given, FARGATE_NOFILE] : given;
  // ECS and the engine both write -1 for unlimited.
  return all.map((u) => ({ Name: u.name, Soft: u.softLimit, Hard: u.hardLimit }));
}

/** The engine's container name: unique per task and container, readable in `docker ps`. */
export function containerName(launch: ContainerLaunch): string {
  return `teiki-${launch.taskId}-${launch.containerName}`;
}
