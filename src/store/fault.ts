/**
 * The storage under a store failed: the data directory is full, read-only, not ours to
 * write, or the disk answers with I/O errors. Not a bug and not the caller's input: the
 * gateway answers it as each AWS service answers a server-side failure (a 5xx), reads
 * keep working, and nothing is half-written because every multi-record change is one
 * transaction.
 */
export type StorageFaultKind = 'full' | 'read-only' | 'denied' | 'io' | 'busy';

export class StorageFaultError extends Error {
  override readonly name = 'StorageFaultError';

  constructor(
    readonly kind: StorageFaultKind,
    /** The directory (or file) that failed. */
    readonly path: string,
    /** What the operating system or the database said. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${describeFault(kind, path)} (${detail}). ${remedy(kind)}`, options);
  }
}

export function isStorageFault(value: unknown): value is StorageFaultError {
  return value instanceof StorageFaultError;
}

function describeFault(kind: StorageFaultKind, path: string): string {
  switch (kind) {
    case 'full':
      return `the data directory ${path} is full`;
    case 'read-only':
      return `the data directory ${path} is read-only`;
    case 'denied':
      return `the data directory ${path} is not writable by this user`;
    case 'busy':
      return `the data directory ${path} is locked by another process`;
    case 'io':
      return `the data directory ${path} reports input/output errors`;
  }
}

function remedy(kind: StorageFaultKind): string {
  switch (kind) {
    case 'full':
      return 'Free some space there, or choose another --data-dir (or --in-memory).';
    case 'read-only':
    case 'denied':
      return 'Make it writable for this user, or choose another --data-dir (or --in-memory).';
    case 'busy':
      return 'Stop the other process that uses it, or choose another --data-dir.';
    case 'io':
      return 'Check the disk, or choose another --data-dir (or --in-memory).';
  }
}

/** The fault an errno code stands for, if it is one. */
export function faultOfErrno(code: string | undefined): StorageFaultKind | undefined {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'full';
    case 'EROFS':
      return 'read-only';
    case 'EACCES':
    case 'EPERM':
      return 'denied';
    case 'EIO':
      return 'io';
    default:
      return undefined;
  }
}

/**
 * The fault an SQLite result code stands for (better-sqlite3 puts the extended code on
 * `error.code`: `SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`, `SQLITE_IOERR_WRITE`, …).
 */
export function faultOfSqlite(code: string | undefined): StorageFaultKind | undefined {
  if (code === undefined) return undefined;
  if (code === 'SQLITE_FULL') return 'full';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return 'read-only';
  if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'denied';
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_')) return 'io';
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) return 'io';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) return 'busy';
  return undefined;
}
