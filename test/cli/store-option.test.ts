import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsHelp } from '../../src/cli/option-specs.js';
import { compileOptions } from '../../src/cli/options.js';
import { describeStoreLocation } from '../../src/store/open.js';

const cwd = mkdtempSync(join(tmpdir(), 'teiki-store-option-'));
const URL_WITH_PASSWORD = 'postgres://teiki:s3cret@db.example:5433/teiki';

describe('--store', () => {
  it.each([
    { argv: [], env: {}, want: { kind: 'sqlite', dataDir: join(cwd, '.teiki') } },
    {
      argv: ['--store', 'sqlite', '--data-dir', 'd'],
      env: {},
      want: { kind: 'sqlite', dataDir: join(cwd, 'd') },
    },
    { argv: ['--store', 'memory'], env: {}, want: { kind: 'memory' } },
    { argv: ['--in-memory'], env: {}, want: { kind: 'memory' } },
    { argv: ['--in-memory', '--store', 'memory'], env: {}, want: { kind: 'memory' } },
    {
      argv: ['--store', URL_WITH_PASSWORD],
      env: {},
      want: { kind: 'postgres', url: URL_WITH_PASSWORD },
    },
    {
      argv: ['--store=postgresql://u@h/db?sslmode=require'],
      env: {},
      want: { kind: 'postgres', url: 'postgresql://u@h/db?sslmode=require' },
    },
    {
      argv: [],
      env: { TEIKI_STORE: URL_WITH_PASSWORD },
      want: { kind: 'postgres', url: URL_WITH_PASSWORD },
    },
    {
      argv: ['--store', 'memory'],
      env: { TEIKI_STORE: URL_WITH_PASSWORD },
      want: { kind: 'memory' },
    },
  ])('$argv $env → $want.kind', ({ argv, env, want }) => {
    const options = compileOptions(argv, env, cwd);
    expect(options.store).toEqual(want);
    expect(options.inMemory).toBe(want.kind === 'memory');
  });

  it('comes from the config file too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiki-store-option-'));
    writeFileSync(join(dir, 'teiki.config.json'), JSON.stringify({ store: URL_WITH_PASSWORD }));
    expect(compileOptions([], {}, dir).store).toEqual({ kind: 'postgres', url: URL_WITH_PASSWORD });
    // With PostgreSQL the process runtime still keeps its ledger in --data-dir.
    expect(compileOptions([], {}, dir).dataDir).toBe(join(dir, '.teiki'));
  });

  it.each([
    {
      argv: ['--in-memory', '--store', 'sqlite'],
      error: '--in-memory contradicts --store sqlite: drop one of them.',
    },
    {
      argv: ['--in-memory', '--store', URL_WITH_PASSWORD],
      error:
        '--in-memory contradicts --store postgres://teiki@db.example:5433/teiki: drop one of them.',
    },
    {
      argv: ['--store', 'mysql://x'],
      error:
        "--store must be sqlite, memory or postgres://user:password@host:port/database, not 'mysql://x'.",
    },
    {
      argv: ['--store', 'postgress://teiki:s3cret@h/db'],
      error:
        '--store must be sqlite, memory or postgres://user:password@host:port/database, not (a value with a password?).',
    },
    {
      argv: ['--store', 'postgres://teiki:s3cret@[bad/db'],
      error:
        '--store postgres://(an unreadable URL) is not a URL postgres://user:password@host:port/database.',
    },
  ])('refuses $argv in one line, never showing a password', ({ argv, error }) => {
    expect(() => compileOptions(argv, {}, cwd)).toThrow(error);
    expect(error).not.toContain('s3cret');
  });

  it('names the store without its password', () => {
    expect(
      describeStoreLocation(compileOptions(['--store', URL_WITH_PASSWORD], {}, cwd).store),
    ).toBe('postgres://teiki@db.example:5433/teiki');
    expect(describeStoreLocation({ kind: 'postgres', url: 'postgres:///teiki?host=/run/pg' })).toBe(
      'postgres:///teiki (socket /run/pg)',
    );
    expect(describeStoreLocation({ kind: 'memory' })).toBe('memory (nothing survives a restart)');
    expect(describeStoreLocation({ kind: 'sqlite', dataDir: '/d' })).toBe('sqlite /d');
  });

  it('is in --help with its variable', () => {
    expect(optionsHelp()).toMatch(/--store sqlite\|memory\|postgres:\/\/….*\n\s+env TEIKI_STORE/);
  });
});
