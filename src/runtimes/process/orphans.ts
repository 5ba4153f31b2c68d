/**
 * A record of every running host-process container, one small JSON file per container in
 * the state directory, so a teiki that crashed (or was SIGKILLed) can find and end the
 * processes it left behind on its next start. A pid alone is not enough after a restart:
 * the kernel may have given it to an unrelated process, so each record keeps the process's
 * start time and only a process with the same pid AND start time is killed.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../engine/log.js';
import { removeTempRoot } from './workdir.js';

export interface ContainerRecord {
  pid: number;
  /** The kernel's start time of the process; absent when it could not be read. */
  startTime?: string;
  runtimeId: string;
  taskArn: string;
  containerName: string;
  /** The container's temporary root, removed together with the process. */
  tempDir?: string;
}

const SUFFIX = '.json';

/**
 * An opaque, comparable start time: `/proc/PID/stat` field 22 (clock ticks since boot) on
 * Linux, `ps -o lstart=` elsewhere. Undefined when the process does not exist.
 */
export async function processStartTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is parenthesised and may hold spaces or ')': count the
    // fields after its last ')', where field 3 (state) is the first.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[22 - 3];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await hasProc())) return undefined;
  }
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'lstart=', '-p', String(pid)], (error, stdout) => {
      const text = stdout.trim();
      resolve(error || text === '' ? undefined : text);
    });
  });
}

let procPresent: Promise<boolean> | undefined;
function hasProc(): Promise<boolean> {
  procPresent ??= readFile('/proc/self/stat', 'utf8').then(
    () => true,
    () => false,
  );
  return procPresent;
}

export class ContainerLedger {
  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  async record(record: ContainerRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.file(record.runtimeId);
    // Write then rename, so a crash never leaves a half-written record behind.
    await writeFile(file + '.tmp', JSON.stringify(record));
    await rename(file + '.tmp', file);
  }

  async forget(runtimeId: string): Promise<void> {
    await rm(this.file(runtimeId), { force: true });
  }

  /**
   * Kills (SIGKILL to the process group) what the records name and still runs with the
   * recorded start time, removes their temporary roots and the records; returns how many
   * were killed. Records in `keep` belong to live containers of this runtime and stay.
   */
  async cleanup(keep: ReadonlySet<string>): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let killed = 0;
    for (const name of names) {
      const path = join(this.dir, name);
      if (name.endsWith(SUFFIX + '.tmp')) {
        await rm(path, { force: true });
        continue;
      }
      if (!name.endsWith(SUFFIX) || keep.has(name.slice(0, -SUFFIX.length))) continue;
      const record = await readRecord(path);
      if (record && (await this.killIfSame(record))) killed++;
      if (record?.tempDir) await removeTempRoot(record.tempDir);
      await rm(path, { force: true });
    }
    return killed;
  }

  private async killIfSame(record: ContainerRecord): Promise<boolean> {
    const { pid, startTime } = record;
    if (startTime === undefined) {
      this.logger.warn('orphaned task process left running: its start time was not recorded', {
        ...record,
      });
      return false;
    }
    if ((await processStartTime(pid)) !== startTime) return false;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone since the check, or it left its process group: try the process itself.
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return false;
      }
    }
    this.logger.info('killed an orphaned task process', {
      pid,
      runtimeId: record.runtimeId,
      taskArn: record.taskArn,
    });
    return true;
  }

  private file(runtimeId: string): string {
    return join(this.dir, runtimeId + SUFFIX);
  }
}

async function readRecord(path: string): Promise<ContainerRecord | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<ContainerRecord>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 1)
      return undefined;
    return parsed as ContainerRecord;
  } catch {
    return undefined;
  }
}
