/**
 * Where a host-process container runs. Its root stands for the image's filesystem: the
 * directory the image map names for its image, or else a fresh temporary directory that
 * lives as long as the container (made where the ledger plans it: ledger.ts). The
 * container's `workingDirectory` is a path inside that root (`/app` → ROOT/app; `..`
 * cannot climb out of it).
 *
 * A missing working directory inside a temporary root is created, as Docker creates a
 * WORKDIR the image lacks: the root is the container's own. Inside a mapped directory,
 * which is the user's, nothing is created, and a missing one fails the start as runc does.
 */
import { constants } from 'node:fs';
import { access, mkdir, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, posix, resolve } from 'node:path';
import { resolveImage, type ImageMapping } from '../image-map.js';
import { ContainerStartError } from '../types.js';
import { chdirFailed, errnoText, mappedDirectoryMissing } from './reasons.js';

export const TEMP_PREFIX = 'teiki-container-';

export interface ContainerRoot {
  /** The host directory standing for `/`. */
  root: string;
  /** Set when the root is temporary and must be removed after the container exits. */
  tempDir?: string;
}

/**
 * The mapped host directory for the launch's image (relative targets are taken from
 * `baseDir`, teiki's working directory), checked to exist; undefined when unmapped.
 * Throws ContainerStartError with a CannotPullContainerError reason.
 */
export async function mappedRoot(
  imageMap: ReadonlyArray<ImageMapping>,
  image: string,
  baseDir: string,
): Promise<string | undefined> {
  const target = resolveImage(imageMap, image);
  if (target === undefined) return undefined;
  const dir = resolve(baseDir, target);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    throw mappedDirectoryMissing(image, dir, errnoText((error as NodeJS.ErrnoException).code));
  }
  if (!isDirectory) throw mappedDirectoryMissing(image, dir, errnoText('ENOTDIR'));
  return dir;
}

/**
 * Makes a temporary root at `tempDir` (a path the ledger planned, named with the
 * runtime's prefix so a clean-up can recognise it).
 */
export async function makeTempRoot(tempDir: string): Promise<ContainerRoot> {
  await mkdir(tempDir, { recursive: true });
  return { root: tempDir, tempDir };
}

/** The container's working directory as the container sees it (`/` by default). */
export function containerPath(workingDirectory: string | undefined): string {
  return posix.resolve('/', workingDirectory ?? '/');
}

/**
 * The host directory to start in. Throws ContainerStartError (runc's chdir reason) when a
 * mapped root lacks it or it cannot be entered.
 */
export async function workingDirectory(
  root: ContainerRoot,
  workingDirectory: string | undefined,
): Promise<string> {
  const inside = containerPath(workingDirectory);
  const hostPath = join(root.root, inside);
  if (root.tempDir !== undefined) {
    await mkdir(hostPath, { recursive: true });
    return hostPath;
  }
  try {
    if (!(await stat(hostPath)).isDirectory()) throw chdirFailed(inside, errnoText('ENOTDIR'));
    await access(hostPath, constants.X_OK);
  } catch (error) {
    if (error instanceof ContainerStartError) throw error;
    throw chdirFailed(inside, errnoText((error as NodeJS.ErrnoException).code));
  }
  return hostPath;
}

export async function removeTempRoot(tempDir: string): Promise<void> {
  if (isContainerTempDir(tempDir)) await rm(tempDir, { recursive: true, force: true });
}

/**
 * Guards recursive removal (the path may come from a record on disk): only directories
 * named as this runtime names its temporary roots.
 */
export function isContainerTempDir(path: string): boolean {
  return isAbsolute(path) && basename(path).startsWith(TEMP_PREFIX) && !path.includes('/../');
}
