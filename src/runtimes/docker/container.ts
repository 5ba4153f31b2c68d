/**
 * One started container: its attached output delivered line by line, its exit as ECS
 * reports it, its stop, and its removal once it has exited.
 *
 * The exit is known from the engine's wait; the output from the attach stream, which the
 * engine closes once the container's stdout and stderr are closed. A process the
 * container left behind cannot hold the stream open: the kernel ends every process of the
 * container's pid namespace with its init. Should an engine keep it open anyway, the rest
 * is given up OUTPUT_GRACE_MS after the exit.
 */
import type { Duplex, Readable } from 'node:stream';
import type { Logger } from '../../engine/log.js';
import { createLineSplitter } from '../process/lines.js';
import type {
  ContainerExit,
  ContainerLaunch,
  ContainerOutput,
  OutputStream,
  RunningContainer,
} from '../types.js';
import type { DockerEngine } from './engine.js';
import type { ContainerInspectBody } from './engine-types.js';
import type { HealthMonitor } from '../health-monitor.js';
import { endedAlready } from './http.js';
import { createDemultiplexer } from './multiplex.js';
import { OUT_OF_MEMORY } from './reasons.js';

const OUTPUT_GRACE_MS = 2000;
/** What a process killed by SIGKILL exits with (128 + 9). */
const SIGKILL_EXIT = 137;

export interface FollowSettings {
  engine: DockerEngine;
  id: string;
  launch: ContainerLaunch;
  stream: Duplex | Readable;
  output: ContainerOutput;
  /** False for engines whose OOMKilled is never set (Podman before 5). */
  reportsOomKills: boolean;
  /** Whether the container ran under a memory limit. */
  memoryLimited: boolean;
  health: HealthMonitor | undefined;
  logger: Logger;
  /** Called once the container has been removed (or removal was given up). */
  onGone: () => void;
}

export function followContainer(settings: FollowSettings): RunningContainer {
  const { engine, id, logger } = settings;
  let stopRequested = false;
  let hasExited = false;
  const output = deliverOutput(settings.stream, settings.output, logger);

  const exited = (async (): Promise<ContainerExit> => {
    const { exit, state } = await exitOf(engine, id, output.done, logger);
    hasExited = true;
    settings.health?.stop();
    const grace = setTimeout(output.abandon, OUTPUT_GRACE_MS);
    await output.done;
    clearTimeout(grace);
    if (exit.reason === undefined) {
      const final = state ?? (await engine.inspectContainer(id).catch(() => undefined));
      if (killedForMemory(settings, final, exit.exitCode, stopRequested))
        exit.reason = OUT_OF_MEMORY;
    }
    await engine
      .remove(id, { running: false })
      .catch((error: unknown) =>
        logger.warn('could not remove an exited container', { containerId: id, error }),
      );
    settings.onGone();
    return exit;
  })();

  return {
    runtimeId: id,
    exited,
    stop(timeoutSeconds) {
      if (stopRequested || hasExited) return exited;
      stopRequested = true;
      engine.stop(id, timeoutSeconds).catch((error: unknown) => {
        logger.warn('the engine did not stop a container; removing it', { containerId: id, error });
        void engine.remove(id).catch(() => undefined);
      });
      return exited;
    },
    stats: () => (hasExited ? Promise.resolve(undefined) : engine.stats(id)),
    ...(settings.health
      ? { health: { current: settings.health.current, onChange: settings.health.onChange } }
      : {}),
  };
}

/**
 * How the container ended. The engine's wait says it, but Podman answers a wait only on
 * its next poll, a few hundred milliseconds late; the attach stream ends the moment the
 * container's process does, and an inspect then already shows the exit. Whichever knows
 * first wins; a stream that ended while the container still runs (it closed its stdout
 * and stderr) leaves it to the wait.
 *
 * When the engine cannot be asked at all (it went away), the exit is reported as 137 (what
 * becomes of a container's processes when the engine that ran them is gone) with the
 * agent's CannotInspectContainerError, so the record says the code is not the container's.
 */
async function exitOf(
  engine: DockerEngine,
  id: string,
  outputEnded: Promise<void>,
  logger: Logger,
): Promise<{ exit: ContainerExit; state?: ContainerInspectBody }> {
  const waited = engine.wait(id).then(
    (answer) => ({ exit: { exitCode: answer.StatusCode } }),
    (error: unknown) => ({ error }),
  );
  const seen = outputEnded.then(async () => {
    const state = await engine.inspectContainer(id).catch(() => undefined);
    const code = state?.State?.ExitCode;
    // Only a final state: Podman shows "stopping" (not running, exit code 0) while it
    // still waits for the process; its "stopped" comes with the exit code read.
    const ended = ['exited', 'dead', 'stopped'].includes(state?.State?.Status ?? '');
    return ended && typeof code === 'number' ? { exit: { exitCode: code }, state } : undefined;
  });
  const first = await Promise.race([waited, seen.then((s) => s ?? waited)]);
  if ('exit' in first) return first;
  logger.warn('lost track of a container: its exit code is not known', {
    containerId: id,
    error: first.error,
  });
  const state = await engine.inspectContainer(id).catch(() => undefined);
  if (state?.State?.Running === false && state.State.ExitCode !== undefined)
    return { exit: { exitCode: state.State.ExitCode }, state };
  const why = first.error instanceof Error ? first.error.message : String(first.error);
  return { exit: { exitCode: SIGKILL_EXIT, reason: `CannotInspectContainerError: ${why}` } };
}

/**
 * ECS's OOM verdict comes from the engine's OOMKilled. An engine that never reports it
 * (Podman before 5) is given the one case that has no other cause: a container under a
 * memory limit that died of SIGKILL when teiki did not stop it (inside its own pid
 * namespace a process cannot SIGKILL the container's init).
 */
function killedForMemory(
  settings: FollowSettings,
  state: ContainerInspectBody | undefined,
  exitCode: number,
  stopRequested: boolean,
): boolean {
  if (state?.State?.OOMKilled === true) return true;
  return (
    !settings.reportsOomKills &&
    settings.memoryLimited &&
    exitCode === SIGKILL_EXIT &&
    !stopRequested
  );
}

function deliverOutput(
  stream: Duplex | Readable,
  output: ContainerOutput,
  logger: Logger,
): { done: Promise<void>; abandon: () => void } {
  let failed = false;
  const deliver = (name: OutputStream) => (line: string) => {
    try {
      output(name, line);
    } catch (error) {
      if (!failed) logger.error('container output callback failed', { error });
      failed = true;
    }
  };
  const splitters = {
    stdout: createLineSplitter(deliver('stdout')),
    stderr: createLineSplitter(deliver('stderr')),
  };
  const demux = createDemultiplexer((name, payload) => splitters[name].push(payload));
  let finished = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = () => {
      if (finished) return;
      finished = true;
      splitters.stdout.end();
      splitters.stderr.end();
      resolve();
    };
  });
  stream.on('data', (chunk: Buffer) => demux.push(chunk));
  stream.once('end', finish);
  stream.once('close', finish);
  stream.once('error', finish);
  if (endedAlready(stream)) finish();
  return {
    done,
    abandon: () => {
      stream.destroy();
      finish();
    },
  };
}
