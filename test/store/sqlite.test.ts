import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DATABASE_FILE,
  MIGRATIONS,
  SchemaTooNewError,
  migrate,
  openSqliteStore,
  type Migration,
} from '../../src/store/sqlite/index.js';
import type { Scope } from '../../src/store/types.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const A: Scope = { accountId: '000000000000', region: 'us-east-1' };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'teiki-sqlite-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sqlite durability', () => {
  it('keeps data across close and reopen', async () => {
    const first = await openSqliteStore({ dataDir: dir });
    await first.collection<{ n: number }>('things').put(A, 'x', { n: 1 });
    await first.transaction(async (tx) => tx.collection<string>('ledger').insert(A, 'c', 'won'));
    await first.close();

    const second = await openSqliteStore({ dataDir: dir });
    expect(await second.collection('things').get(A, 'x')).toEqual({ n: 1 });
    expect(await second.collection<string>('ledger').insert(A, 'c', 'again')).toBe(false);
    await second.close();
  });

  it('keeps a write whose promise resolved when the process is killed with SIGKILL', async () => {
    const build = await transpileStore();
    const script = join(build, 'child.js');
    await writeFile(
      script,
      `import { openSqliteStore } from './src/store/sqlite/index.js';
const store = await openSqliteStore({ dataDir: process.argv[2] });
const scope = { accountId: '000000000000', region: 'us-east-1' };
await store.collection('things').put(scope, 'plain', { written: 'outside' });
await store.transaction(async (tx) => {
  await tx.collection('things').insert(scope, 'claimed', { written: 'inside' });
});
process.stdout.write('written\\n');
setInterval(() => {}, 1_000);
`,
    );
    const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('written')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    child.kill('SIGKILL');
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    // The commits sit in the write-ahead log that nobody checkpointed: recovery reads them.
    expect((await stat(join(dir, `${DATABASE_FILE}-wal`))).size).toBeGreaterThan(0);

    const store = await openSqliteStore({ dataDir: dir });
    expect(await store.collection('things').get(A, 'plain')).toEqual({ written: 'outside' });
    expect(await store.collection('things').get(A, 'claimed')).toEqual({ written: 'inside' });
    await store.close();
  });
});

describe('sqlite migrations', () => {
  const file = () => join(dir, DATABASE_FILE);

  it('runs each migration once', async () => {
    const db = new Database(file());
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
    const store = await openSqliteStore({ dataDir: dir });
    await store.close();
    const again = new Database(file());
    expect(migrate(again)).toEqual([]);
    again.close();
  });

  it('applies pending steps in version order, and only those', () => {
    const db = new Database(file());
    const steps: Migration[] = [
      { version: 2, name: 'second', sql: "INSERT INTO log VALUES ('two')" },
      { version: 1, name: 'first', sql: 'CREATE TABLE log (step TEXT)' },
    ];
    expect(migrate(db, steps.slice(1))).toEqual([1]);
    expect(migrate(db, steps)).toEqual([2]);
    expect(db.prepare('SELECT step FROM log').pluck().all()).toEqual(['two']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('applies nothing of a run whose later step fails', () => {
    const db = new Database(file());
    const steps: Migration[] = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE kept (x)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE oops (' },
    ];
    expect(() => migrate(db, steps)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'kept'").pluck().get()).toBe(
      0,
    );
    db.close();
  });

  it('refuses a database written by a newer teiki', async () => {
    await mkdir(dir, { recursive: true });
    const db = new Database(file());
    migrate(db);
    db.pragma('user_version = 999');
    db.close();
    const opening = openSqliteStore({ dataDir: dir });
    await expect(opening).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(opening).rejects.toThrow(
      new RegExp(`version 999.*only up to version ${MIGRATIONS.at(-1)!.version}\\.`),
    );
    // Refusing must not have touched the database.
    const after = new Database(file());
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    after.close();
  });

  it('creates the data directory', async () => {
    const nested = join(dir, 'a', 'b');
    const store = await openSqliteStore({ dataDir: nested });
    await store.close();
    expect(await readdir(nested)).toContain(DATABASE_FILE);
  });
});

/**
 * The child process runs plain Node, which cannot load TypeScript: transpile the store
 * (imports already carry `.js`) into a temporary module tree that resolves packages from
 * the repository.
 */
async function transpileStore(): Promise<string> {
  const out = join(dir, 'build');
  const sources = await listTs(join(REPO, 'src', 'store'));
  for (const source of sources) {
    const target = join(out, relative(REPO, source)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    const { outputText } = ts.transpileModule(await readFile(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: source,
    });
    await writeFile(target, outputText);
  }
  await writeFile(join(out, 'package.json'), '{"type":"module"}');
  await symlink(join(REPO, 'node_modules'), join(out, 'node_modules'), 'dir');
  return out;
}

async function listTs(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}
