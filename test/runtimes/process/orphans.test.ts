import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import { processStartTime } from '../../../src/runtimes/process/orphans.js';
import type { Runtime } from '../../../src/runtimes/types.js';
import { alive, collector, launch, pidOf, sh } from './fixtures.js';

const VITE_NODE = fileURLToPath(
  new URL('../../../node_modules/vite-node/vite-node.mjs', import.meta.url),
);

let stateDir: string;
const runtimes: Runtime[] = [];
const newRuntime = () => {
  const r = createProcessRuntime({ imageMap: [], stateDir });
  runtimes.push(r);
  return r;
};
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'teiki-orphans-'));
});
const children: ChildProcess[] = [];
const groups: number[] = [];
afterAll(async () => {
  // Should a test fail half-way, nothing it started outlives the suite.
  for (const child of children) child.kill('SIGKILL');
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
  await Promise.all(runtimes.map((r) => r.close()));
});

const forever = sh('echo ready; while :; do sleep 0.05; done');

/** A process this test owns, leader of its own group, as a container would be. */
async function bystander(): Promise<number> {
  const child = spawn('sleep', ['1000'], { detached: true, stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  groups.push(child.pid!);
  return child.pid!;
}

describe('process runtime: orphans', () => {
  it('records each running container and forgets it when it exits', async () => {
    const runtime = newRuntime();
    const l = launch({ command: forever });
    const output = collector();
    const container = await runtime.start(l, output);
    await output.waitFor('ready');
    const record = JSON.parse(
      await readFile(join(stateDir, `${container.runtimeId}.json`), 'utf8'),
    );
    expect(record).toEqual({
      pid: pidOf(container),
      startTime: await processStartTime(pidOf(container)),
      runtimeId: container.runtimeId,
      taskArn: l.taskArn,
      containerName: 'app',
      tempDir: expect.stringMatching(/teiki-container-/),
    });
    expect(record.startTime).toMatch(/^\d+$/);
    await container.stop(5);
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('kills what a crashed runtime left running, from a new runtime', async () => {
    // The first runtime is dropped without close(), as a crash would leave it.
    const crashed = newRuntime();
    const outputs = [collector(), collector()];
    const left = [
      await crashed.start(launch({ command: forever }), outputs[0]!),
      await crashed.start(
        launch({ command: sh('trap "" TERM; echo ready; while :; do sleep 0.05; done') }),
        outputs[1]!,
      ),
    ];
    await Promise.all(outputs.map((o) => o.waitFor('ready')));
    const records = await Promise.all(
      left.map(
        async (c) =>
          JSON.parse(await readFile(join(stateDir, `${c.runtimeId}.json`), 'utf8')) as {
            tempDir: string;
          },
      ),
    );
    runtimes.splice(runtimes.indexOf(crashed), 1);

    const next = newRuntime();
    expect(await next.cleanupOrphans()).toBe(2);
    // SIGKILL to the group, even for the one that ignores SIGTERM.
    expect(await Promise.all(left.map((c) => c.exited))).toEqual([
      { exitCode: 137 },
      { exitCode: 137 },
    ]);
    for (const c of left) expect(alive(pidOf(c))).toBe(false);
    for (const r of records) expect(existsSync(r.tempDir)).toBe(false);
    expect(await readdir(stateDir)).toEqual([]);
    expect(await next.cleanupOrphans()).toBe(0);
  });

  it('kills what a teiki process that was SIGKILLed left running', async () => {
    const child = spawn(
      process.execPath,
      [VITE_NODE, fileURLToPath(new URL('./crash-child.ts', import.meta.url)), stateDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(child);
    const runtimeId = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /^([0-9a-f]{32}-\d+)$/m.exec(text);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`crash-child exited early (${code})`)));
    });
    const pid = Number(runtimeId.split('-')[1]);
    groups.push(pid);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The container outlived the process that started it.
    expect(alive(pid)).toBe(true);
    expect(await readdir(stateDir)).toEqual([`${runtimeId}.json`]);

    expect(await newRuntime().cleanupOrphans()).toBe(1);
    await new Promise<void>((resolve) => {
      const check = () => (alive(pid) ? setImmediate(check) : resolve());
      check();
    });
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('does not kill a process that merely reuses a recorded pid', async () => {
    const pid = await bystander();
    await writeFile(
      join(stateDir, `abc-${pid}.json`),
      JSON.stringify({
        pid,
        startTime: '1',
        runtimeId: `abc-${pid}`,
        taskArn: 't',
        containerName: 'c',
      }),
    );
    expect(await newRuntime().cleanupOrphans()).toBe(0);
    expect(alive(pid)).toBe(true);
    expect(await readdir(stateDir)).toEqual([]);
    process.kill(-pid, 'SIGKILL');
  });

  it('kills a recorded process whose start time matches', async () => {
    const pid = await bystander();
    const startTime = await processStartTime(pid);
    await writeFile(
      join(stateDir, `abc-${pid}.json`),
      JSON.stringify({ pid, startTime, runtimeId: `abc-${pid}`, taskArn: 't', containerName: 'c' }),
    );
    expect(await newRuntime().cleanupOrphans()).toBe(1);
    await new Promise<void>((resolve) => {
      const check = () => (alive(pid) ? setImmediate(check) : resolve());
      check();
    });
    expect(alive(pid)).toBe(false);
  });

  it('drops records of processes that are gone, unreadable records, and leftovers of writes', async () => {
    const tempDir = await mkdtemp(join(tmpdir(), 'teiki-container-'));
    await writeFile(
      join(stateDir, 'gone-999999999.json'),
      JSON.stringify({
        pid: 999999999,
        startTime: '5',
        runtimeId: 'gone-999999999',
        taskArn: 't',
        containerName: 'c',
        tempDir,
      }),
    );
    await writeFile(join(stateDir, 'broken.json'), '{not json');
    await writeFile(join(stateDir, 'half.json.tmp'), '{"pid":');
    expect(await newRuntime().cleanupOrphans()).toBe(0);
    expect(await readdir(stateDir)).toEqual([]);
    expect(existsSync(tempDir)).toBe(false);
  });

  it('never removes a recorded directory it did not make', async () => {
    const precious = await mkdtemp(join(tmpdir(), 'teiki-precious-'));
    await writeFile(
      join(stateDir, 'x-999999998.json'),
      JSON.stringify({
        pid: 999999998,
        startTime: '5',
        runtimeId: 'x-999999998',
        taskArn: 't',
        containerName: 'c',
        tempDir: precious,
      }),
    );
    expect(await newRuntime().cleanupOrphans()).toBe(0);
    expect(existsSync(precious)).toBe(true);
    await rm(precious, { recursive: true });
  });

  it('leaves its own running containers alone', async () => {
    const runtime = newRuntime();
    const output = collector();
    const container = await runtime.start(launch({ command: forever }), output);
    await output.waitFor('ready');
    expect(await runtime.cleanupOrphans()).toBe(0);
    expect(alive(pidOf(container))).toBe(true);
    expect(await readdir(stateDir)).toEqual([`${container.runtimeId}.json`]);
    await container.stop(5);
  });

  it('has nothing to clean without a state directory, or with an empty one', async () => {
    expect(await createProcessRuntime({ imageMap: [] }).cleanupOrphans()).toBe(0);
    await rm(stateDir, { recursive: true });
    expect(await newRuntime().cleanupOrphans()).toBe(0);
    await mkdir(stateDir);
    expect(await newRuntime().cleanupOrphans()).toBe(0);
  });
});
