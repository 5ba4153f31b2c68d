import { mkdir, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import { ContainerStartError, type Runtime } from '../../../src/runtimes/types.js';
import { collector, launch } from './fixtures.js';

/** ECS's class for a container that cannot start; no engine layer follows it. */
const CANNOT = 'CannotStartContainerError: ResourceInitializationError: ';
const RUNTIME = `${CANNOT}process runtime: `;
/** What an exec failure adds when the image is not mapped: the program was looked for here. */
const onHost = (image = 'example/app:latest') =>
  `. The process runtime runs the command on this host, not in image ${image}: install the ` +
  `program here, map the image to a directory with --image-map '${image}=DIR', or start ` +
  'teiki with --runtime docker';

let work: string;
let runtime: Runtime;
beforeAll(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), 'teiki-process-errors-')));
  await mkdir(join(work, 'site', 'dir'), { recursive: true });
  await writeFile(join(work, 'site', 'plain.txt'), 'not a program\n', { mode: 0o644 });
  await writeFile(join(work, 'site', 'file'), '');
  await mkdir(join(work, 'scratch'));
  runtime = createProcessRuntime({
    scratchDir: join(work, 'scratch'),
    imageMap: [
      { pattern: 'site', target: join(work, 'site') },
      { pattern: 'missing/*', target: join(work, 'nope') },
      { pattern: 'not-a-dir', target: join(work, 'site', 'file') },
    ],
  });
});
afterAll(async () => {
  await runtime.close();
  await rm(work, { recursive: true, force: true });
});

async function startError(promise: Promise<unknown>): Promise<ContainerStartError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ContainerStartError);
    return error as ContainerStartError;
  }
  throw new Error('expected the start to fail');
}

const tempDirs = () => readdir(join(work, 'scratch'));

describe('process runtime: containers that cannot start', () => {
  const cases = [
    {
      name: 'nothing to run',
      overrides: { command: [] },
      reason:
        `${CANNOT}container app has nothing to run: neither the task definition nor the ` +
        'overrides give it an entryPoint or command, and the process runtime cannot run the ' +
        'entry point of image example/app:latest. Give the container a command (in its task ' +
        "definition, or in the overrides of RunTask or of the rule's or schedule's target), or " +
        "start teiki with --runtime docker (and --image-map 'example/app:latest=LOCAL_IMAGE' if " +
        'no registry has it)',
    },
    {
      name: 'a program not on PATH',
      overrides: { command: ['teiki-no-such-program', 'x'] },
      reason: `${RUNTIME}exec: "teiki-no-such-program": executable file not found in $PATH${onHost()}`,
    },
    {
      name: 'an empty PATH',
      overrides: { command: ['sh'], environment: { PATH: '/teiki-empty' } },
      reason: `${RUNTIME}exec: "sh": executable file not found in $PATH${onHost()}`,
    },
    {
      name: 'an absolute path that does not exist',
      overrides: { command: ['/teiki/no/such'] },
      reason: `${RUNTIME}exec: "/teiki/no/such": stat /teiki/no/such: no such file or directory${onHost()}`,
    },
    {
      name: 'a relative path that does not exist',
      overrides: { image: 'site', command: ['./missing.sh'] },
      reason: `${RUNTIME}exec: "./missing.sh": stat ./missing.sh: no such file or directory`,
    },
    {
      name: 'a file that is not executable',
      overrides: { image: 'site', command: ['./plain.txt'] },
      reason: `${RUNTIME}exec: "./plain.txt": permission denied`,
    },
    {
      name: 'a directory',
      overrides: { image: 'site', command: ['./dir'] },
      reason: `${RUNTIME}exec: "./dir": is a directory`,
    },
    {
      name: 'a path through a file',
      overrides: { image: 'site', command: ['./file/x'] },
      reason: `${RUNTIME}exec: "./file/x": stat ./file/x: not a directory`,
    },
    {
      name: 'a missing working directory in a mapped root',
      overrides: { image: 'site', command: ['pwd'], workingDirectory: '/srv/app' },
      reason: `${RUNTIME}chdir to the working directory "/srv/app" failed: no such file or directory`,
    },
    {
      name: 'a working directory that is a file',
      overrides: { image: 'site', command: ['pwd'], workingDirectory: 'plain.txt' },
      reason: `${RUNTIME}chdir to the working directory "/plain.txt" failed: not a directory`,
    },
    {
      name: 'a soft ulimit above the hard one',
      overrides: {
        command: ['true'],
        ulimits: [{ name: 'nofile', softLimit: 200, hardLimit: 100 }],
      },
      reason: `${RUNTIME}setting ulimit nofile (rlimit type 7) failed: invalid argument`,
    },
    {
      name: 'a nofile ulimit above fs.nr_open',
      overrides: { command: ['true'], ulimits: [{ name: 'nofile', softLimit: -1, hardLimit: -1 }] },
      reason: `${RUNTIME}setting ulimit nofile (rlimit type 7) failed: operation not permitted`,
    },
  ];

  it.each(cases)('$name', async ({ overrides, reason }) => {
    const before = await tempDirs();
    const error = await startError(runtime.start(launch(overrides), collector()));
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(reason);
    // A failed start leaves no temporary root behind.
    expect(await tempDirs()).toEqual(before);
    expect(before).toEqual([]);
  });
});

describe('process runtime: an image mapped to a missing directory', () => {
  it.each([
    { image: 'missing/app:1', dir: () => join(work, 'nope'), errno: 'no such file or directory' },
    { image: 'not-a-dir', dir: () => join(work, 'site', 'file'), errno: 'not a directory' },
  ])('$image fails prepareImage and start with a pull error', async ({ image, dir, errno }) => {
    const reason =
      'CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to ' +
      `resolve ref ${image}: image map target ${dir()}: ${errno}`;
    const prepare = await startError(runtime.prepareImage(launch({ image })));
    expect(prepare.reason).toBe(reason);
    const start = await startError(
      runtime.start(launch({ image, command: ['true'] }), collector()),
    );
    expect(start.reason).toBe(reason);
  });

  it('prepares a mapped image whose directory exists', async () => {
    expect(await runtime.prepareImage(launch({ image: 'site' }))).toEqual({});
  });
});
