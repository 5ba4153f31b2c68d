/**
 * What the host says about a process, for finding what a killed teiki left behind. A pid
 * alone names nothing after a restart (the kernel hands it out again), so every check
 * pairs it with the process's start time: the same pid and the same start time is the
 * same process.
 *
 * Linux answers from /proc; elsewhere `ps` gives the start time, and sessions cannot be
 * listed (only a process group can then be signalled).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

export interface ProcessStat {
  pid: number;
  /** One letter: R, S, D, Z (zombie: exited, waiting to be reaped), T, … */
  state: string;
  sessionId: number;
  processGroupId: number;
  /** Clock ticks since boot, as a decimal string (`/proc/PID/stat` field 22). */
  startTime: string;
}

/** `/proc/PID/stat`, or undefined when there is no such process (or no /proc). */
export async function readStat(pid: number): Promise<ProcessStat | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return parseStat(pid, text);
}

/** Exported for tests: the command name (field 2) may hold spaces and ')'. */
export function parseStat(pid: number, text: string): ProcessStat | undefined {
  // Count fields after the last ')', where field 3 (state) is the first.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, , pgrp, session] = fields;
  const startTime = fields[22 - 3];
  if (state === undefined || startTime === undefined) return undefined;
  return {
    pid,
    state,
    processGroupId: Number(pgrp),
    sessionId: Number(session),
    startTime,
  };
}

/**
 * An opaque, comparable start time: `/proc/PID/stat` field 22 on Linux, `ps -o lstart=`
 * elsewhere. Undefined when the process does not exist.
 */
export async function processStartTime(pid: number): Promise<string | undefined> {
  const stat = await readStat(pid);
  if (stat) return stat.startTime;
  if (await hasProc()) return undefined;
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'lstart=', '-p', String(pid)], (error, stdout) => {
      const text = stdout.trim();
      resolve(error || text === '' ? undefined : text);
    });
  });
}

/**
 * True when `pid` runs and started at `startTime` — the same process, not one that reuses
 * its pid. A zombie has exited: it is not running.
 */
export async function isSameProcess(pid: number, startTime: string): Promise<boolean> {
  const stat = await readStat(pid);
  if (stat) return stat.startTime === startTime && stat.state !== 'Z';
  if (await hasProc()) return false;
  return (await processStartTime(pid)) === startTime;
}

/** True when a process with this pid exists and has not exited (whatever it is). */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await readStat(pid);
  if (stat) return stat.state !== 'Z';
  if (await hasProc()) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Every live (not zombie) process of session `sessionId`, leader included; undefined where
 * the host has no /proc to list them.
 */
export async function sessionMembers(sessionId: number): Promise<ProcessStat[] | undefined> {
  if (!(await hasProc())) return undefined;
  let names: string[];
  try {
    names = await readdir('/proc');
  } catch {
    return undefined;
  }
  const members: ProcessStat[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readStat(Number(name));
    if (stat && stat.sessionId === sessionId && stat.state !== 'Z') members.push(stat);
  }
  return members;
}

/** Start times compare as numbers on Linux (ticks) and are only equal-checked elsewhere. */
export function startedNoEarlier(startTime: string, than: string): boolean {
  if (/^\d+$/.test(startTime) && /^\d+$/.test(than)) return BigInt(startTime) >= BigInt(than);
  return startTime === than;
}

let procPresent: Promise<boolean> | undefined;
export function hasProc(): Promise<boolean> {
  procPresent ??= readFile('/proc/self/stat', 'utf8').then(
    () => true,
    () => false,
  );
  return procPresent;
}
