/**
 * Which failures of the storage are storage faults (answered as a service's 5xx with
 * what to do) and which are not (bugs, or a service's own errors): table-driven over the
 * errno and SQLite codes the data directory can produce.
 */
import { describe, expect, it } from 'vitest';
import {
  faultOfErrno,
  faultOfSqlite,
  StorageFaultError,
  type StorageFaultKind,
} from '../../src/store/fault.js';

describe('storage faults', () => {
  const errno: Array<[string | undefined, StorageFaultKind | undefined]> = [
    ['ENOSPC', 'full'],
    ['EDQUOT', 'full'],
    ['EROFS', 'read-only'],
    ['EACCES', 'denied'],
    ['EPERM', 'denied'],
    ['EIO', 'io'],
    ['ENOENT', undefined],
    ['EEXIST', undefined],
    [undefined, undefined],
  ];
  for (const [code, kind] of errno) {
    it(`errno ${code ?? '(none)'} is ${kind ?? 'not a storage fault'}`, () => {
      expect(faultOfErrno(code)).toBe(kind);
    });
  }

  const sqlite: Array<[string | undefined, StorageFaultKind | undefined]> = [
    ['SQLITE_FULL', 'full'],
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    ['SQLITE_READONLY_DIRECTORY', 'read-only'],
    ['SQLITE_PERM', 'denied'],
    ['SQLITE_IOERR', 'io'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['SQLITE_IOERR_FSYNC', 'io'],
    ['SQLITE_CANTOPEN', 'io'],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', undefined],
    ['SQLITE_CORRUPT', undefined],
    ['SQLITE_ERROR', undefined],
    [undefined, undefined],
  ];
  for (const [code, kind] of sqlite) {
    it(`SQLite ${code ?? '(no code)'} is ${kind ?? 'not a storage fault'}`, () => {
      expect(faultOfSqlite(code)).toBe(kind);
    });
  }

  const messages: Array<[StorageFaultKind, string]> = [
    [
      'full',
      'the data directory /d is full (x). Free some space there, or choose another --data-dir (or --in-memory).',
    ],
    [
      'read-only',
      'the data directory /d is read-only (x). Make it writable for this user, or choose another --data-dir (or --in-memory).',
    ],
    [
      'denied',
      'the data directory /d is not writable by this user (x). Make it writable for this user, or choose another --data-dir (or --in-memory).',
    ],
    [
      'busy',
      'the data directory /d is locked by another process (x). Stop the other process that uses it, or choose another --data-dir.',
    ],
    [
      'io',
      'the data directory /d reports input/output errors (x). Check the disk, or choose another --data-dir (or --in-memory).',
    ],
  ];
  for (const [kind, message] of messages) {
    it(`says which directory and what to do when it is ${kind}, on one line`, () => {
      const error = new StorageFaultError(kind, '/d', 'x');
      expect(error.message).toBe(message);
      expect(error.message).not.toContain('\n');
    });
  }
});
