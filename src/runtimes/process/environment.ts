/**
 * The environment a host-process container starts with. A container sees only what its
 * image sets plus what ECS adds, never the environment of the agent that started it; the
 * process runtime keeps that promise: teiki's own variables (credentials, TEIKI_*, the
 * user's shell settings) do not reach tasks. The base stands in for the image's:
 *
 * - PATH: the host's, because the programs a host process runs are the host's (an image's
 *   `/usr/local/sbin:…:/bin` would hide tools installed elsewhere, say under ~/.local or a
 *   version manager). Docker's default when teiki itself has none.
 * - HOME: the host user's home, so tools find their caches and configuration.
 * - HOSTNAME: the host's name, which is what `hostname` prints inside the task too.
 * - TZ=UTC: Fargate containers run in UTC; without it a task's timestamps would follow the
 *   host's zone and differ from what the same task logs on AWS.
 *
 * The launch's environment is applied over the base, so a task definition can set any of
 * them.
 */
import { homedir, hostname } from 'node:os';

const DOCKER_DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function baseEnvironment(hostEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    PATH: hostEnv.PATH || DOCKER_DEFAULT_PATH,
    HOME: homedir(),
    HOSTNAME: hostname(),
    TZ: 'UTC',
  };
}

export function containerEnvironment(
  launchEnvironment: Record<string, string>,
  hostEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  return { ...baseEnvironment(hostEnv), ...launchEnvironment };
}
