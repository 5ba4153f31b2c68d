/**
 * Launches and output collectors for the process runtime tests. Waiting is always on an
 * event (a line, a status), never on elapsed time.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { HealthStatus } from '../../../src/services/ecs/generated/types.js';
import type {
  ContainerLaunch,
  OutputStream,
  RunningContainer,
} from '../../../src/runtimes/types.js';

export function launch(overrides: Partial<ContainerLaunch> = {}): ContainerLaunch {
  const taskId = randomBytes(16).toString('hex');
  return {
    taskArn: `arn:aws:ecs:us-east-1:000000000000:task/default/${taskId}`,
    taskId,
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default',
    taskDefinition: 'sample:1',
    containerName: 'app',
    image: 'example/app:latest',
    environment: {},
    ulimits: [],
    stopTimeoutSeconds: 30,
    labels: {},
    ...overrides,
  };
}

/** A shell command as a launch's command. */
export const sh = (script: string): string[] => ['sh', '-c', script];

export interface Output {
  (stream: OutputStream, line: string): void;
  lines: { stream: OutputStream; line: string }[];
  stdout(): string[];
  stderr(): string[];
  /** Resolves with the first line equal to `line` or matching it (printed already or later). */
  waitFor(line: string | RegExp): Promise<string>;
}

export function collector(): Output {
  const lines: { stream: OutputStream; line: string }[] = [];
  const waiters: { matches: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  const output = ((stream: OutputStream, line: string) => {
    lines.push({ stream, line });
    for (const w of waiters.filter((w) => w.matches(line))) w.resolve(line);
  }) as Output;
  output.lines = lines;
  output.stdout = () => lines.filter((l) => l.stream === 'stdout').map((l) => l.line);
  output.stderr = () => lines.filter((l) => l.stream === 'stderr').map((l) => l.line);
  output.waitFor = (wanted) => {
    const matches = (line: string) =>
      typeof wanted === 'string' ? line === wanted : wanted.test(line);
    const seen = lines.find((l) => matches(l.line));
    if (seen) return Promise.resolve(seen.line);
    return new Promise((resolve) => waiters.push({ matches, resolve }));
  };
  return output;
}

/** Resolves when the container's health reaches `status` (immediately if it is there). */
export function healthReaches(container: RunningContainer, status: HealthStatus): Promise<void> {
  const health = container.health;
  if (!health) throw new Error('container has no health check');
  if (health.current() === status) return Promise.resolve();
  return new Promise((resolve) => {
    const off = health.onChange((s) => {
      if (s === status) {
        off();
        resolve();
      }
    });
  });
}

/**
 * True while a process with this pid runs. A zombie (dead, not yet reaped by whoever
 * inherited it) counts as ended.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The pid part of a runtime id `TASKID-PID`. */
export const pidOf = (container: RunningContainer): number =>
  Number(container.runtimeId.split('-').pop());
