/**
 * Which containers an earlier teiki left behind. Every container teiki creates carries an
 * owner label; at start a teiki removes the containers of owners that are gone:
 *
 * - its own owner id, kept in the data directory (`DATA_DIR/runtime/docker/owner`), so a
 *   restarted teiki finds what it ran before it was killed;
 * - a teiki without a data directory (`--in-memory`) is named by host, pid and process
 *   start time; its containers are removed by any later teiki on the same host once that
 *   process is gone (a reused pid has another start time).
 *
 * Containers of other live teikis sharing the engine (parallel test suites, two data
 * directories) are never touched.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../engine/log.js';
import { isRunning, isSameProcess, processStartTime } from '../procfs.js';
import type { DockerEngine } from './engine.js';

export const OWNER_LABEL = 'teiki.owner';

/** This teiki's owner id: persistent with a state directory, else this process. */
export async function ownerId(stateDir: string | undefined): Promise<string> {
  if (stateDir === undefined) {
    const start = (await processStartTime(process.pid)) ?? 'unknown';
    return `pid:${hostname()}:${process.pid}:${start}`;
  }
  const file = join(stateDir, 'owner');
  try {
    const saved = (await readFile(file, 'utf8')).trim();
    if (saved !== '') return saved;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const id = `dir:${randomUUID()}`;
  await mkdir(stateDir, { recursive: true });
  await writeFile(file + '.tmp', id + '\n');
  await rename(file + '.tmp', file);
  return id;
}

/** True when `owner` is this teiki (an earlier run of it) or a process that has ended. */
export async function ownerGone(owner: string, me: string): Promise<boolean> {
  if (owner === me) return true;
  const match = /^pid:([^:]+):(\d+):(.+)$/.exec(owner);
  if (!match || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  const start = match[3] as string;
  if (start === 'unknown') return !(await isRunning(pid));
  return !(await isSameProcess(pid, start));
}

/**
 * Removes (SIGKILL, then remove) every abandoned container not in `keep`; returns how
 * many. Containers in any state count: one created but never started (teiki was killed
 * between create and start) carries the owner label from its creation. A removal the
 * engine refuses is retried once, then reported; it does not keep teiki from starting.
 */
export async function removeOrphans(
  engine: DockerEngine,
  me: string,
  keep: ReadonlySet<string>,
  logger: Logger,
): Promise<number> {
  let removed = 0;
  for (const container of await engine.list(OWNER_LABEL)) {
    const owner = container.Labels?.[OWNER_LABEL];
    if (owner === undefined || keep.has(container.Id) || !(await ownerGone(owner, me))) continue;
    const facts = {
      containerId: container.Id,
      name: container.Names?.[0],
      state: container.State,
      taskArn: container.Labels?.['com.amazonaws.ecs.task-arn'],
    };
    try {
      await engine.remove(container.Id).catch(() => engine.remove(container.Id));
    } catch (error) {
      logger.warn('could not remove a container an earlier teiki left', { ...facts, error });
      continue;
    }
    removed++;
    logger.info('removed a container an earlier teiki left', facts);
  }
  return removed;
}
