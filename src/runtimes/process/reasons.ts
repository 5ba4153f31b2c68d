/**
 * The `reason` texts ECS writes when a container cannot start, as Fargate (platform 1.4,
 * containerd + runc 1.1) words them, so a task that fails on teiki reads like one that
 * failed on AWS. runc reports `exec` lookups the way Go's `exec.LookPath` does and a bad
 * working directory from its init; both surface at `runc create`.
 */
import { RUNC_CREATE } from '../reasons.js';
import { ContainerStartError } from '../types.js';

function cannotStart(detail: string): ContainerStartError {
  return new ContainerStartError(`${RUNC_CREATE}${detail}: unknown`);
}

function cannotStartProcess(detail: string): ContainerStartError {
  return cannotStart(`unable to start container process: ${detail}`);
}

/** Neither entry point nor command: the process runtime has no image to supply one. */
export function noCommand(): ContainerStartError {
  return cannotStart('args must not be empty');
}

/** A bare name not found on the container's PATH. */
export function executableNotFound(name: string): ContainerStartError {
  return cannotStartProcess(`exec: ${goQuote(name)}: executable file not found in $PATH`);
}

/** A name with a slash that cannot be stat'ed (`errnoText`: "no such file or directory"…). */
export function executableStatFailed(name: string, errnoText: string): ContainerStartError {
  return cannotStartProcess(`exec: ${goQuote(name)}: stat ${name}: ${errnoText}`);
}

/** A file found but not executable ("permission denied") or a directory ("is a directory"). */
export function executableRejected(name: string, errnoText: string): ContainerStartError {
  return cannotStartProcess(`exec: ${goQuote(name)}: ${errnoText}`);
}

/** The working directory is missing, not a directory, or not enterable. */
export function chdirFailed(containerPath: string, errnoText: string): ContainerStartError {
  return cannotStartProcess(
    `chdir to cwd (${goQuote(containerPath)}) set in config.json failed: ${errnoText}`,
  );
}

/** A ulimit that cannot be applied (`type` is the RLIMIT_* number, as runc prints it). */
export function rlimitFailed(type: number, errnoText: string): ContainerStartError {
  return cannotStartProcess(`error setting rlimit type ${type}: ${errnoText}`);
}

/**
 * The runtime could not record the container in its ledger (its state directory is full
 * or read-only), so it does not start it: a process a restart could not find is worse.
 */
export function ledgerFailed(errnoText: string): ContainerStartError {
  return cannotStart(
    `unable to record the container process in teiki's state directory: ${errnoText}`,
  );
}

/** The spawn failed for a reason the checks before it did not foresee. */
export function spawnFailed(name: string, errnoText: string): ContainerStartError {
  return cannotStartProcess(`exec ${name}: ${errnoText}`);
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
