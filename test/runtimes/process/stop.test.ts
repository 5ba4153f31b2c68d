import { afterAll, describe, expect, it } from 'vitest';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import { ContainerStartError } from '../../../src/runtimes/types.js';
import { alive, collector, launch, pidOf, sh } from './fixtures.js';

const runtime = createProcessRuntime({ imageMap: [] });
afterAll(() => runtime.close());

/** A shell that prints `ready` once its trap is set, then waits forever. */
const waiting = (trap: string) => sh(`${trap}; echo ready; while :; do sleep 0.05; done`);

describe('process runtime: stop', () => {
  it('SIGTERM ends a process that does not trap it: 143', async () => {
    const output = collector();
    const container = await runtime.start(launch({ command: waiting('true') }), output);
    await output.waitFor('ready');
    expect(await container.stop(30)).toEqual({ exitCode: 143 });
    expect(await container.exited).toEqual({ exitCode: 143 });
  });

  it('a process that traps SIGTERM and exits 0 reports 0', async () => {
    const output = collector();
    const container = await runtime.start(
      launch({ command: waiting('trap "echo bye; exit 0" TERM') }),
      output,
    );
    await output.waitFor('ready');
    expect(await container.stop(30)).toEqual({ exitCode: 0 });
    expect(output.stdout()).toEqual(['ready', 'bye']);
  });

  it('SIGKILL follows after the timeout when SIGTERM is ignored: 137', async () => {
    const output = collector();
    const container = await runtime.start(launch({ command: waiting('trap "" TERM') }), output);
    await output.waitFor('ready');
    expect(await container.stop(1)).toEqual({ exitCode: 137 });
  });

  it('is idempotent: every call resolves with the same exit', async () => {
    const output = collector();
    const container = await runtime.start(
      launch({ command: waiting('trap "exit 7" TERM') }),
      output,
    );
    await output.waitFor('ready');
    const first = container.stop(30);
    const second = container.stop(1);
    expect(await Promise.all([first, second, container.exited])).toEqual([
      { exitCode: 7 },
      { exitCode: 7 },
      { exitCode: 7 },
    ]);
    expect(await container.stop(30)).toEqual({ exitCode: 7 });
  });

  it('stopping an exited container returns its exit', async () => {
    const container = await runtime.start(launch({ command: sh('exit 5') }), collector());
    await container.exited;
    expect(await container.stop(1)).toEqual({ exitCode: 5 });
  });

  it('signals the whole process group, so sh -c children stop too', async () => {
    const output = collector();
    const container = await runtime.start(
      launch({ command: sh('sleep 1000 & echo "child $!"; wait') }),
      output,
    );
    const line = await output.waitFor(/^child \d+$/);
    const child = Number(line.split(' ')[1]);
    expect(alive(child)).toBe(true);
    expect((await container.stop(30)).exitCode).toBe(143);
    expect(alive(child)).toBe(false);
  });

  it('kills what is left of the group when the main process exits', async () => {
    const output = collector();
    const container = await runtime.start(
      launch({ command: sh('sleep 1000 & echo "$!"; exit 4') }),
      output,
    );
    // exited only resolves once the background sleep released the pipes.
    expect(await container.exited).toEqual({ exitCode: 4 });
    expect(alive(Number(output.stdout()[0]))).toBe(false);
  });
});

describe('process runtime: a process that left the group', () => {
  it('cannot keep the container from finishing by holding its pipes', async () => {
    const output = collector();
    const container = await runtime.start(
      // The pid file is written after setsid(), so the main process exits only once the
      // sleep has left the group.
      launch({
        command: sh(
          `setsid sh -c 'echo $$ > pid; exec sleep 1000' & while [ ! -s pid ]; do sleep 0.01; done; cat pid; echo done`,
        ),
      }),
      output,
    );
    const exit = await container.exited;
    const escaped = Number(output.stdout()[0]);
    try {
      expect(exit).toEqual({ exitCode: 0 });
      expect(output.stdout()[1]).toBe('done');
      // It is not the container's to kill; it only lost its pipes.
      expect(alive(escaped)).toBe(true);
    } finally {
      process.kill(escaped, 'SIGKILL');
    }
  });
});

describe('process runtime: close', () => {
  it('stops every running container with its own timeout and refuses new ones', async () => {
    const own = createProcessRuntime({ imageMap: [] });
    const outputs = [collector(), collector(), collector()];
    const containers = await Promise.all([
      own.start(launch({ command: waiting('true') }), outputs[0]!),
      own.start(launch({ command: waiting('trap "exit 0" TERM') }), outputs[1]!),
      own.start(launch({ command: waiting('trap "" TERM'), stopTimeoutSeconds: 1 }), outputs[2]!),
    ]);
    await Promise.all(outputs.map((o) => o.waitFor('ready')));
    const exits: unknown[] = [];
    containers.forEach((c, i) => void c.exited.then((exit) => (exits[i] = exit)));
    await own.close();
    // Recorded before close() resolved: every container had exited by then.
    expect(exits).toEqual([{ exitCode: 143 }, { exitCode: 0 }, { exitCode: 137 }]);
    for (const c of containers) expect(alive(pidOf(c))).toBe(false);

    const error = await own
      .start(launch({ command: ['true'] }), collector())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContainerStartError);
    expect((error as ContainerStartError).reason).toBe(
      'CannotStartContainerError: the process runtime is shutting down',
    );
  });

  it('resolves at once with nothing running', async () => {
    const own = createProcessRuntime({ imageMap: [] });
    await expect(own.close()).resolves.toBeUndefined();
  });
});
