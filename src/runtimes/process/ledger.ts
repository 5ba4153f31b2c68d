/**
 * The ledger of one process runtime: a directory of its own under the state directory,
 * named after the teiki process that owns it (`PID-STARTTIME-RANDOM`), so a later teiki
 * can tell whether its owner still runs without reading anything inside:
 *
 *   STATE/<PID>-<START>-<RANDOM>/
 *     tasks/<LAUNCH>.json   one record per container, written before anything exists
 *     roots/teiki-container-<LAUNCH>/   temporary container roots
 *
 * A container's record is written (the intent) before its root is made and before its
 * process is spawned, and completed with the process's pid and start time before the
 * program may run (the spawn is gated: host-process.ts). Whatever moment teiki is killed
 * at, what it left is named by a record or lies inside a directory that is removed whole.
 * Each record is written to a `.tmp` file and renamed; a kill between the two leaves the
 * complete new record in the `.tmp` file, which the clean-up reads too (orphans.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processStartTime } from '../procfs.js';
import { TEMP_PREFIX } from './workdir.js';

export interface LaunchRecord {
  /** Unique within the ledger: `TASKID-RANDOM`. */
  launchId: string;
  taskArn: string;
  containerName: string;
  /** The container's temporary root, removed with it. */
  tempDir?: string;
  /** Set once spawned: the session leader (first the gate, then the program itself). */
  pid?: number;
  /** The kernel's start time of `pid`; with it a reused pid is never mistaken for ours. */
  startTime?: string;
}

export const TASKS_DIR = 'tasks';
export const ROOTS_DIR = 'roots';
export const RECORD_SUFFIX = '.json';

/** `PID-START-RANDOM`: the owner's pid and start time (made safe for a file name). */
export interface InstanceName {
  pid: number;
  start: string;
}

export function parseInstanceName(name: string): InstanceName | undefined {
  const match = /^(\d+)-([A-Za-z0-9_]+)-[0-9a-f]{8}$/.exec(name);
  if (!match) return undefined;
  return { pid: Number(match[1]), start: match[2] as string };
}

/** A start time as it appears in an instance name (`ps` gives dates with spaces and colons). */
export function safeStart(startTime: string): string {
  return startTime.replace(/[^A-Za-z0-9]/g, '_');
}

export class InstanceLedger {
  private constructor(
    readonly parent: string,
    readonly name: string,
  ) {}

  /** Names this process's ledger under `parent`; nothing is written until the first record. */
  static async forThisProcess(parent: string): Promise<InstanceLedger> {
    const start = (await processStartTime(process.pid)) ?? 'unknown';
    const name = `${process.pid}-${safeStart(start)}-${randomBytes(4).toString('hex')}`;
    return new InstanceLedger(parent, name);
  }

  get dir(): string {
    return join(this.parent, this.name);
  }

  get rootsDir(): string {
    return join(this.dir, ROOTS_DIR);
  }

  /** A fresh launch id and, when the container needs one, the path its root will have. */
  plan(taskId: string, base: Omit<LaunchRecord, 'launchId'>, tempRootIn?: string): LaunchRecord {
    const launchId = `${taskId}-${randomBytes(4).toString('hex')}`;
    return {
      ...base,
      launchId,
      ...(tempRootIn !== undefined ? { tempDir: join(tempRootIn, TEMP_PREFIX + launchId) } : {}),
    };
  }

  /** Writes (or rewrites) a record, atomically. */
  async write(record: LaunchRecord): Promise<void> {
    const tasks = join(this.dir, TASKS_DIR);
    await mkdir(tasks, { recursive: true });
    const file = join(tasks, record.launchId + RECORD_SUFFIX);
    await writeFile(file + '.tmp', JSON.stringify(record));
    await rename(file + '.tmp', file);
  }

  async forget(launchId: string): Promise<void> {
    const file = join(this.dir, TASKS_DIR, launchId + RECORD_SUFFIX);
    await rm(file, { force: true });
    await rm(file + '.tmp', { force: true });
  }

  /** Removes the whole directory: every container of this runtime has ended. */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
