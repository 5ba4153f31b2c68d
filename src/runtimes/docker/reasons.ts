/**
 * The `reason` texts ECS writes for a container the docker runtime could not run. Where
 * the engine's failure came from runc (a missing executable, a bad working directory, a
 * ulimit refused), runc's own words are kept inside Fargate's wording, whichever engine
 * wrapped them (Docker ends them with `: unknown`, Podman with `: OCI …`), so a task reads
 * the same on teiki with Docker, with Podman and on AWS. Other engine errors keep the ECS
 * agent's wording: `Error response from daemon: …`.
 */
import { ContainerStartError } from '../types.js';

/**
 * What Fargate (platform 1.4: containerd and runc 1.1) writes before runc's own message
 * when a container cannot start.
 */
const RUNC_CREATE =
  'CannotStartContainerError: ResourceInitializationError: failed to create new container ' +
  'runtime task: failed to create shim task: OCI runtime create failed: runc create failed: ';

export const OUT_OF_MEMORY = 'OutOfMemoryError: Container killed due to memory usage';

/** The pull of `ref` failed with the engine's `message`. */
export function pullFailed(ref: string, message: string): ContainerStartError {
  return new ContainerStartError(
    `CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to ` +
      `resolve ref ${ref}: ${message}`,
  );
}

export function createFailed(message: string): ContainerStartError {
  return new ContainerStartError(
    `CannotCreateContainerError: Error response from daemon: ${message}`,
  );
}

export function startFailed(message: string): ContainerStartError {
  const detail = runcDetail(message);
  return new ContainerStartError(
    detail !== undefined
      ? `${RUNC_CREATE}${detail}: unknown`
      : `CannotStartContainerError: Error response from daemon: ${message}`,
  );
}

/** runc's part of an engine's start error, without the engine's suffix. */
export function runcDetail(message: string): string | undefined {
  const marker = 'runc create failed: ';
  const at = message.indexOf(marker);
  if (at === -1) return undefined;
  return message.slice(at + marker.length).replace(/: (OCI [^:]*|unknown)$/, '');
}

/** The engine's words for a ulimit it could not set (runc; crun names the resource). */
export function isRlimitRefused(message: string, ulimitName: string): boolean {
  const types: Record<string, number> = { nofile: 7, nproc: 6 };
  const type = types[ulimitName];
  const named =
    (type !== undefined && message.includes(`rlimit type ${type}:`)) ||
    message.includes(`RLIMIT_${ulimitName.toUpperCase()}`);
  return named && /operation not permitted/i.test(message);
}

export function engineLost(message: string): ContainerStartError {
  return new ContainerStartError(`CannotStartContainerError: ${message}`);
}

export function runtimeClosed(): ContainerStartError {
  return new ContainerStartError('CannotStartContainerError: the docker runtime is shutting down');
}
