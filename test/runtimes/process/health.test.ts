import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeArgv } from '../../../src/runtimes/health-monitor.js';
import { createProcessRuntime } from '../../../src/runtimes/process/index.js';
import type { ContainerHealthCheck, Runtime } from '../../../src/runtimes/types.js';
import type { HealthStatus } from '../../../src/services/ecs/generated/types.js';
import { collector, healthReaches, launch, sh } from './fixtures.js';

let work: string;
let runtime: Runtime;
let n = 0;
beforeAll(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), 'teiki-health-')));
  await mkdir(join(work, 'site'));
  await writeFile(join(work, 'site', 'marker'), '');
  runtime = createProcessRuntime({ imageMap: [{ pattern: 'site', target: join(work, 'site') }] });
});
afterAll(async () => {
  await runtime.close();
  await rm(work, { recursive: true, force: true });
});

/** Fast checks: real processes, so intervals are wall-clock, kept short. */
const check = (
  command: string[],
  more: Partial<ContainerHealthCheck> = {},
): ContainerHealthCheck => ({
  command,
  intervalSeconds: 0.02,
  timeoutSeconds: 5,
  retries: 2,
  startPeriodSeconds: 0,
  ...more,
});

/** Paths for one test: P counts probe runs (one line each); OK makes the probe pass. */
function files() {
  const dir = join(work, `t${++n}`);
  return { dir, P: join(dir, 'probes'), OK: join(dir, 'ok') };
}

/** Container script: waits until the probe has run `count` times, then prints `probed-N`. */
const untilProbed = (count: number) =>
  `while [ "$(cat "$P" 2>/dev/null | wc -l)" -lt ${count} ]; do sleep 0.01; done; echo probed-${count}`;

const countingProbe = ['CMD-SHELL', 'echo x >> "$P"; test -f "$OK"'];

function recordChanges(container: {
  health?: { onChange(l: (s: HealthStatus) => void): () => void };
}) {
  const seen: HealthStatus[] = [];
  container.health!.onChange((s) => seen.push(s));
  return seen;
}

describe('process runtime: health checks', () => {
  it('is UNKNOWN before the first result and HEALTHY after a success', async () => {
    const f = files();
    await mkdir(f.dir);
    await writeFile(f.OK, '');
    const container = await runtime.start(
      launch({
        command: sh('while :; do sleep 0.05; done'),
        environment: f,
        healthCheck: check(countingProbe, { intervalSeconds: 0.05 }),
      }),
      collector(),
    );
    expect(container.health!.current()).toBe('UNKNOWN');
    const seen = recordChanges(container);
    await healthReaches(container, 'HEALTHY');
    expect(seen).toEqual(['HEALTHY']);
    await container.stop(5);
  });

  it('turns UNHEALTHY after `retries` consecutive failures, and HEALTHY again on recovery', async () => {
    const f = files();
    await mkdir(f.dir);
    const output = collector();
    const container = await runtime.start(
      launch({
        // The fourth probe starts only after the third failure was recorded.
        command: sh(`${untilProbed(4)}; touch "$OK"; while :; do sleep 0.05; done`),
        environment: f,
        healthCheck: check(countingProbe, { retries: 3 }),
      }),
      output,
    );
    const seen = recordChanges(container);
    await healthReaches(container, 'UNHEALTHY');
    await healthReaches(container, 'HEALTHY');
    expect(seen).toEqual(['UNHEALTHY', 'HEALTHY']);
    await container.stop(5);
  });

  it('does not count failures in the start period before the first success', async () => {
    const f = files();
    await mkdir(f.dir);
    const output = collector();
    const container = await runtime.start(
      launch({
        command: sh(`${untilProbed(6)}; while :; do sleep 0.05; done`),
        environment: f,
        healthCheck: check(countingProbe, { retries: 1, startPeriodSeconds: 3600 }),
      }),
      output,
    );
    await output.waitFor('probed-6');
    // Five failed probes have been recorded (the sixth started after the fifth's result).
    expect(container.health!.current()).toBe('UNKNOWN');
    await writeFile(f.OK, '');
    await healthReaches(container, 'HEALTHY');
    await container.stop(5);
  });

  it('counts failures in the start period once the container has been healthy', async () => {
    const f = files();
    await mkdir(f.dir);
    await writeFile(f.OK, '');
    const container = await runtime.start(
      launch({
        command: sh('while :; do sleep 0.05; done'),
        environment: f,
        healthCheck: check(countingProbe, { retries: 2, startPeriodSeconds: 3600 }),
      }),
      collector(),
    );
    await healthReaches(container, 'HEALTHY');
    await rm(f.OK);
    await healthReaches(container, 'UNHEALTHY');
    await container.stop(5);
  });

  it('counts a probe that exceeds its timeout as a failure', async () => {
    const container = await runtime.start(
      launch({
        command: sh('while :; do sleep 0.05; done'),
        healthCheck: check(['CMD', 'sleep', '1000'], { timeoutSeconds: 0.1, retries: 1 }),
      }),
      collector(),
    );
    await healthReaches(container, 'UNHEALTHY');
    await container.stop(5);
  });

  it('counts a probe command that cannot start as a failure', async () => {
    const container = await runtime.start(
      launch({
        command: sh('while :; do sleep 0.05; done'),
        healthCheck: check(['CMD', 'teiki-no-such-probe'], { retries: 1 }),
      }),
      collector(),
    );
    await healthReaches(container, 'UNHEALTHY');
    await container.stop(5);
  });

  it('runs the probe in the container working directory and environment', async () => {
    const container = await runtime.start(
      launch({
        image: 'site',
        command: sh('while :; do sleep 0.05; done'),
        environment: { WANT: 'yes' },
        healthCheck: check(
          ['CMD-SHELL', 'test -f marker && test "$WANT" = yes && test "$TZ" = UTC'],
          {
            retries: 1,
          },
        ),
      }),
      collector(),
    );
    const seen = recordChanges(container);
    await healthReaches(container, 'HEALTHY');
    expect(seen).toEqual(['HEALTHY']);
    await container.stop(5);
  });

  it('stops probing when the container exits', async () => {
    // The first container's temporary root is removed when it exits: a probe run after
    // that could not start in it and would turn the status UNHEALTHY (retries 1).
    const first = await runtime.start(
      launch({
        command: sh('while :; do sleep 0.05; done'),
        healthCheck: check(['CMD', 'true'], { retries: 1 }),
      }),
      collector(),
    );
    await healthReaches(first, 'HEALTHY');
    await first.stop(5);
    const f = files();
    await mkdir(f.dir);
    await writeFile(f.OK, '');
    const output = collector();
    const second = await runtime.start(
      launch({ command: sh(untilProbed(10)), environment: f, healthCheck: check(countingProbe) }),
      output,
    );
    await second.exited;
    expect(output.stdout()).toEqual(['probed-10']);
    expect(first.health!.current()).toBe('HEALTHY');
  });

  it('stops calling a listener once it unsubscribed', async () => {
    const f = files();
    await mkdir(f.dir);
    await writeFile(f.OK, '');
    const container = await runtime.start(
      launch({
        command: sh('while :; do sleep 0.05; done'),
        environment: f,
        healthCheck: check(countingProbe),
      }),
      collector(),
    );
    const seen: HealthStatus[] = [];
    const off = container.health!.onChange((s) => seen.push(s));
    off();
    await healthReaches(container, 'HEALTHY');
    expect(seen).toEqual([]);
    await container.stop(5);
  });

  it('has no health for NONE, and stays UNKNOWN for a form Docker does not know', async () => {
    const none = await runtime.start(
      launch({ command: ['true'], healthCheck: check(['NONE']) }),
      collector(),
    );
    expect(none.health).toBeUndefined();
    await none.exited;
    const odd = await runtime.start(
      launch({ command: ['true'], healthCheck: check(['curl', 'localhost']) }),
      collector(),
    );
    expect(odd.health!.current()).toBe('UNKNOWN');
    await odd.exited;
    expect(odd.health!.current()).toBe('UNKNOWN');
  });
});

describe('probeArgv', () => {
  it.each([
    {
      command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'],
      want: ['/bin/sh', '-c', 'curl -f http://localhost/ || exit 1'],
    },
    {
      command: ['CMD', 'curl', '-f', 'http://localhost/'],
      want: ['curl', '-f', 'http://localhost/'],
    },
    { command: ['CMD-SHELL', 'echo $0', 'zero'], want: ['/bin/sh', '-c', 'echo $0', 'zero'] },
    { command: ['NONE'], want: undefined },
    { command: ['CMD'], want: undefined },
    { command: ['CMD-SHELL'], want: undefined },
    { command: ['curl', 'x'], want: undefined },
    { command: [], want: undefined },
  ])('$command', ({ command, want }) => {
    expect(probeArgv(command)).toEqual(want);
  });
});
