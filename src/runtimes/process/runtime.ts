/**
 * The `process` runtime: each container is a host process running its entry point and
 * command (exec form, no shell: `["sh", "-c", "…"]` is how a task gets one), in its root
 * (workdir.ts), with its environment over a minimal base (environment.ts).
 *
 * What a host process cannot honour, and what is done instead:
 * - memory / memoryReservation / cpu: no portable way to limit a host process (cgroups
 *   need privileges and differ by host), so they are not enforced; the docker runtime
 *   enforces them.
 * - user: the process runs as teiki's user; a warning is logged.
 * - ulimits: applied through `prlimit` when the host has it, else a warning (ulimits.ts).
 */
import type { Logger } from '../../engine/log.js';
import { silentLogger } from '../../engine/log.js';
import type { ImageMapping } from '../image-map.js';
import type {
  ContainerExit,
  ContainerLaunch,
  ContainerOutput,
  RunningContainer,
  Runtime,
} from '../types.js';
import { containerEnvironment } from './environment.js';
import { startHealthMonitor, type HealthMonitor } from '../health-monitor.js';
import { hostProbe } from './health.js';
import { HostProcess, type SpawnSpec } from './host-process.js';
import { lookPath } from './lookpath.js';
import { ContainerLedger, processStartTime } from './orphans.js';
import { noCommand, runtimeClosed } from './reasons.js';
import { checkUlimits, prlimitArguments, readHostLimits, type HostLimits } from './ulimits.js';
import { containerRoot, mappedRoot, removeTempRoot, workingDirectory } from './workdir.js';

export interface ProcessRuntimeOptions {
  imageMap: ReadonlyArray<ImageMapping>;
  /** Where running containers are recorded for `cleanupOrphans`; none when absent. */
  stateDir?: string;
  logger?: Logger;
  /** Relative image map targets are taken from here (default: teiki's working directory). */
  baseDir?: string;
  /** Where temporary container roots are made (default the OS temporary directory). */
  scratchDir?: string;
  /** teiki's own environment, which supplies PATH for the base (default `process.env`). */
  hostEnv?: NodeJS.ProcessEnv;
}

export function createProcessRuntime(options: ProcessRuntimeOptions): Runtime {
  const logger = (options.logger ?? silentLogger).child({ runtime: 'process' });
  const baseDir = options.baseDir ?? process.cwd();
  const hostEnv = options.hostEnv ?? process.env;
  const ledger = options.stateDir ? new ContainerLedger(options.stateDir, logger) : undefined;
  /** Each running container with its own stop timeout, for close(). */
  const running = new Map<RunningContainer, number>();
  const starting = new Set<Promise<unknown>>();
  let closed = false;
  let prlimit: Promise<string | undefined> | undefined;
  let hostLimits: HostLimits | undefined;

  const findPrlimit = () =>
    (prlimit ??= lookPath(
      'prlimit',
      hostEnv.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '/',
    ).catch(() => undefined));

  /** The spawn for argv, through prlimit when the launch has ulimits it can apply. */
  async function spawnSpec(
    launch: ContainerLaunch,
    argv: [string, ...string[]],
    cwd: string,
    env: Record<string, string>,
  ): Promise<SpawnSpec> {
    const [name, ...args] = argv;
    const file = await lookPath(name, env.PATH ?? '', cwd);
    if (launch.ulimits.length === 0) return { file, args, argv0: name, cwd, env };
    checkUlimits(launch.ulimits, (hostLimits ??= readHostLimits()));
    const prlimitPath = await findPrlimit();
    if (prlimitPath === undefined) {
      logger.warn('prlimit is not installed: container ulimits are not applied', {
        taskArn: launch.taskArn,
        container: launch.containerName,
        ulimits: launch.ulimits,
      });
      return { file, args, argv0: name, cwd, env };
    }
    return {
      file: prlimitPath,
      args: [...prlimitArguments(launch.ulimits), '--', file, ...args],
      argv0: name,
      cwd,
      env,
    };
  }

  async function startContainer(
    launch: ContainerLaunch,
    output: ContainerOutput,
  ): Promise<RunningContainer> {
    const argv = [...(launch.entryPoint ?? []), ...(launch.command ?? [])];
    if (argv.length === 0) {
      logger.warn(
        'container has no entry point or command; the process runtime has no image to supply one',
        {
          taskArn: launch.taskArn,
          container: launch.containerName,
        },
      );
      throw noCommand();
    }
    if (launch.user !== undefined)
      logger.warn(
        'the process runtime runs containers as teiki\'s own user: "user" is not applied',
        {
          taskArn: launch.taskArn,
          container: launch.containerName,
          user: launch.user,
        },
      );
    const root = await containerRoot(options.imageMap, launch, baseDir, options.scratchDir);
    let proc: HostProcess;
    let spec: SpawnSpec;
    try {
      const cwd = await workingDirectory(root, launch.workingDirectory);
      const env = containerEnvironment(launch.environment, hostEnv);
      spec = await spawnSpec(launch, argv as [string, ...string[]], cwd, env);
      proc = await HostProcess.spawn(spec, output, logger);
    } catch (error) {
      if (root.tempDir !== undefined) await removeTempRoot(root.tempDir);
      throw error;
    }
    const runtimeId = `${launch.taskId}-${proc.pid}`;
    if (ledger) {
      try {
        await ledger.record({
          pid: proc.pid,
          startTime: await processStartTime(proc.pid),
          runtimeId,
          taskArn: launch.taskArn,
          containerName: launch.containerName,
          ...(root.tempDir !== undefined ? { tempDir: root.tempDir } : {}),
        });
      } catch (error) {
        logger.warn('could not record the task process for orphan cleanup', { runtimeId, error });
      }
    }
    let health: HealthMonitor | undefined;
    if (launch.healthCheck && launch.healthCheck.command[0] !== 'NONE')
      health = startHealthMonitor(
        launch.healthCheck,
        hostProbe({ cwd: spec.cwd, env: spec.env, logger }),
        logger,
      );

    const exited: Promise<ContainerExit> = proc.exited.then(async (exit) => {
      health?.stop();
      running.delete(container);
      await ledger
        ?.forget(runtimeId)
        .catch((error: unknown) =>
          logger.warn('could not remove the orphan record', { runtimeId, error }),
        );
      if (root.tempDir !== undefined)
        await removeTempRoot(root.tempDir).catch((error: unknown) =>
          logger.warn('could not remove the container directory', { dir: root.tempDir, error }),
        );
      return exit;
    });
    const container: RunningContainer = {
      runtimeId,
      exited,
      stop: (timeoutSeconds) => {
        void proc.stop(timeoutSeconds);
        return exited;
      },
      ...(health ? { health: { current: health.current, onChange: health.onChange } } : {}),
    };
    running.set(container, launch.stopTimeoutSeconds);
    logger.debug('container started', { runtimeId, taskArn: launch.taskArn, argv });
    return container;
  }

  return {
    kind: 'process',

    async prepareImage(launch) {
      // Nothing to pull; a mapping to a directory that is not there is this runtime's
      // "image not found".
      await mappedRoot(options.imageMap, launch.image, baseDir);
      return {};
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
      if (!ledger) return 0;
      return ledger.cleanup(new Set([...running.keys()].map((c) => c.runtimeId)));
    },

    async close() {
      closed = true;
      await Promise.allSettled([...starting]);
      await Promise.all([...running].map(([container, timeout]) => container.stop(timeout)));
    },
  };
}
