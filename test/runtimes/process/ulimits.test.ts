import { afterAll, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../../../src/engine/log.js';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import {
  checkUlimits,
  prlimitArguments,
  readHostLimits,
  type HostLimits,
} from '../../../src/runtimes/process/ulimits.js';
import { ContainerStartError, type ContainerUlimit } from '../../../src/runtimes/types.js';
import { collector, launch } from './fixtures.js';

const runtime = createProcessRuntime({ imageMap: [] });
afterAll(() => runtime.close());

/** The soft and hard limits of a row of /proc/self/limits as the container sees them. */
async function limitsSeen(ulimits: ContainerUlimit[], env: Record<string, string> = {}) {
  const output = collector();
  const container = await runtime.start(
    launch({ command: ['cat', '/proc/self/limits'], ulimits, environment: env }),
    output,
  );
  expect(await container.exited).toEqual({ exitCode: 0 });
  return (row: string) => {
    const line = output.stdout().find((l) => l.startsWith(row + ' '));
    return line?.slice(row.length).trim().split(/\s+/).slice(0, 2);
  };
}

describe('process runtime: ulimits through prlimit', () => {
  it.each([
    { name: 'nofile', soft: 512, hard: 1024, row: 'Max open files', want: ['512', '1024'] },
    { name: 'core', soft: 0, hard: 0, row: 'Max core file size', want: ['0', '0'] },
    { name: 'nproc', soft: 100, hard: 200, row: 'Max processes', want: ['100', '200'] },
    {
      name: 'stack',
      soft: 4194304,
      hard: 8388608,
      row: 'Max stack size',
      want: ['4194304', '8388608'],
    },
    {
      name: 'fsize',
      soft: 1048576,
      hard: -1,
      row: 'Max file size',
      want: ['1048576', 'unlimited'],
    },
    { name: 'cpu', soft: 100, hard: 200, row: 'Max cpu time', want: ['100', '200'] },
  ])('$name $soft:$hard', async ({ name, soft, hard, row, want }) => {
    const seen = await limitsSeen([{ name, softLimit: soft, hardLimit: hard }]);
    expect(seen(row)).toEqual(want);
  });

  it('applies several at once and keeps the rest of the host limits', async () => {
    const host = readHostLimits();
    const seen = await limitsSeen([
      { name: 'nofile', softLimit: 256, hardLimit: 256 },
      { name: 'core', softLimit: 0, hardLimit: 0 },
    ]);
    expect(seen('Max open files')).toEqual(['256', '256']);
    expect(seen('Max core file size')).toEqual(['0', '0']);
    const hardProcesses = host.hard.nproc === Infinity ? 'unlimited' : String(host.hard.nproc);
    expect(seen('Max processes')?.[1]).toBe(hardProcesses);
  });

  it('still runs the program itself: same pid, own argv', async () => {
    const output = collector();
    const container = await runtime.start(
      launch({
        command: ['sh', '-c', 'echo $$ "$0" "$1"', 'zero', 'one'],
        ulimits: [{ name: 'nofile', softLimit: 300, hardLimit: 300 }],
      }),
      output,
    );
    await container.exited;
    const [pid, ...rest] = output.stdout()[0]!.split(' ');
    expect(container.runtimeId.endsWith(`-${pid}`)).toBe(true);
    expect(rest).toEqual(['zero', 'one']);
  });

  it('warns and runs without the limits where prlimit is not installed', async () => {
    const warnings: [string, LogFields | undefined][] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: (message, fields) => warnings.push([message, fields]),
      error: () => {},
      child: () => logger,
    };
    const bare = createProcessRuntime({
      imageMap: [],
      logger,
      hostEnv: { PATH: '/teiki-nothing' },
    });
    const output = collector();
    const l = launch({
      command: ['cat', '/proc/self/limits'],
      environment: { PATH: '/usr/bin:/bin' },
      ulimits: [{ name: 'nofile', softLimit: 300, hardLimit: 300 }],
    });
    const container = await bare.start(l, output);
    expect(await container.exited).toEqual({ exitCode: 0 });
    expect(output.stdout().find((x) => x.startsWith('Max open files'))).not.toMatch(/ 300 +300 /);
    expect(warnings).toEqual([
      [
        'prlimit is not installed: container ulimits are not applied',
        { taskArn: l.taskArn, container: 'app', ulimits: l.ulimits },
      ],
    ]);
    await bare.close();
  });
});

describe('checkUlimits', () => {
  const host = (over: Partial<HostLimits> = {}): HostLimits => ({
    isRoot: false,
    hard: { nofile: 4096, core: Infinity, nproc: 1000 },
    nrOpen: 1048576,
    ...over,
  });
  const reason = (name: string, type: number, text: string) =>
    'CannotStartContainerError: ResourceInitializationError: process runtime: ' +
    `setting ulimit ${name} (rlimit type ${type}) failed: ${text}`;

  it.each([
    { name: 'within the hard limit', u: ['nofile', 1024, 4096], h: host(), want: undefined },
    { name: 'lowering', u: ['nproc', 10, 10], h: host(), want: undefined },
    { name: 'unlimited under unlimited', u: ['core', -1, -1], h: host(), want: undefined },
    {
      name: 'soft above hard',
      u: ['nofile', 2, 1],
      h: host(),
      want: reason('nofile', 7, 'invalid argument'),
    },
    {
      name: 'soft unlimited, hard not',
      u: ['core', -1, 5],
      h: host(),
      want: reason('core', 4, 'invalid argument'),
    },
    {
      name: 'raising hard unprivileged',
      u: ['nofile', 1024, 8192],
      h: host(),
      want: reason('nofile', 7, 'operation not permitted'),
    },
    {
      name: 'raising nproc unprivileged',
      u: ['nproc', 10, 2000],
      h: host(),
      want: reason('nproc', 6, 'operation not permitted'),
    },
    {
      name: 'raising hard as root',
      u: ['nofile', 1024, 8192],
      h: host({ isRoot: true }),
      want: undefined,
    },
    {
      name: 'nofile over nr_open as root',
      u: ['nofile', 1024, 2000000],
      h: host({ isRoot: true }),
      want: reason('nofile', 7, 'operation not permitted'),
    },
    {
      name: 'unknown host limits',
      u: ['nofile', 1024, 8192],
      h: host({ hard: {}, nrOpen: undefined }),
      want: undefined,
    },
  ] as const)('$name', ({ u, h, want }) => {
    const ulimits = [{ name: u[0], softLimit: u[1], hardLimit: u[2] }];
    if (want === undefined) {
      expect(() => checkUlimits(ulimits, h)).not.toThrow();
      return;
    }
    let error: unknown;
    try {
      checkUlimits(ulimits, h);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContainerStartError);
    expect((error as ContainerStartError).reason).toBe(want);
  });
});

describe('prlimitArguments', () => {
  it('maps each ECS name to its prlimit option, -1 to unlimited', () => {
    expect(
      prlimitArguments([
        { name: 'nofile', softLimit: 1024, hardLimit: 4096 },
        { name: 'memlock', softLimit: -1, hardLimit: -1 },
        { name: 'rttime', softLimit: 0, hardLimit: 10 },
      ]),
    ).toEqual(['--nofile=1024:4096', '--memlock=unlimited:unlimited', '--rttime=0:10']);
  });
});
