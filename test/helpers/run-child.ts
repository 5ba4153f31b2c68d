/**
 * A command run to its end without blocking the test worker. A worker blocked in a child
 * process for a minute misses its runner's heartbeat ("Timeout calling onTaskUpdate"), so
 * anything that may run that long (Terraform, the AWS CLI's waiters) goes through here.
 */
import { spawn, type SpawnOptions } from 'node:child_process';

export interface ChildRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `command` and collects its output; killed after `timeoutMs` (status then -1). */
export function runChild(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<ChildRun> {
  const { timeoutMs = 600_000, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status: status ?? -1, stdout, stderr });
    });
  });
}
