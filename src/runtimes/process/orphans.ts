/**
 * What killed teikis left behind in a state directory, found and ended at the next start.
 *
 * Every process runtime keeps its ledger in a directory named after its owner's pid and
 * start time (ledger.ts). A directory whose owner no longer runs belongs to a teiki that
 * died: every session its records name is killed, and the directory (records, temporary
 * roots) is removed. Directories of live owners — another teiki on the same data
 * directory, or another in-memory teiki sharing the per-user directory — are never
 * touched.
 *
 * A task runs as its own session (setsid), whose id is the pid of the process teiki
 * spawned. The kernel does not hand a pid out again while any process still uses it as
 * a session id, so once the recorded leader is gone, the processes left in its session
 * are its own descendants; while the leader runs, its start time proves it is ours. A
 * process that left the session (setsid, daemonizing) is out of reach, as it would be of
 * any process supervisor that works without cgroups.
 *
 * Records in the flat layout of earlier versions (`STATE/TASKID-PID.json`) are honoured
 * the same way.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../engine/log.js';
import {
  isRunning,
  isSameProcess,
  processStartTime,
  readStat,
  sessionMembers,
  startedNoEarlier,
} from '../procfs.js';
import {
  parseInstanceName,
  RECORD_SUFFIX,
  safeStart,
  TASKS_DIR,
  type LaunchRecord,
} from './ledger.js';
import { removeTempRoot } from './workdir.js';

/** Kills and removes what dead owners left under `parent`; returns the sessions killed. */
export async function reapOrphans(
  parent: string,
  ownName: string | undefined,
  logger: Logger,
): Promise<number> {
  const entries = await listDir(parent);
  let killed = 0;
  for (const entry of entries) {
    if (entry === ownName) continue;
    const path = join(parent, entry);
    const owner = parseInstanceName(entry);
    if (owner) {
      if (await ownerRuns(owner.pid, owner.start)) continue;
      killed += await reapInstance(path, logger);
      await rm(path, { recursive: true, force: true });
    } else if (entry.endsWith(RECORD_SUFFIX) || entry.endsWith(RECORD_SUFFIX + '.tmp')) {
      // The flat layout of earlier versions: records of a teiki that has ended.
      killed += await reapRecordFile(path, logger);
    }
  }
  return killed;
}

async function ownerRuns(pid: number, start: string): Promise<boolean> {
  if (!(await isRunning(pid))) return false;
  const actual = await processStartTime(pid);
  return actual !== undefined && safeStart(actual) === start;
}

async function reapInstance(dir: string, logger: Logger): Promise<number> {
  const tasks = join(dir, TASKS_DIR);
  // A record and its `.tmp` successor: the successor, when complete, is the newer one.
  const files = (await listDir(tasks)).sort().reverse();
  const done = new Set<string>();
  let killed = 0;
  for (const file of files) {
    const launchId = file.replace(/\.json(\.tmp)?$/, '');
    if (done.has(launchId) && !file.endsWith('.tmp')) {
      await rm(join(tasks, file), { force: true });
      continue;
    }
    const record = await readRecord(join(tasks, file));
    if (!record) {
      await rm(join(tasks, file), { force: true });
      continue;
    }
    done.add(launchId);
    killed += await reapRecordFile(join(tasks, file), logger, record);
  }
  return killed;
}

/** Ends what one record names, removes its root and the record; 1 when something was killed. */
async function reapRecordFile(
  path: string,
  logger: Logger,
  record?: Partial<LaunchRecord>,
): Promise<number> {
  record ??= await readRecord(path);
  let killed = 0;
  if (record?.pid !== undefined) {
    if (record.startTime === undefined) {
      // Nothing proves the pid is still ours; only a running process is worth a word.
      if (await isRunning(record.pid))
        logger.warn('a task process may be left running: its start time was not recorded', {
          pid: record.pid,
          taskArn: record.taskArn,
        });
    } else if (await killSession(record.pid, record.startTime)) {
      killed = 1;
      logger.info('killed an orphaned task process', {
        pid: record.pid,
        taskArn: record.taskArn,
        container: record.containerName,
      });
    }
  }
  if (record?.tempDir) await removeTempRoot(record.tempDir);
  await rm(path, { force: true });
  return killed;
}

/**
 * SIGKILL to every process of the session led by `pid` started at `startTime`; false when
 * nothing of it runs. Repeated until the session is empty, so a child forked while the
 * first signals were sent is not missed.
 */
export async function killSession(pid: number, startTime: string): Promise<boolean> {
  const first = await sessionMembers(pid);
  if (first === undefined) {
    // No /proc to list sessions: only a leader that is provably ours is signalled.
    if (!(await isSameProcess(pid, startTime))) return false;
    signal(-pid);
    signal(pid);
    return true;
  }
  const leader = await readStat(pid);
  if (leader && leader.startTime !== startTime) return false; // the pid names another process
  let found = false;
  let members = first;
  for (let round = 0; round < 20; round++) {
    const ours = members.filter((m) => startedNoEarlier(m.startTime, startTime));
    if (ours.length === 0) break;
    found = true;
    signal(-pid);
    for (const member of ours) signal(member.pid);
    await new Promise((resolve) => setImmediate(resolve));
    members = (await sessionMembers(pid)) ?? [];
  }
  return found;
}

function signal(target: number): void {
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

async function readRecord(path: string): Promise<Partial<LaunchRecord> | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LaunchRecord>;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    if (
      parsed.pid !== undefined &&
      (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 1)
    )
      return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
