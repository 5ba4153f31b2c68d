/**
 * A host process's resource use in the Docker Engine's stats form, read from /proc: CPU
 * time (user + system) and resident memory summed over the container's session (its
 * processes and whatever they started), the host's CPU time as `system_cpu_usage`, so a
 * reader computes a percentage as it would from a container's. Where /proc is absent the
 * answer is undefined, never invented. `read` is left to the caller, which has the Clock.
 */
import { readFile } from 'node:fs/promises';
import type { ContainerStats } from '../types.js';
import { sessionMembers } from '../procfs.js';

/** Linux reports CPU time in clock ticks of 1/100 s on every platform Node runs on. */
const TICK_NS = 10_000_000;
const PAGE_BYTES = 4096;

export async function processStats(
  sessionId: number,
  memoryLimitMiB: number | undefined,
): Promise<ContainerStats | undefined> {
  const members = await sessionMembers(sessionId);
  if (!members || members.length === 0) return undefined;
  let cpuTicks = 0;
  let rssPages = 0;
  for (const member of members) {
    const fields = await statFields(member.pid);
    if (!fields) continue;
    // Fields 14 and 15 (utime, stime) and 24 (rss), counted from field 3 after the ')'.
    cpuTicks += Number(fields[14 - 3] ?? 0) + Number(fields[15 - 3] ?? 0);
    rssPages += Number(fields[24 - 3] ?? 0);
  }
  const system = await hostCpu();
  const usage = rssPages * PAGE_BYTES;
  return {
    cpu_stats: {
      cpu_usage: { total_usage: cpuTicks * TICK_NS },
      ...(system ? { system_cpu_usage: system.totalNs, online_cpus: system.cpus } : {}),
    },
    memory_stats: {
      usage,
      ...(memoryLimitMiB !== undefined ? { limit: memoryLimitMiB * 1024 * 1024 } : {}),
    },
  };
}

async function statFields(pid: number): Promise<string[] | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The host's total CPU time (every state, every CPU) and its CPU count, from /proc/stat. */
async function hostCpu(): Promise<{ totalNs: number; cpus: number } | undefined> {
  try {
    const lines = (await readFile('/proc/stat', 'utf8')).split('\n');
    const total = lines[0]?.startsWith('cpu ')
      ? lines[0]
          .split(/\s+/)
          .slice(1)
          .reduce((sum, n) => sum + (Number(n) || 0), 0)
      : 0;
    const cpus = lines.filter((line) => /^cpu\d+\s/.test(line)).length;
    return { totalNs: total * TICK_NS, cpus };
  } catch {
    return undefined;
  }
}
