/**
 * Signals for host-process containers. Each container is the leader of its own process
 * group: SIGTERM goes to the main process alone (as `docker stop` sends it to PID 1), and
 * SIGKILL to the whole group, so nothing a container started outlives it.
 */
import { constants } from 'node:os';

/** Sends `signal` to the process group `pgid`; false when the group is gone. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to one process; false when it is gone. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** The exit code a container runtime reports: the code, or 128 + the signal's number. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? constants.signals[signal] : undefined;
  // Node reports one or the other; an unknown signal is reported as SIGKILL would be.
  return 128 + (number ?? constants.signals.SIGKILL);
}
