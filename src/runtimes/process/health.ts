/**
 * Container health checks for the process runtime: each probe runs on the host, in the
 * container's working directory and environment, in its own process group (a timeout ends
 * what a `sh -c` probe started). The rules live in ../health-monitor.ts.
 */
import { spawn } from 'node:child_process';
import type { Logger } from '../../engine/log.js';
import type { Probe, ProbeRunner } from '../health-monitor.js';
import { killGroup } from './signals.js';

export interface ProbeContext {
  cwd: string;
  env: Record<string, string>;
  logger: Logger;
}

/** Probes as host processes in the container's directory and environment. */
export function hostProbe(context: ProbeContext): ProbeRunner {
  return (argv, timeoutMs) => runProbe(argv, context, timeoutMs);
}

/** One probe: resolves true when it exits 0 within the timeout. */
function runProbe(argv: string[], context: ProbeContext, timeoutMs: number): Probe {
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
