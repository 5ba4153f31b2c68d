/**
 * The `reason` texts of containers the process runtime cannot start. They keep ECS's error
 * class (`CannotStartContainerError: ResourceInitializationError: `, what Fargate writes
 * when a container cannot be created) so a failed start is recognised as one, but no
 * container engine is involved, so they quote no engine layer (no shim, OCI runtime or
 * runc): they say what the process runtime found and, where the cause is the runtime
 * itself (it runs commands on the host, not in the image), what to do about it. The
 * detail of an exec failure keeps the words of Go's `exec.LookPath`, which runc and
 * therefore ECS print for the same mistake.
 */
import { ContainerStartError } from '../types.js';

const CANNOT_START = 'CannotStartContainerError: ResourceInitializationError: ';

function cannotStart(detail: string): ContainerStartError {
  return new ContainerStartError(`${CANNOT_START}${detail}`);
}

/**
 * A program the process runtime could not run. Raised where the program is looked up;
 * `onHost` adds, for an image not mapped to a directory, that the program was looked for
 * on this host, since the image's files are nowhere the process runtime can see.
 */
export class ProgramNotRunnable extends ContainerStartError {
  constructor(private readonly detail: string) {
    super(`${CANNOT_START}process runtime: ${detail}`);
  }

  onHost(image: string): ContainerStartError {
    return cannotStart(
      `process runtime: ${this.detail}. The process runtime runs the command on this host, ` +
        `not in image ${image}: install the program here, map the image to a directory ` +
        `with --image-map '${image}=DIR', or start teiki with --runtime docker`,
    );
  }
}

/**
 * Neither entry point nor command. With an image, ECS would run its ENTRYPOINT/CMD; the
 * process runtime has no image to read them from.
 */
export function noCommand(container: string, image: string): ContainerStartError {
  return cannotStart(
    `container ${container} has nothing to run: neither the task definition nor the ` +
      `overrides give it an entryPoint or command, and the process runtime cannot run the ` +
      `entry point of image ${image}. Give the container a command (in its task definition, ` +
      `or in the overrides of RunTask or of the rule's or schedule's target), or start teiki ` +
      `with --runtime docker (and --image-map '${image}=LOCAL_IMAGE' if no registry has it)`,
  );
}

/** A bare name not found on the container's PATH. */
export function executableNotFound(name: string): ProgramNotRunnable {
  return new ProgramNotRunnable(`exec: ${goQuote(name)}: executable file not found in $PATH`);
}

/** A name with a slash that cannot be stat'ed (`errnoText`: "no such file or directory"…). */
export function executableStatFailed(name: string, errnoText: string): ProgramNotRunnable {
  return new ProgramNotRunnable(`exec: ${goQuote(name)}: stat ${name}: ${errnoText}`);
}

/** A file found but not executable ("permission denied") or a directory ("is a directory"). */
export function executableRejected(name: string, errnoText: string): ProgramNotRunnable {
  return new ProgramNotRunnable(`exec: ${goQuote(name)}: ${errnoText}`);
}

/** The spawn failed for a reason the checks before it did not foresee. */
export function spawnFailed(name: string, errnoText: string): ProgramNotRunnable {
  return new ProgramNotRunnable(`exec ${goQuote(name)}: ${errnoText}`);
}

/**
 * The working directory is missing, not a directory, or not enterable. Only a directory
 * the image map names can lack it: a temporary root gets the directory made.
 */
export function chdirFailed(containerPath: string, errnoText: string): ContainerStartError {
  return cannotStart(
    `process runtime: chdir to the working directory ${goQuote(containerPath)} failed: ${errnoText}`,
  );
}

/** A ulimit that cannot be applied (`type` is the RLIMIT_* number, as runc prints it). */
export function rlimitFailed(name: string, type: number, errnoText: string): ContainerStartError {
  return cannotStart(
    `process runtime: setting ulimit ${name} (rlimit type ${type}) failed: ${errnoText}`,
  );
}

/**
 * The runtime could not record the container in its ledger (its state directory is full
 * or read-only), so it does not start it: a process a restart could not find is worse.
 */
export function ledgerFailed(errnoText: string): ContainerStartError {
  return cannotStart(
    `process runtime: unable to record the container process in teiki's state directory: ` +
      `${errnoText}. Free space on, or make writable, the data directory (the temporary ` +
      `directory under --in-memory)`,
  );
}

/**
 * An image mapped to a host directory that is not there. The process runtime has nothing to
 * pull, so this stands where a registry's "not found" would: the pull error's shape, with
 * the mapping named so the user knows which setting to fix.
 */
export function mappedDirectoryMissing(
  image: string,
  directory: string,
  errnoText: string,
): ContainerStartError {
  return new ContainerStartError(
    `CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to ` +
      `resolve ref ${image}: image map target ${directory}: ${errnoText}`,
  );
}

/** The runtime was closed (teiki is shutting down) before the container could start. */
export function runtimeClosed(): ContainerStartError {
  return new ContainerStartError('CannotStartContainerError: the process runtime is shutting down');
}

/** Errno codes as Go's syscall package words them (the tail of runc's messages). */
export function errnoText(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EPERM':
      return 'operation not permitted';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ENOEXEC':
      return 'exec format error';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EINVAL':
      return 'invalid argument';
    case 'E2BIG':
      return 'argument list too long';
    case 'ETXTBSY':
      return 'text file busy';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EIO':
      return 'input/output error';
    default:
      return code ? code.toLowerCase() : 'unknown error';
  }
}

/** Go's `%q` for the strings that appear here: double quotes, backslash escapes. */
function goQuote(text: string): string {
  return JSON.stringify(text);
}
