/**
 * Where a task's containers run. One small interface for every runtime (DESIGN.md):
 * `process` runs each container's entry point and command as a host process, `docker`
 * runs a real container through the Docker Engine API (Docker or Podman).
 *
 * The ECS task supervisor owns the lifecycle (statuses, timestamps, stop codes); a runtime
 * only makes an image available, starts one container, streams its output line by line,
 * reports how it exited, and stops it. Runtimes deal with real processes, so their grace
 * periods (the stop timeout) are wall-clock time, not the teiki clock.
 */
export type RuntimeKind = 'process' | 'docker';

/** A container's health as ECS reports it (ECS's own `HealthStatus` values). */
export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

export interface ContainerUlimit {
  name: string;
  softLimit: number;
  hardLimit: number;
}

export interface ContainerHealthCheck {
  command: string[];
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  startPeriodSeconds: number;
}

/** Everything a runtime needs to start one container of a task, overrides applied. */
export interface ContainerLaunch {
  taskArn: string;
  /** The last part of the task ARN (32 hex characters). */
  taskId: string;
  clusterArn: string;
  /** `family:revision`. */
  taskDefinition: string;
  containerName: string;
  /** The image as the container definition names it (before any image map). */
  image: string;
  entryPoint?: string[];
  command?: string[];
  /** The container's environment as ECS builds it (definition, then overrides). */
  environment: Record<string, string>;
  workingDirectory?: string;
  user?: string;
  /** Container cpu units (1024 = one vCPU), when set. */
  cpu?: number;
  /** Hard memory limit in MiB, when set on the container. */
  memory?: number;
  /** Soft memory limit in MiB, when set. */
  memoryReservation?: number;
  /** Task-level cpu units and memory MiB (Fargate always has both). */
  taskCpu?: number;
  taskMemory?: number;
  ulimits: ContainerUlimit[];
  healthCheck?: ContainerHealthCheck;
  /** Seconds between SIGTERM and SIGKILL when the container is stopped. */
  stopTimeoutSeconds: number;
  /** Labels that tie a container to its task (`com.amazonaws.ecs.task-arn`, …). */
  labels: Record<string, string>;
  /** A private registry's credentials for the pull (`repositoryCredentials`, fetched). */
  registryAuth?: { username: string; password: string };
}

export type OutputStream = 'stdout' | 'stderr';

/** Receives each line a container prints, without its line terminator, as it comes. */
export type ContainerOutput = (stream: OutputStream, line: string) => void;

export interface ContainerExit {
  /** The exit code; 128 + signal number when a signal ended the process. */
  exitCode: number;
  /** A reason as ECS reports it, for example an OOM kill; absent for a plain exit. */
  reason?: string;
}

export interface RunningContainer {
  /** The runtime's own id: a container id, or `TASKID-PID` for a host process. */
  readonly runtimeId: string;
  /**
   * Settles once the container has exited and every line of its output has been passed to
   * the output callback. Never rejects.
   */
  readonly exited: Promise<ContainerExit>;
  /** SIGTERM, then SIGKILL after `timeoutSeconds`; resolves as `exited` does. Idempotent. */
  stop(timeoutSeconds: number): Promise<ContainerExit>;
  /**
   * A sample of the container's resource use, in the Docker Engine's stats form (what the
   * task metadata endpoint's `/stats` serves); undefined once it has exited or where the
   * runtime cannot tell.
   */
  stats?(): Promise<ContainerStats | undefined>;
  /** Present when the container has a health check: its status as ECS reports it. */
  health?: {
    current(): HealthStatus;
    onChange(listener: (status: HealthStatus) => void): () => void;
  };
}

/**
 * A container that could not be started. `reason` is what ECS writes in the container's
 * `reason` and the task's `stoppedReason`, with its prefix, for example
 * `CannotPullContainerError: …` or `CannotStartContainerError: …`.
 */
export class ContainerStartError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ContainerStartError';
  }
}

/**
 * A container's resource use as the Docker Engine's `GET /containers/{id}/stats` reports
 * it (the ECS agent serves that document as is). Only the members a runtime can measure
 * are required; the docker runtime passes the engine's whole answer through.
 */
export interface ContainerStats {
  /** When the sample was taken; the engine sets it, the process runtime leaves it out. */
  read?: string;
  preread?: string;
  cpu_stats: {
    cpu_usage: { total_usage: number };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  memory_stats: { usage?: number; max_usage?: number; limit?: number };
  [member: string]: unknown;
}

export interface Runtime {
  readonly kind: RuntimeKind;
  /**
   * The address a task's containers reach the host at (teiki's tasks call it back there
   * for the metadata and credentials endpoints and AWS_ENDPOINT_URL): loopback for host
   * processes, the engine network's gateway for containers; undefined when a container has
   * no network to reach it by.
   */
  hostAddress(): Promise<string | undefined>;
  /**
   * Makes the container's image available (the docker runtime pulls it when absent).
   * Throws ContainerStartError with a `CannotPullContainerError: …` reason.
   */
  prepareImage(launch: ContainerLaunch): Promise<{ imageDigest?: string }>;
  /** Starts the container. Throws ContainerStartError when it cannot start. */
  start(launch: ContainerLaunch, output: ContainerOutput): Promise<RunningContainer>;
  /** Removes what an earlier teiki left running (found by label); returns how many. */
  cleanupOrphans(): Promise<number>;
  /** Stops every container still running (SIGTERM, SIGKILL after each one's timeout). */
  close(): Promise<void>;
}
