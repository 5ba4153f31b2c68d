/**
 * Container health checks with Docker's rules, which ECS reports: the first probe one
 * interval after the start, each next one an interval after the previous finished; exit 0
 * is a success, anything else (a non-zero code, a timeout, a probe that cannot start) a
 * failure; UNKNOWN (Docker's "starting") until a success makes it HEALTHY or `retries`
 * consecutive failures make it UNHEALTHY; while the container has never been healthy,
 * failures inside the start period do not count. With `NONE` or an unknown command form
 * no probe runs and the status stays UNKNOWN, as ECS shows it.
 *
 * Each runtime supplies how one probe runs (a host process, an exec in a container).
 * Probes are real processes, so their interval and timeout are wall-clock time.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '../engine/log.js';
import type { ContainerHealthCheck, HealthStatus } from './types.js';

/** The probe's argv, or undefined for `NONE` or a form Docker does not know. */
export function probeArgv(command: readonly string[]): string[] | undefined {
  const [kind, ...rest] = command;
  if (kind === 'CMD-SHELL' && rest.length > 0) return ['/bin/sh', '-c', ...rest];
  if (kind === 'CMD' && rest.length > 0) return rest;
  return undefined;
}

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
