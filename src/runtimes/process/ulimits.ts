/**
 * Container ulimits for host processes. Node cannot call setrlimit, so the program is
 * started through util-linux `prlimit`, which sets the limits and then execs it (same pid,
 * same process group). Where `prlimit` is not installed (macOS, minimal images) the limits
 * cannot be applied: the runtime logs a warning naming them and starts the container
 * without them rather than pretend.
 *
 * The kernel refuses a soft limit above the hard one (EINVAL), a hard limit above the
 * current one without privilege, and `nofile` above `fs.nr_open` even for root (EPERM).
 * runc then fails the container; those cases are checked before the spawn so they give
 * runc's reason instead of a prlimit message in the task's output.
 */
import { readFileSync } from 'node:fs';
import type { ContainerUlimit } from '../types.js';
import { rlimitFailed } from './reasons.js';

interface Resource {
  /** RLIMIT_* on Linux, as runc prints it. */
  type: number;
  /** The row in /proc/self/limits. */
  procName: string;
}

/** ECS's ulimit names; each is also the name of prlimit's option. */
const RESOURCES: Record<string, Resource> = {
  cpu: { type: 0, procName: 'Max cpu time' },
  fsize: { type: 1, procName: 'Max file size' },
  data: { type: 2, procName: 'Max data size' },
  stack: { type: 3, procName: 'Max stack size' },
  core: { type: 4, procName: 'Max core file size' },
  rss: { type: 5, procName: 'Max resident set' },
  nproc: { type: 6, procName: 'Max processes' },
  nofile: { type: 7, procName: 'Max open files' },
  memlock: { type: 8, procName: 'Max locked memory' },
  locks: { type: 10, procName: 'Max file locks' },
  sigpending: { type: 11, procName: 'Max pending signals' },
  msgqueue: { type: 12, procName: 'Max msgqueue size' },
  nice: { type: 13, procName: 'Max nice priority' },
  rtprio: { type: 14, procName: 'Max realtime priority' },
  rttime: { type: 15, procName: 'Max realtime timeout' },
};

/** What the host allows; `undefined` fields mean "unknown, do not check". */
export interface HostLimits {
  isRoot: boolean;
  /** Current hard limits by ECS name. */
  hard: Record<string, number>;
  nrOpen: number | undefined;
}

export function readHostLimits(): HostLimits {
  const hard: Record<string, number> = {};
  try {
    const rows = readFileSync('/proc/self/limits', 'utf8').split('\n');
    for (const [name, resource] of Object.entries(RESOURCES)) {
      const row = rows.find((r) => r.startsWith(resource.procName + ' '));
      const fields = row?.slice(resource.procName.length).trim().split(/\s+/);
      const value = fields?.[1];
      if (value !== undefined) hard[name] = value === 'unlimited' ? Infinity : Number(value);
    }
  } catch {
    // No /proc (not Linux): nothing to check against.
  }
  let nrOpen: number | undefined;
  try {
    nrOpen = Number(readFileSync('/proc/sys/fs/nr_open', 'utf8').trim());
  } catch {
    nrOpen = undefined;
  }
  return { isRoot: process.getuid?.() === 0, hard, nrOpen };
}

/** ECS and Docker write -1 for "unlimited". */
function limitValue(n: number): number {
  return n < 0 ? Infinity : n;
}

function prlimitValue(n: number): string {
  return n < 0 ? 'unlimited' : String(n);
}

/** Throws ContainerStartError for a limit the kernel would refuse. */
export function checkUlimits(ulimits: readonly ContainerUlimit[], host: HostLimits): void {
  for (const ulimit of ulimits) {
    const resource = RESOURCES[ulimit.name];
    // The ECS API accepts only the names above; anything else never reaches a runtime.
    if (!resource) continue;
    const soft = limitValue(ulimit.softLimit);
    const hard = limitValue(ulimit.hardLimit);
    if (soft > hard) throw rlimitFailed(ulimit.name, resource.type, 'invalid argument');
    const current = host.hard[ulimit.name];
    const raisesHard = current !== undefined && hard > current;
    const overNrOpen = ulimit.name === 'nofile' && host.nrOpen !== undefined && hard > host.nrOpen;
    if ((raisesHard && !host.isRoot) || overNrOpen)
      throw rlimitFailed(ulimit.name, resource.type, 'operation not permitted');
  }
}

/** prlimit's arguments before `--` for these limits. */
export function prlimitArguments(ulimits: readonly ContainerUlimit[]): string[] {
  return ulimits
    .filter((u) => RESOURCES[u.name] !== undefined)
    .map((u) => `--${u.name}=${prlimitValue(u.softLimit)}:${prlimitValue(u.hardLimit)}`);
}
