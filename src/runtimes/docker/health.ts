/**
 * Container health checks run by teiki through the exec API, not by the engine. Podman
 * runs its health checks from systemd timers, so without systemd (CI, most containers)
 * they never run; Docker runs them but only reports them when asked. Running the probe
 * ourselves behaves the same on every engine and reports each change at once.
 *
 * The rules are Docker's, which ECS reports: the first probe one interval after the start,
 * each next one an interval after the previous finished; exit 0 is a success, anything else
 * (a non-zero code, a timeout, an exec the engine refused) a failure; UNKNOWN until a
 * success makes it HEALTHY or `retries` consecutive failures make it UNHEALTHY; while the
 * container has never been healthy, failures inside the start period do not count.
 *
 * A probe past its timeout counts as failed and its stream is dropped; unlike dockerd,
 * the API gives no way to kill the probe's process, which ends when it ends.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../engine/log.js';
import type { HealthStatus } from '../../services/ecs/generated/types.js';
import { probeArgv } from '../process/health.js';
import type { ContainerHealthCheck } from '../types.js';
import type { DockerEngine } from './engine.js';
import { endedAlready } from './http.js';

/** Docker's defaults for a zero or negative setting. */
const DEFAULT_INTERVAL_SECONDS = 30;
const DEFAULT_TIMEOUT_SECONDS = 30;
const DEFAULT_RETRIES = 3;

export interface HealthMonitor {
  current: () => HealthStatus;
  onChange: (listener: (status: HealthStatus) => void) => () => void;
  stop: () => void;
}

export interface Probe {
  done: Promise<boolean>;
  cancel: () => void;
}

export type ProbeRunner = (argv: string[], timeoutMs: number) => Probe;

export function startHealthMonitor(
  check: ContainerHealthCheck,
  runProbe: ProbeRunner,
  logger: Logger,
): HealthMonitor {
  const startedAt = performance.now();
  const intervalMs = seconds(check.intervalSeconds, DEFAULT_INTERVAL_SECONDS) * 1000;
  const timeoutMs = seconds(check.timeoutSeconds, DEFAULT_TIMEOUT_SECONDS) * 1000;
  const retries = check.retries > 0 ? check.retries : DEFAULT_RETRIES;
  const startPeriodMs = Math.max(0, check.startPeriodSeconds) * 1000;
  const argv = probeArgv(check.command);
  const listeners = new Set<(status: HealthStatus) => void>();
  let status: HealthStatus = 'UNKNOWN';
  let failingStreak = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Probe | undefined;

  const setStatus = (next: HealthStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        logger.warn('health status listener failed', { error });
      }
    }
  };

  const record = (success: boolean, probeStartedAt: number) => {
    if (success) {
      failingStreak = 0;
      setStatus('HEALTHY');
      return;
    }
    if (status === 'UNKNOWN' && probeStartedAt - startedAt < startPeriodMs) return;
    failingStreak++;
    if (failingStreak >= retries) setStatus('UNHEALTHY');
  };

  const tick = async (probeArgs: string[]) => {
    if (stopped) return;
    const probeStartedAt = performance.now();
    running = runProbe(probeArgs, timeoutMs);
    const success = await running.done;
    running = undefined;
    if (stopped) return;
    record(success, probeStartedAt);
    timer = setTimeout(() => void tick(probeArgs), intervalMs);
  };

  if (argv) timer = setTimeout(() => void tick(argv), intervalMs);
  else
    logger.warn('health check command is not CMD or CMD-SHELL: status stays UNKNOWN', {
      command: check.command,
    });

  return {
    current: () => status,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      running?.cancel();
    },
  };
}

function seconds(value: number, fallback: number): number {
  return value > 0 ? value : fallback;
}

/** One probe as an exec in the container: true when it exits 0 within the timeout. */
export function execProbe(engine: DockerEngine, containerId: string): ProbeRunner {
  return (argv, timeoutMs) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const done = (async () => {
      try {
        const execId = await engine.createExec(containerId, argv);
        const stream = await engine.startExec(execId, controller.signal);
        await new Promise<void>((resolve) => {
          // The probe's output is not kept (ECS shows none of it); reading drains it.
          stream.resume();
          stream.once('end', resolve);
          stream.once('close', resolve);
          stream.once('error', () => resolve());
          if (endedAlready(stream)) resolve();
          const abort = () => {
            stream.destroy();
            resolve();
          };
          if (controller.signal.aborted) abort();
          else controller.signal.addEventListener('abort', abort, { once: true });
        });
        // The stream can close a moment before the engine has recorded the exit code.
        for (let attempt = 0; attempt < 50 && !controller.signal.aborted; attempt++) {
          const result = await engine.inspectExec(execId);
          if (result.Running !== true) return result.ExitCode === 0;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return false;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    })();
    return { done, cancel: () => controller.abort() };
  };
}
