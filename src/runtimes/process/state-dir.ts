/**
 * Where a process runtime without a data directory (`--in-memory`) keeps its ledger: a
 * per-user directory under the OS temporary directory, `TMP/teiki-UID/process`, shared by
 * every such teiki of the user. Each teiki has its own directory inside, named after its
 * pid and start time (ledger.ts), so the next teiki to start — in memory or not — finds
 * what a killed one left there once its owner is gone, and never touches a live one's.
 *
 * The shared parent must be the user's own: a directory someone else made (or a symlink)
 * in a world-writable /tmp could steer the clean-up. When it is not, the runtime takes a
 * private directory instead and says that a crash will not be cleaned up after.
 */
import { lstat, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../engine/log.js';

export async function defaultStateDir(logger: Logger, base: string = tmpdir()): Promise<string> {
  const uid = userId();
  const userDir = join(base, `teiki-${uid ?? userInfo().username}`);
  await mkdir(userDir, { recursive: true, mode: 0o700 });
  const info = await lstat(userDir);
  if (info.isDirectory() && !info.isSymbolicLink() && (uid === undefined || info.uid === uid)) {
    const dir = join(userDir, 'process');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return dir;
  }
  const privateDir = await mkdtemp(join(base, 'teiki-process-'));
  logger.warn(
    `${userDir} is not a directory of this user: task processes of this teiki are recorded in ` +
      `${privateDir}, where a later teiki will not look after a crash`,
  );
  return privateDir;
}

function userId(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}
