/**
 * Finds the program a container runs before it is spawned, the way runc does (Go's
 * `exec.LookPath` against the container's PATH, from its working directory), so a missing
 * or unusable program fails with the reason ECS would give instead of a bare spawn errno.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import {
  errnoText,
  executableNotFound,
  executableRejected,
  executableStatFailed,
} from './reasons.js';

type Probe = { ok: true } | { ok: false; stat: boolean; text: string };

/**
 * The host path to execute for `name`. Throws ContainerStartError. A name with a slash is
 * taken as a path (relative to `cwd`); a bare name is searched in `pathVariable`.
 */
export async function lookPath(name: string, pathVariable: string, cwd: string): Promise<string> {
  if (name.includes('/')) {
    const file = isAbsolute(name) ? name : resolve(cwd, name);
    const probe = await probeExecutable(file);
    if (probe.ok) return file;
    throw probe.stat
      ? executableStatFailed(name, probe.text)
      : executableRejected(name, probe.text);
  }
  for (const entry of pathVariable.split(':')) {
    const dir = entry === '' ? '.' : entry;
    const file = resolve(cwd, join(dir, name));
    if ((await probeExecutable(file)).ok) return file;
  }
  throw executableNotFound(name);
}

async function probeExecutable(file: string): Promise<Probe> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(file)).isDirectory();
  } catch (error) {
    return { ok: false, stat: true, text: errnoText((error as NodeJS.ErrnoException).code) };
  }
  if (isDirectory) return { ok: false, stat: false, text: 'is a directory' };
  try {
    await access(file, constants.X_OK);
    return { ok: true };
  } catch (error) {
    return { ok: false, stat: false, text: errnoText((error as NodeJS.ErrnoException).code) };
  }
}
