/**
 * The data directory, checked before the database is opened: created when missing, and
 * proved writable by writing (and syncing) a small probe file, so a read-only, full or
 * foreign directory stops teiki at once with one clear line instead of failing its
 * first write, or half-way through a migration.
 */
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { faultOfErrno, StorageFaultError } from '../fault.js';

/** Big enough that a full disk cannot take it in blocks it has already allocated. */
const PROBE_BYTES = 64 * 1024;

export async function prepareDataDir(dataDir: string): Promise<void> {
  const dir = resolve(dataDir);
  try {
    await makeDirectory(dir);
    const probe = join(dir, `.teiki-write-check-${process.pid}`);
    const handle = await open(probe, 'w');
    try {
      await handle.write(Buffer.alloc(PROBE_BYTES));
      await handle.sync();
    } finally {
      await handle.close();
      await rm(probe, { force: true });
    }
  } catch (error) {
    throw asStorageFault(error, dir);
  }
}

/**
 * `mkdir -p` reporting why it failed: Node's recursive mkdir answers ENOENT where the
 * first missing level could not be made (read-only, permission), so each missing level is
 * made on its own and its own error kept.
 */
async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    try {
      await stat(at);
      break;
    } catch {
      missing.push(at);
      if (dirname(at) === at) break;
    }
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** An errno error as the fault it stands for; anything else unchanged. */
export function asStorageFault(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const kind = faultOfErrno(code);
  if (kind === undefined) return error;
  return new StorageFaultError(kind, path, (error as Error).message, {
    cause: error,
  });
}
