/**
 * A container health check run on the host, in the container's working directory and
 * environment, with Docker's rules (which ECS reports): the first probe runs one interval
 * after the start and each next one an interval after the previous finished; a probe that
 * exits 0 is a success, anything else (a non-zero code, a timeout, a command that cannot
 * start) a failure. The status is UNKNOWN (Docker's "starting") until a success makes it
 * HEALTHY or `retries` consecutive failures make it UNHEALTHY; while the container has
 * never been healthy, failures inside the start period do not count.
 *
 * Probes are real processes, so their interval and timeout are wall-clock time.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../engine/log.js';
import type { HealthStatus } from '../../services/ecs/generated/types.js';
import type { ContainerHealthCheck } from '../types.js';
import { killGroup } from './signals.js';

/** Docker's defaults for a zero or negative setting. */
const DEFAULT_INTERVAL_SECONDS = 30;
const DEFAULT_TIMEOUT_SECONDS = 30;
const DEFAULT_RETRIES = 3;

export interface HealthMonitor {
  current: () => HealthStatus;
  onChange: (listener: (status: HealthStatus) => void) => () => void;
  stop: () => void;
}

export interface ProbeContext {
  cwd: string;
  env: Record<string, string>;
  logger: Logger;
}

/** The probe's argv, or undefined for `NONE` or a form Docker does not know. */
export function probeArgv(command: readonly string[]): string[] | undefined {
  const [kind, ...rest] = command;
  if (kind === 'CMD-SHELL' && rest.length > 0) return ['/bin/sh', '-c', ...rest];
  if (kind === 'CMD' && rest.length > 0) return rest;
  return undefined;
}

/**
 * Starts monitoring. With `NONE` or an unknown command form Docker runs no probe, so the
 * status stays UNKNOWN, as ECS shows it.
 */
export function startHealthMonitor(
  check: ContainerHealthCheck,
  context: ProbeContext,
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
  let cancelProbe: (() => void) | undefined;

  const setStatus = (next: HealthStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        context.logger.warn('health status listener failed', { error });
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

  const schedule = () => {
    timer = setTimeout(() => void tick(), intervalMs);
  };

  const tick = async () => {
    if (stopped || !argv) return;
    const probeStartedAt = performance.now();
    const probe = runProbe(argv, context, timeoutMs);
    cancelProbe = probe.cancel;
    const success = await probe.done;
    cancelProbe = undefined;
    if (stopped) return;
    record(success, probeStartedAt);
    schedule();
  };

  if (argv) schedule();
  else
    context.logger.warn('health check command is not CMD or CMD-SHELL: status stays UNKNOWN', {
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
      cancelProbe?.();
    },
  };
}

function seconds(value: number, fallback: number): number {
  return value > 0 ? value : fallback;
}

/** One probe: resolves true when it exits 0 within the timeout. */
function runProbe(
  argv: string[],
  context: ProbeContext,
  timeoutMs: number,
): { done: Promise<boolean>; cancel: () => void } {
  const [file, ...args] = argv as [string, ...string[]];
  const child = spawn(file, args, {
    cwd: context.cwd,
    env: context.env,
    stdio: 'ignore',
    // Its own group, so a timeout also ends what a `sh -c` probe started.
    detached: true,
  });
  const kill = () => {
    if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
  };
  const done = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      kill();
      resolve(false);
    }, timeoutMs);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
  return { done, cancel: kill };
}
