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
 *
 * Every container is recorded in the runtime's ledger before it exists (ledger.ts), so a
 * teiki killed at any moment leaves nothing the next start cannot find (orphans.ts).
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
import { processStats } from './stats.js';
import { processStartTime } from '../procfs.js';
import { HostProcess, type SpawnSpec } from './host-process.js';
import { InstanceLedger, type LaunchRecord } from './ledger.js';
import { lookPath } from './lookpath.js';
import { reapOrphans } from './orphans.js';
import {
  errnoText,
  ledgerFailed,
  noCommand,
  ProgramNotRunnable,
  runtimeClosed,
} from './reasons.js';
import { defaultStateDir } from './state-dir.js';
import { checkUlimits, prlimitArguments, readHostLimits, type HostLimits } from './ulimits.js';
import {
  makeTempRoot,
  mappedRoot,
  removeTempRoot,
  workingDirectory,
  type ContainerRoot,
} from './workdir.js';

export interface ProcessRuntimeOptions {
  imageMap: ReadonlyArray<ImageMapping>;
  /**
   * Where the runtime keeps its ledger (a directory per teiki process) and, by default,
   * temporary container roots. Default: a per-user directory under the OS temporary
   * directory, shared by every teiki without a data directory (state-dir.ts).
   */
  stateDir?: string;
  logger?: Logger;
  /** Relative image map targets are taken from here (default: teiki's working directory). */
  baseDir?: string;
  /** Where temporary container roots are made (default: inside the ledger's directory). */
  scratchDir?: string;
  /** teiki's own environment, which supplies PATH for the base (default `process.env`). */
  hostEnv?: NodeJS.ProcessEnv;
}

export function createProcessRuntime(options: ProcessRuntimeOptions): Runtime {
  const logger = (options.logger ?? silentLogger).child({ runtime: 'process' });
  const baseDir = options.baseDir ?? process.cwd();
  const hostEnv = options.hostEnv ?? process.env;
  let ledger: Promise<InstanceLedger> | undefined;
  const openLedger = () =>
    (ledger ??= (async () =>
      InstanceLedger.forThisProcess(options.stateDir ?? (await defaultStateDir(logger))))());
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
    if (launch.ulimits.length === 0) return { argv, argv0: name, cwd, env };
    checkUlimits(launch.ulimits, (hostLimits ??= readHostLimits()));
    const prlimitPath = await findPrlimit();
    if (prlimitPath === undefined) {
      logger.warn('prlimit is not installed: container ulimits are not applied', {
        taskArn: launch.taskArn,
        container: launch.containerName,
        ulimits: launch.ulimits,
      });
      return { argv, argv0: name, cwd, env };
    }
    return {
      argv: [prlimitPath, ...prlimitArguments(launch.ulimits), '--', file, ...args],
      argv0: name,
      cwd,
      env,
    };
  }

  /** Records the launch before anything of it exists; its root is planned in the record. */
  async function recordIntent(
    book: InstanceLedger,
    launch: ContainerLaunch,
  ): Promise<{ record: LaunchRecord; root: ContainerRoot | undefined }> {
    const mapped = await mappedRoot(options.imageMap, launch.image, baseDir);
    const record = book.plan(
      launch.taskId,
      { taskArn: launch.taskArn, containerName: launch.containerName },
      mapped === undefined ? (options.scratchDir ?? book.rootsDir) : undefined,
    );
    await book.write(record).catch((error: unknown) => {
      throw ledgerFailed(errnoText((error as NodeJS.ErrnoException).code));
    });
    return { record, root: mapped === undefined ? undefined : { root: mapped } };
  }

  async function startContainer(
    launch: ContainerLaunch,
    output: ContainerOutput,
  ): Promise<RunningContainer> {
    const argv = [...(launch.entryPoint ?? []), ...(launch.command ?? [])];
    if (argv.length === 0) throw noCommand(launch.containerName, launch.image);
    if (launch.user !== undefined)
      logger.warn(
        'the process runtime runs containers as teiki\'s own user: "user" is not applied',
        {
          taskArn: launch.taskArn,
          container: launch.containerName,
          user: launch.user,
        },
      );
    const book = await openLedger();
    const intent = await recordIntent(book, launch);
    const { record } = intent;
    let root: ContainerRoot | undefined = intent.root;
    let proc: HostProcess;
    let spec: SpawnSpec;
    try {
      root ??= await makeTempRoot(record.tempDir as string);
      const cwd = await workingDirectory(root, launch.workingDirectory);
      const env = containerEnvironment(launch.environment, hostEnv);
      spec = await spawnSpec(launch, argv as [string, ...string[]], cwd, env);
      proc = await HostProcess.spawn(spec, output, logger, async (pid) => {
        // The program runs only once this record, naming its session, is on disk.
        const startTime = await processStartTime(pid);
        await book
          .write({ ...record, pid, ...(startTime !== undefined ? { startTime } : {}) })
          .catch((error: unknown) => {
            throw ledgerFailed(errnoText((error as NodeJS.ErrnoException).code));
          });
      });
    } catch (error) {
      await forgetLaunch(book, record);
      // Unmapped, the image's files are nowhere: the program was looked for on the host.
      if (record.tempDir !== undefined && error instanceof ProgramNotRunnable)
        throw error.onHost(launch.image);
      throw error;
    }
    const runtimeId = `${launch.taskId}-${proc.pid}`;
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
      await forgetLaunch(book, record);
      return exit;
    });
    const container: RunningContainer = {
      runtimeId,
      exited,
      stop: (timeoutSeconds) => {
        void proc.stop(timeoutSeconds);
        return exited;
      },
      // The leader's pid is its session's id (it was spawned as a session leader).
      stats: () => processStats(proc.pid, launch.memory ?? launch.taskMemory),
      ...(health ? { health: { current: health.current, onChange: health.onChange } } : {}),
    };
    running.set(container, launch.stopTimeoutSeconds);
    logger.debug('container started', { runtimeId, taskArn: launch.taskArn, argv });
    return container;
  }

  /** Removes the container's root, then its record (never the other way round). */
  async function forgetLaunch(book: InstanceLedger, record: LaunchRecord): Promise<void> {
    if (record.tempDir !== undefined)
      await removeTempRoot(record.tempDir).catch((error: unknown) =>
        logger.warn('could not remove the container directory', { dir: record.tempDir, error }),
      );
    await book
      .forget(record.launchId)
      .catch((error: unknown) =>
        logger.warn('could not remove the orphan record', { launchId: record.launchId, error }),
      );
  }

  return {
    kind: 'process',

    // A host process reaches teiki where teiki listens on this host: loopback.
    hostAddress: () => Promise.resolve('127.0.0.1'),

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
      const book = await openLedger();
      return reapOrphans(book.parent, book.name, logger);
    },

    async close() {
      closed = true;
      await Promise.allSettled([...starting]);
      await Promise.all([...running].map(([container, timeout]) => container.stop(timeout)));
      // Every container has ended and forgotten itself: nothing of this runtime remains.
      if (ledger) await (await ledger).remove().catch(() => {});
    },
  };
}
