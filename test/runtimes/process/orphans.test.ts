import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/engine/log.js';
import { recordingLogger as keepingLogger, type LogEntry } from '../../helpers/logger.js';
import { processStartTime } from '../../../src/runtimes/procfs.js';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import { safeStart } from '../../../src/runtimes/process/ledger.js';
import { reapOrphans } from '../../../src/runtimes/process/orphans.js';
import { defaultStateDir } from '../../../src/runtimes/process/state-dir.js';
import { ContainerStartError, type Runtime } from '../../../src/runtimes/types.js';
import { alive, collector, launch, pidOf, sh } from './fixtures.js';

const VITE_NODE = fileURLToPath(
  new URL('../../../node_modules/vite-node/vite-node.mjs', import.meta.url),
);
const CRASH_CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

let stateDir: string;
const runtimes: Runtime[] = [];
const newRuntime = (logger?: Logger) => {
  const r = createProcessRuntime({ imageMap: [], stateDir, ...(logger ? { logger } : {}) });
  runtimes.push(r);
  return r;
};
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'teiki-orphans-'));
});
const children: ChildProcess[] = [];
const pids: number[] = [];
afterAll(async () => {
  // Should a test fail half-way, nothing it started outlives the suite.
  for (const child of children) child.kill('SIGKILL');
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
  }
  await Promise.all(runtimes.map((r) => r.close()));
});

/** A logger that keeps what it is told, with `lines` to read it back. */
function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const entries: LogEntry[] = [];
  return Object.defineProperty(keepingLogger(entries), 'lines', {
    get: () => entries.map(({ level, message }) => ({ level, message })),
  }) as Logger & { lines: { level: string; message: string }[] };
}

const forever = sh('echo ready; while :; do sleep 0.05; done');

/** Resolves once `pid` has ended (polled: the process is not ours to wait for). */
async function ended(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Runs crash-child.ts, returns its first JSON line, then SIGKILLs it. */
async function crash<T>(mode: string, ...args: string[]): Promise<T> {
  const child = spawn(process.execPath, [VITE_NODE, CRASH_CHILD, stateDir, mode, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const report = await new Promise<T>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line && text.includes('\n')) resolve(JSON.parse(line) as T);
    });
    child.once('exit', (code) => reject(new Error(`crash-child exited early (${code})`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return report;
}

/** A process this test owns, leader of its own session, as a container would be. */
async function bystander(script = 'sleep 1000'): Promise<{ pid: number; startTime: string }> {
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  const pid = child.pid!;
  pids.push(pid);
  return { pid, startTime: (await processStartTime(pid))! };
}

/** The directory name of a ledger whose owner has ended: a pid that exited, any start. */
async function deadOwnerDir(): Promise<string> {
  const gone = spawn('true');
  await new Promise((resolve) => gone.once('exit', resolve));
  const dir = join(stateDir, `${gone.pid}-1-deadbeef`);
  await mkdir(join(dir, 'tasks'), { recursive: true });
  return dir;
}

describe('process runtime: the ledger', () => {
  it('records each container with its pid and start time, and forgets it when it exits', async () => {
    const runtime = newRuntime();
    const l = launch({ command: forever });
    const output = collector();
    const container = await runtime.start(l, output);
    await output.waitFor('ready');
    const [own] = await readdir(stateDir);
    expect(own).toMatch(new RegExp(`^${process.pid}-\\d+-[0-9a-f]{8}$`));
    const files = await readdir(join(stateDir, own!, 'tasks'));
    expect(files).toEqual([expect.stringMatching(new RegExp(`^${l.taskId}-[0-9a-f]{8}\\.json$`))]);
    const record = JSON.parse(await readFile(join(stateDir, own!, 'tasks', files[0]!), 'utf8')) as {
      launchId: string;
      tempDir: string;
    };
    expect(record).toEqual({
      launchId: files[0]!.replace(/\.json$/, ''),
      taskArn: l.taskArn,
      containerName: 'app',
      tempDir: join(stateDir, own!, 'roots', `teiki-container-${record.launchId}`),
      pid: pidOf(container),
      startTime: await processStartTime(pidOf(container)),
    });
    expect(existsSync(record.tempDir)).toBe(true);
    await container.stop(5);
    expect(await readdir(join(stateDir, own!, 'tasks'))).toEqual([]);
    expect(existsSync(record.tempDir)).toBe(false);
    await runtime.close();
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('runs the program with its own argv[0], no extra descriptor and no PWD of its own', async () => {
    const runtime = newRuntime();
    const output = collector();
    const container = await runtime.start(
      launch({
        command: ['sh', '-c', 'echo "$0"; readlink /proc/$$/fd/3 || echo "no fd 3"', 'x0'],
      }),
      output,
    );
    await container.exited;
    // sh -c sets PWD itself once it runs; the gate must not have put one in its environment.
    const env = collector();
    await (
      await runtime.start(launch({ command: ['env'] }), env)
    ).exited;
    expect(output.stdout()).toEqual(['x0', 'no fd 3']);
    expect(env.stdout().some((line) => line.startsWith('PWD='))).toBe(false);
  });

  it('does not start a container it cannot record', async () => {
    const blocked = join(stateDir, 'file');
    await writeFile(blocked, '');
    const runtime = createProcessRuntime({ imageMap: [], stateDir: blocked });
    runtimes.push(runtime);
    const error = await runtime
      .start(launch({ command: forever }), collector())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContainerStartError);
    expect((error as ContainerStartError).reason).toMatch(
      /^CannotStartContainerError: ResourceInitializationError: process runtime: unable to record the container process in teiki's state directory: not a directory\. Free space on, or make writable, the data directory/,
    );
  });

  it('leaves the ledger of a live teiki alone, its own and any other', async () => {
    const runtime = newRuntime();
    const output = collector();
    const container = await runtime.start(launch({ command: forever }), output);
    await output.waitFor('ready');
    const before = await readdir(stateDir);
    expect(await runtime.cleanupOrphans()).toBe(0);
    // Another runtime of this same (live) process: its directory is not an orphan either.
    expect(await newRuntime().cleanupOrphans()).toBe(0);
    expect(alive(pidOf(container))).toBe(true);
    expect(await readdir(stateDir)).toEqual(before);
    await container.stop(5);
  });
});

describe('process runtime: what a killed teiki left', () => {
  it('kills every session it recorded, the leader gone or not, and removes its directory', async () => {
    const left = await crash<{ pids: number[]; children: number[] }>('running');
    pids.push(...left.pids, ...left.children);
    // The containers outlived the process that started them. Then the third one's leader
    // dies while no teiki watches, leaving its children in its session.
    for (const pid of [...left.pids, ...left.children]) expect(alive(pid)).toBe(true);
    process.kill(left.pids[2]!, 'SIGKILL');
    await ended(left.pids[2]!);
    const [dir] = await readdir(stateDir);
    const roots = await readdir(join(stateDir, dir!, 'roots'));
    expect(roots).toHaveLength(3);

    const logger = recordingLogger();
    expect(await newRuntime(logger).cleanupOrphans()).toBe(3);
    for (const pid of [...left.pids, ...left.children]) await ended(pid);
    expect(await readdir(stateDir)).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
    expect(await newRuntime().cleanupOrphans()).toBe(0);
  });

  it('never runs a program whose record was not completed when teiki died', async () => {
    const marker = join(stateDir, 'ran');
    const { gate } = await crash<{ gate: number }>('unrecorded', marker);
    pids.push(gate);
    // The gate sees its pipe close and exits on its own; once it is gone the program can
    // no longer start (it would have taken the gate's pid).
    await ended(gate);
    expect(existsSync(marker)).toBe(false);
  });

  it('removes the root of a container recorded but not yet spawned, without a word', async () => {
    const dir = await deadOwnerDir();
    const root = join(dir, 'roots', 'teiki-container-abc-00000000');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'scratch'), 'x');
    await writeFile(
      join(dir, 'tasks', 'abc-00000000.json'),
      JSON.stringify({ launchId: 'abc-00000000', taskArn: 't', containerName: 'c', tempDir: root }),
    );
    const logger = recordingLogger();
    expect(await reapOrphans(stateDir, undefined, logger)).toBe(0);
    expect(await readdir(stateDir)).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it('kills the session a half-renamed record names (the .tmp file is the newer record)', async () => {
    const dir = await deadOwnerDir();
    const { pid, startTime } = await bystander();
    await writeFile(
      join(dir, 'tasks', 'abc-00000000.json'),
      JSON.stringify({ launchId: 'abc-00000000', taskArn: 't', containerName: 'c' }),
    );
    await writeFile(
      join(dir, 'tasks', 'abc-00000000.json.tmp'),
      JSON.stringify({
        launchId: 'abc-00000000',
        taskArn: 't',
        containerName: 'c',
        pid,
        startTime,
      }),
    );
    expect(await reapOrphans(stateDir, undefined, recordingLogger())).toBe(1);
    await ended(pid);
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('does not kill a process that merely reuses a recorded pid', async () => {
    const dir = await deadOwnerDir();
    const { pid, startTime } = await bystander();
    await writeFile(
      join(dir, 'tasks', 'abc-00000000.json'),
      JSON.stringify({
        launchId: 'abc-00000000',
        taskArn: 't',
        containerName: 'c',
        pid,
        startTime: `${BigInt(startTime) - 1n}`,
      }),
    );
    const logger = recordingLogger();
    expect(await reapOrphans(stateDir, undefined, logger)).toBe(0);
    expect(alive(pid)).toBe(true);
    expect(await readdir(stateDir)).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it('says nothing of recorded processes that have already exited', async () => {
    const dir = await deadOwnerDir();
    const gone = spawn('true');
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeFile(
      join(dir, 'tasks', 'a-00000000.json'),
      JSON.stringify({
        launchId: 'a-00000000',
        taskArn: 't',
        containerName: 'c',
        pid: gone.pid,
        startTime: '5',
      }),
    );
    // Even a record from before start times were kept: the process is gone, so all is well.
    await writeFile(
      join(dir, 'tasks', 'b-00000000.json'),
      JSON.stringify({ launchId: 'b-00000000', taskArn: 't', containerName: 'c', pid: gone.pid }),
    );
    await writeFile(join(dir, 'tasks', 'c-00000000.json'), '{broken');
    const logger = recordingLogger();
    expect(await reapOrphans(stateDir, undefined, logger)).toBe(0);
    expect(logger.lines).toEqual([]);
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('warns only about a running process it cannot prove is its own', async () => {
    const dir = await deadOwnerDir();
    const { pid } = await bystander();
    await writeFile(
      join(dir, 'tasks', 'a-00000000.json'),
      JSON.stringify({ launchId: 'a-00000000', taskArn: 't', containerName: 'c', pid }),
    );
    const logger = recordingLogger();
    expect(await reapOrphans(stateDir, undefined, logger)).toBe(0);
    expect(alive(pid)).toBe(true);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'a task process may be left running: its start time was not recorded',
      },
    ]);
  });

  it('honours records of the flat layout of earlier versions', async () => {
    const { pid, startTime } = await bystander();
    const tempDir = await mkdtemp(join(tmpdir(), 'teiki-container-'));
    await writeFile(
      join(stateDir, `abc-${pid}.json`),
      JSON.stringify({
        pid,
        startTime,
        runtimeId: `abc-${pid}`,
        taskArn: 't',
        containerName: 'c',
        tempDir,
      }),
    );
    expect(await reapOrphans(stateDir, undefined, recordingLogger())).toBe(1);
    await ended(pid);
    expect(existsSync(tempDir)).toBe(false);
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('never removes a recorded directory it did not make', async () => {
    const dir = await deadOwnerDir();
    const precious = await mkdtemp(join(tmpdir(), 'teiki-precious-'));
    await writeFile(
      join(dir, 'tasks', 'x-00000000.json'),
      JSON.stringify({
        launchId: 'x-00000000',
        taskArn: 't',
        containerName: 'c',
        tempDir: precious,
      }),
    );
    expect(await reapOrphans(stateDir, undefined, recordingLogger())).toBe(0);
    expect(existsSync(precious)).toBe(true);
    await rm(precious, { recursive: true });
  });

  it('has nothing to clean in a missing or empty state directory', async () => {
    await rm(stateDir, { recursive: true });
    expect(await newRuntime().cleanupOrphans()).toBe(0);
    await mkdir(stateDir);
    expect(await newRuntime().cleanupOrphans()).toBe(0);
  });
});

describe('process runtime: the state directory of a teiki without a data directory', () => {
  it('is per user under the temporary directory', async () => {
    const base = await mkdtemp(join(tmpdir(), 'teiki-base-'));
    expect(await defaultStateDir(recordingLogger(), base)).toBe(
      join(base, `teiki-${process.getuid!()}`, 'process'),
    );
  });

  it("is a private one, with a warning, when the per-user directory is not the user's", async () => {
    const base = await mkdtemp(join(tmpdir(), 'teiki-base-'));
    await mkdir(join(base, 'elsewhere'));
    await symlink(join(base, 'elsewhere'), join(base, `teiki-${process.getuid!()}`));
    const logger = recordingLogger();
    const dir = await defaultStateDir(logger, base);
    expect(dir).toMatch(new RegExp(`^${base}/teiki-process-`));
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
  });

  it('names each teiki by pid and start time', async () => {
    const start = (await processStartTime(process.pid))!;
    expect(safeStart(start)).toMatch(/^\w+$/);
    expect(safeStart('Mon Jan  5 10:00:00 2026')).toBe('Mon_Jan__5_10_00_00_2026');
  });
});
