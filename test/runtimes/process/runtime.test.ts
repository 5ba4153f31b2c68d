import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { homedir, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import type { Runtime } from '../../../src/runtimes/types.js';
import { collector, launch, sh } from './fixtures.js';

let work: string;
let runtime: Runtime;
beforeAll(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), 'teiki-process-test-')));
  await mkdir(join(work, 'site', 'app', 'sub'), { recursive: true });
  await writeFile(join(work, 'site', 'marker'), '');
  runtime = createProcessRuntime({
    imageMap: [
      { pattern: 'example/site:*', target: join(work, 'site') },
      { pattern: 'relative/site', target: 'site' },
    ],
    baseDir: work,
    hostEnv: { PATH: process.env.PATH, SECRET_OF_TEIKI: 'leak', AWS_SECRET_ACCESS_KEY: 'x' },
  });
});
afterAll(async () => {
  await runtime.close();
  await rm(work, { recursive: true, force: true });
});

async function run(overrides: Parameters<typeof launch>[0]) {
  const output = collector();
  const container = await runtime.start(launch(overrides), output);
  const exit = await container.exited;
  return { container, exit, output };
}

describe('process runtime: argv', () => {
  it('is kind process and prepares nothing for an unmapped image', async () => {
    expect(runtime.kind).toBe('process');
    expect(await runtime.prepareImage(launch())).toEqual({});
  });

  it.each([
    {
      name: 'command alone',
      entryPoint: undefined,
      command: ['printf', '%s|', 'a b', 'c'],
      want: 'a b|c|',
    },
    {
      name: 'entry point alone',
      entryPoint: ['printf', '%s|', 'x'],
      command: undefined,
      want: 'x|',
    },
    {
      name: 'entry point then command',
      entryPoint: ['printf', '%s|'],
      command: ['1', '2'],
      want: '1|2|',
    },
    {
      name: 'no shell expansion in exec form',
      entryPoint: undefined,
      command: ['printf', '%s', '$HOME *'],
      want: '$HOME *',
    },
    {
      name: 'sh -c for a shell',
      entryPoint: ['sh', '-c'],
      command: ['echo "$0:$1"', 'zero', 'one'],
      want: 'zero:one',
    },
  ])('$name', async ({ entryPoint, command, want }) => {
    const { exit, output } = await run({ entryPoint, command });
    expect(exit).toEqual({ exitCode: 0 });
    expect(output.stdout()).toEqual([want]);
  });

  it('keeps argv[0] as the command names it', async () => {
    const { output } = await run({ command: sh('echo "$0"') });
    expect(output.stdout()).toEqual(['sh']);
  });

  it('names the container by task id and pid', async () => {
    const l = launch({ command: sh('echo $$') });
    const output = collector();
    const container = await runtime.start(l, output);
    await container.exited;
    expect(container.runtimeId).toBe(`${l.taskId}-${output.stdout()[0]}`);
    expect(container.health).toBeUndefined();
  });
});

describe('process runtime: exit codes', () => {
  it.each([
    { script: 'exit 0', code: 0 },
    { script: 'exit 3', code: 3 },
    { script: 'exit 255', code: 255 },
    { script: 'kill -TERM $$', code: 143 },
    { script: 'kill -KILL $$', code: 137 },
    { script: 'kill -INT $$', code: 130 },
    { script: 'kill -SEGV $$', code: 139 },
  ])('$script → $code', async ({ script, code }) => {
    const { exit } = await run({ command: sh(script) });
    expect(exit).toEqual({ exitCode: code });
  });
});

describe('process runtime: environment', () => {
  it("is the launch environment over a minimal base, nothing of teiki's", async () => {
    const { output } = await run({
      command: ['env'],
      environment: { GREETING: 'hi there', EMPTY: '' },
    });
    const env = Object.fromEntries(
      output.stdout().map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(env).toEqual({
      PATH: process.env.PATH,
      HOME: homedir(),
      HOSTNAME: hostname(),
      TZ: 'UTC',
      GREETING: 'hi there',
      EMPTY: '',
    });
  });

  it('lets the launch override the base', async () => {
    const { output } = await run({
      command: sh('echo "$TZ $HOME"'),
      environment: { TZ: 'Asia/Tokyo', HOME: '/nowhere' },
    });
    expect(output.stdout()).toEqual(['Asia/Tokyo /nowhere']);
  });

  it('finds programs on the launch PATH', async () => {
    await mkdir(join(work, 'bin'), { recursive: true });
    await writeFile(join(work, 'bin', 'hello-teiki'), '#!/bin/sh\necho from-bin\n', {
      mode: 0o755,
    });
    const { exit, output } = await run({
      command: ['hello-teiki'],
      environment: { PATH: `${join(work, 'bin')}:/usr/bin:/bin` },
    });
    expect(exit.exitCode).toBe(0);
    expect(output.stdout()).toEqual(['from-bin']);
  });
});

describe('process runtime: working directory', () => {
  it('is a fresh temporary directory, removed after exit, for an unmapped image', async () => {
    const { output } = await run({ command: sh('pwd; ls -A | wc -l') });
    const [dir, count] = output.stdout();
    expect(dir).toMatch(/teiki-container-/);
    expect(count?.trim()).toBe('0');
    expect(existsSync(dir!)).toBe(false);
  });

  it('gives each container its own temporary directory', async () => {
    const a = await run({ command: ['pwd'] });
    const b = await run({ command: ['pwd'] });
    expect(a.output.stdout()[0]).not.toBe(b.output.stdout()[0]);
  });

  it('creates workingDirectory inside a temporary root', async () => {
    const { output } = await run({ command: ['pwd'], workingDirectory: '/var/www/html' });
    expect(output.stdout()[0]).toMatch(/teiki-container-[^/]+\/var\/www\/html$/);
  });

  it('is the mapped directory for a mapped image, which stays', async () => {
    const { output } = await run({ image: 'example/site:v1', command: sh('pwd; ls') });
    expect(output.stdout()).toEqual([join(work, 'site'), 'app', 'marker']);
    expect(existsSync(join(work, 'site', 'marker'))).toBe(true);
  });

  it.each([
    { wd: '/app', want: 'app' },
    { wd: 'app/sub', want: 'app/sub' },
    { wd: '/app/sub/..', want: 'app' },
    { wd: '/../../app', want: 'app' },
    { wd: '/', want: '' },
  ])('takes workingDirectory $wd inside the mapped root', async ({ wd, want }) => {
    const { output } = await run({
      image: 'example/site:v1',
      command: ['pwd'],
      workingDirectory: wd,
    });
    expect(output.stdout()).toEqual([join(work, 'site', want).replace(/\/$/, '')]);
  });

  it('takes a relative image map target from the base directory', async () => {
    const { output } = await run({ image: 'relative/site', command: ['pwd'] });
    expect(output.stdout()).toEqual([join(work, 'site')]);
  });

  it('runs a relative program from the working directory', async () => {
    await writeFile(join(work, 'site', 'app', 'run.sh'), '#!/bin/sh\necho ran "$@"\n', {
      mode: 0o755,
    });
    const { output } = await run({
      image: 'example/site:v1',
      workingDirectory: '/app',
      command: ['./run.sh', 'x'],
    });
    expect(output.stdout()).toEqual(['ran x']);
  });
});
