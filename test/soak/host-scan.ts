/**
 * What a killed teiki may have left on the host, found without asking teiki: processes
 * whose environment carries the soak run's marker (every task of the run has it, and so
 * do the processes of its containers, which share the host's /proc), and containers the
 * engine lists with the run's cluster label. Only what started before a given wall-clock
 * moment counts (the moment the restarted teiki was spawned): the new teiki's own tasks
 * are not orphans.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { DockerEngine } from '../../src/runtimes/docker/engine.js';

export const RUN_MARKER = 'TEIKI_SOAK_RUN';

/** Boot time (epoch seconds) and clock ticks per second, for process start times. */
const BOOT_S = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
const TICKS_PER_S = 100;

export interface FoundProcess {
  pid: number;
  startedMs: number;
  cmdline: string;
}

/** Live (not zombie) processes of run `runId` that started before `beforeMs`. */
export function markedProcesses(runId: string, beforeMs: number): FoundProcess[] {
  const marker = `${RUN_MARKER}=${runId}`;
  const found: FoundProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let environ: string;
    let stat: string;
    try {
      environ = readFileSync(`/proc/${name}/environ`, 'utf8');
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile, or not readable: not one of ours
    }
    if (!environ.split('\0').includes(marker)) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') continue;
    const startedMs = (BOOT_S + Number(fields[22 - 3]) / TICKS_PER_S) * 1000;
    if (startedMs >= beforeMs) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      // exited between the reads
    }
    found.push({ pid: Number(name), startedMs, cmdline });
  }
  return found;
}

/** Containers of the run's cluster (any state) created before `beforeMs`. */
export async function clusterContainers(
  engine: DockerEngine,
  clusterArn: string,
  beforeMs: number,
): Promise<string[]> {
  const left: string[] = [];
  for (const summary of await engine.list(`com.amazonaws.ecs.cluster=${clusterArn}`)) {
    const inspected = await engine.inspectContainer(summary.Id);
    if (!inspected) continue; // removed meanwhile
    const created = Date.parse((inspected as { Created?: string }).Created ?? '');
    if (Number.isNaN(created) || created < beforeMs) left.push(summary.Id);
  }
  return left;
}
