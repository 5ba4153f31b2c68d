/**
 * The `docker` runtime: each container of a task is a real container, run through the
 * Docker Engine API (Docker, or Podman's API service), with the task definition's limits.
 *
 * A container is created, attached (before it starts, so no output is missed), started,
 * followed until it exits (container.ts) and then removed. Health checks run as execs
 * (health.ts). Containers carry labels naming their task and this teiki, so the ones a
 * killed teiki left are removed at the next start (orphans.ts).
 *
 * ulimits: Fargate gives every container nofile 65535 unless the task says otherwise, and
 * so does this runtime. An engine that cannot raise its own limit that high (a host whose
 * hard nofile is lower and that denies CAP_SYS_RESOURCE, such as some CI machines) refuses
 * it at start; the runtime then warns once and leaves nofile to the engine's default for
 * the rest of its life. Limits a task sets itself are never dropped.
 */
import type { Logger } from '../../engine/log.js';
import { silentLogger } from '../../engine/log.js';
import { resolveImage, type ImageMapping } from '../image-map.js';
import type { ContainerLaunch, ContainerOutput, RunningContainer, Runtime } from '../types.js';
import { ContainerStartError } from '../types.js';
import { followContainer } from './container.js';
import { containerName, createBody, type NetworkMode } from './create-spec.js';
import { engineAddress } from './engine-address.js';
import { DockerEngine, type EngineInfo, type RegistryAuth } from './engine.js';
import type { ImageInspectBody } from './engine-types.js';
import { startHealthMonitor, type HealthMonitor } from '../health-monitor.js';
import { execProbe } from './health.js';
import { EngineError, EngineUnreachableError } from './http.js';
import { OWNER_LABEL, ownerId, removeOrphans } from './orphans.js';
import {
  createFailed,
  engineLost,
  isRlimitRefused,
  pullFailed,
  runtimeClosed,
  startFailed,
} from './reasons.js';

export interface DockerRuntimeOptions {
  imageMap: ReadonlyArray<ImageMapping>;
  network: NetworkMode;
  /** Where the owner id is kept, so a restart finds its orphans; none when absent. */
  stateDir?: string;
  logger?: Logger;
  /** Supplies DOCKER_HOST and DOCKER_TLS_VERIFY (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** No engine answers: teiki cannot start with `--runtime docker`. */
export class DockerUnavailableError extends Error {
  override readonly name = 'DockerUnavailableError';
}

interface Ready {
  engine: DockerEngine;
  info: EngineInfo;
  owner: string;
}

export function createDockerRuntime(options: DockerRuntimeOptions): Runtime {
  const logger = (options.logger ?? silentLogger).child({ runtime: 'docker' });
  const env = options.env ?? process.env;
  const running = new Map<RunningContainer, number>();
  /** Ids of containers this runtime created and has not removed yet. */
  const live = new Set<string>();
  const starting = new Set<Promise<unknown>>();
  const pulls = new Map<string, Promise<ImageInspectBody>>();
  let engine: DockerEngine | undefined;
  let ready: Promise<Ready> | undefined;
  let closed = false;
  let grantNofile = true;

  /** Connects once; a failure is not remembered, so a later call may find the engine. */
  function connect(): Promise<Ready> {
    if (ready) return ready;
    const attempt = (async () => {
      engine ??= new DockerEngine(engineAddress(env));
      let info: EngineInfo;
      try {
        info = await engine.info();
      } catch (error) {
        throw unavailable(engine.address.display, error);
      }
      const owner = await ownerId(options.stateDir);
      logger.info('docker runtime connected', {
        engine: info.product,
        address: engine.address.display,
        apiVersion: info.apiVersion,
        network: options.network,
      });
      return { engine, info, owner };
    })();
    ready = attempt;
    attempt.catch(() => {
      if (ready === attempt) ready = undefined;
    });
    return attempt;
  }

  const localImage = (launch: ContainerLaunch) =>
    resolveImage(options.imageMap, launch.image) ?? launch.image;

  /** The image, pulled when the engine does not have it; concurrent pulls share one. */
  async function ensureImage(
    docker: DockerEngine,
    ref: string,
    auth?: RegistryAuth,
  ): Promise<ImageInspectBody> {
    const present = await docker.inspectImage(ref);
    if (present) return present;
    let pull = pulls.get(ref);
    if (!pull) {
      pull = (async () => {
        logger.info('pulling an image', { image: ref });
        await docker.pullImage(ref, auth);
        const pulled = await docker.inspectImage(ref);
        if (!pulled) throw new EngineError(404, `${ref}: not found after the pull`);
        return pulled;
      })().finally(() => pulls.delete(ref));
      pulls.set(ref, pull);
    }
    return pull;
  }

  async function startContainer(
    launch: ContainerLaunch,
    output: ContainerOutput,
  ): Promise<RunningContainer> {
    const {
      engine: docker,
      info,
      owner,
    } = await connect().catch((error: unknown) => {
      throw engineLost(error instanceof Error ? error.message : String(error));
    });
    for (;;) {
      const fargateNofile = grantNofile;
      const body = createBody(launch, {
        image: localImage(launch),
        network: options.network,
        labels: { [OWNER_LABEL]: owner },
        fargateNofile,
      });
      let id: string;
      try {
        id = await docker.createContainer(containerName(launch), body);
      } catch (error) {
        throw createFailed(messageOf(error));
      }
      live.add(id);
      let stream;
      try {
        stream = await docker.attach(id);
        try {
          await docker.start(id);
        } catch (error) {
          stream.destroy();
          throw error;
        }
      } catch (error) {
        await docker.remove(id).catch((removeError: unknown) =>
          logger.warn('could not remove a container that did not start', {
            containerId: id,
            error: removeError,
          }),
        );
        live.delete(id);
        const message = messageOf(error);
        if (fargateNofile && isRlimitRefused(message, 'nofile')) {
          grantNofile = false;
          logger.warn(
            "the engine cannot grant Fargate's nofile limit of 65535 on this host; containers " +
              "get the engine's default instead (set nofile in the task definition to choose)",
            { engine: info.product, error: message },
          );
          continue;
        }
        hintAtEngineDefaults(launch, message);
        throw startFailed(message);
      }
      let health: HealthMonitor | undefined;
      if (launch.healthCheck && launch.healthCheck.command[0] !== 'NONE')
        health = startHealthMonitor(launch.healthCheck, execProbe(docker, id), logger);
      const container = followContainer({
        engine: docker,
        id,
        launch,
        stream,
        output,
        reportsOomKills: info.reportsOomKills,
        memoryLimited: body.HostConfig.Memory !== undefined,
        health,
        logger,
        onGone: () => {
          live.delete(id);
          running.delete(container);
        },
      });
      running.set(container, launch.stopTimeoutSeconds);
      logger.debug('container started', {
        containerId: id,
        taskArn: launch.taskArn,
        container: launch.containerName,
      });
      return container;
    }
  }

  /** A ulimit the task did not ask for was refused: the engine's defaults need setting. */
  function hintAtEngineDefaults(launch: ContainerLaunch, message: string): void {
    for (const name of ['nofile', 'nproc']) {
      if (!isRlimitRefused(message, name) || launch.ulimits.some((u) => u.name === name)) continue;
      logger.warn(
        `the engine's default ${name} limit cannot be applied on this host; set it in the ` +
          'engine (Podman: default_ulimits in containers.conf; Docker: default-ulimits in ' +
          'daemon.json) or in the task definition',
        { taskArn: launch.taskArn, container: launch.containerName },
      );
    }
  }

  let hostAddress: Promise<string | undefined> | undefined;

  return {
    kind: 'docker',

    hostAddress() {
      if (options.network === 'none') return Promise.resolve(undefined);
      // Docker calls its default network `bridge`; Podman's compat API answers that name too.
      hostAddress ??= connect().then(({ engine: docker }) => docker.networkGateway('bridge'));
      hostAddress.catch(() => (hostAddress = undefined));
      return hostAddress;
    },

    async prepareImage(launch) {
      const ref = localImage(launch);
      let image: ImageInspectBody;
      try {
        const { engine: docker } = await connect();
        image = await ensureImage(docker, ref, launch.registryAuth);
      } catch (error) {
        throw pullFailed(ref, messageOf(error));
      }
      const repoDigest = image.RepoDigests?.find((d) => d.includes('@'));
      return { imageDigest: repoDigest ? repoDigest.slice(repoDigest.indexOf('@') + 1) : image.Id };
    },

    async start(launch, output) {
      if (closed) throw runtimeClosed();
      const pending = startContainer(launch, output);
      starting.add(pending);
      try {
        return await pending;
      } finally {
        starting.delete(pending);
      }
    },

    async cleanupOrphans() {
      const { engine: docker, owner } = await connect();
      return removeOrphans(docker, owner, live, logger);
    },

    async close() {
      closed = true;
      await Promise.allSettled([...starting]);
      await Promise.all([...running].map(([container, timeout]) => container.stop(timeout)));
      engine?.close();
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof ContainerStartError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

function unavailable(address: string, error: unknown): Error {
  if (!(error instanceof EngineUnreachableError)) return error as Error;
  return new DockerUnavailableError(
    `--runtime docker: ${error.message}. Start Docker, or Podman's API service ` +
      '(podman system service --time=0 unix:///run/podman/podman.sock), and point ' +
      'DOCKER_HOST at its socket (unix:///path or tcp://host:port); or use --runtime process.',
    { cause: error },
  );
}
