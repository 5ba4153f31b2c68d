/**
 * The docker runtime with real containers: images, start failures, stopping, health
 * checks, networks, and the containers an earlier teiki left.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerRuntime } from '../../../src/runtimes/docker/index.js';
import { ContainerStartError, type Runtime } from '../../../src/runtimes/types.js';
import { collector, healthReaches, launch, sh } from '../process/fixtures.js';
import { describeWithEngine, testEngine, TEST_IMAGE } from './engine-fixtures.js';

const RUNC =
  'CannotStartContainerError: ResourceInitializationError: failed to create new container ' +
  'runtime task: failed to create shim task: OCI runtime create failed: runc create failed: ';

describeWithEngine('docker runtime: lifecycle', () => {
  let runtime: Runtime;
  const engine = testEngine();
  beforeAll(() => {
    runtime = createDockerRuntime({
      imageMap: [
        { pattern: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:*', target: TEST_IMAGE },
      ],
      network: 'none',
    });
  });
  afterAll(async () => {
    await runtime.close();
    engine.close();
  });

  describe('images', () => {
    it('runs a mapped image and reports its digest', async () => {
      const l = launch({
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1',
        command: sh('echo mapped'),
      });
      const { imageDigest } = await runtime.prepareImage(l);
      expect(imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      const out = collector();
      const container = await runtime.start(l, out);
      expect(await container.exited).toEqual({ exitCode: 0 });
      expect(out.stdout()).toEqual(['mapped']);
    });

    it('fails a pull it cannot make with CannotPullContainerError', async () => {
      const image = 'registry.invalid/teiki/missing:v1';
      const error = await runtime.prepareImage(launch({ image })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContainerStartError);
      expect((error as ContainerStartError).reason).toMatch(
        /^CannotPullContainerError: pull image manifest has been retried 1 time\(s\): failed to resolve ref registry\.invalid\/teiki\/missing:v1: .+/,
      );
    });
  });

  describe('start failures', () => {
    it('reports a missing executable in runc words, as Fargate does', async () => {
      const error = await runtime
        .start(launch({ image: TEST_IMAGE, command: ['no-such-program'] }), collector())
        .catch((e: unknown) => e);
      expect((error as ContainerStartError).reason).toBe(
        `${RUNC}unable to start container process: exec: "no-such-program": executable file not found in $PATH: unknown`,
      );
    });

    it('removes a container that did not start', async () => {
      const l = launch({ image: TEST_IMAGE, command: ['/nope'] });
      await runtime.start(l, collector()).catch(() => undefined);
      const left = await engine.list('teiki.owner');
      expect(left.some((c) => c.Names?.some((n) => n.includes(l.taskId)))).toBe(false);
    });

    it('refuses to start once closed', async () => {
      const closing = createDockerRuntime({ imageMap: [], network: 'none' });
      await closing.close();
      const error = await closing
        .start(launch({ image: TEST_IMAGE, command: ['true'] }), collector())
        .catch((e: unknown) => e);
      expect((error as ContainerStartError).reason).toBe(
        'CannotStartContainerError: the docker runtime is shutting down',
      );
    });
  });

  describe('stop', () => {
    it('sends SIGTERM, which a process may trap and exit on', async () => {
      const out = collector();
      const container = await runtime.start(
        launch({
          image: TEST_IMAGE,
          command: sh(
            'trap "echo got TERM; exit 0" TERM; echo ready; while true; do sleep 0.1; done',
          ),
        }),
        out,
      );
      await out.waitFor('ready');
      expect(await container.stop(30)).toEqual({ exitCode: 0 });
      expect(out.stdout()).toEqual(['ready', 'got TERM']);
    });

    it('sends SIGKILL after the stop timeout to a process that ignores SIGTERM', async () => {
      const out = collector();
      const container = await runtime.start(
        launch({
          image: TEST_IMAGE,
          command: sh('trap "echo ignoring TERM" TERM; echo ready; while true; do sleep 0.1; done'),
        }),
        out,
      );
      await out.waitFor('ready');
      const first = container.stop(1);
      expect(container.stop(1)).toBe(first);
      expect(await first).toEqual({ exitCode: 137 });
      expect(out.stdout()).toEqual(['ready', 'ignoring TERM']);
    });

    it('answers a stop after the exit with the exit it had', async () => {
      const container = await runtime.start(
        launch({ image: TEST_IMAGE, command: sh('exit 5') }),
        collector(),
      );
      expect(await container.exited).toEqual({ exitCode: 5 });
      expect(await container.stop(0)).toEqual({ exitCode: 5 });
    });
  });

  describe('health checks (run through exec)', () => {
    const check = (command: string[]) => ({
      command,
      intervalSeconds: 0.1,
      timeoutSeconds: 5,
      retries: 2,
      startPeriodSeconds: 0,
    });

    it('is UNKNOWN, then HEALTHY once the probe passes', async () => {
      const out = collector();
      const container = await runtime.start(
        launch({
          image: TEST_IMAGE,
          command: sh('echo started; sleep 300'),
          healthCheck: check(['CMD-SHELL', 'test -f /tmp/ready || { touch /tmp/ready; exit 1; }']),
        }),
        out,
      );
      expect(container.health?.current()).toBe('UNKNOWN');
      await healthReaches(container, 'HEALTHY');
      await container.stop(0);
    });

    it('is UNHEALTHY after `retries` failures in a row', async () => {
      const container = await runtime.start(
        launch({
          image: TEST_IMAGE,
          command: ['sleep', '300'],
          healthCheck: check(['CMD', 'false']),
        }),
        collector(),
      );
      const seen: string[] = [];
      container.health?.onChange((s) => seen.push(s));
      await healthReaches(container, 'UNHEALTHY');
      expect(seen).toEqual(['UNHEALTHY']);
      await container.stop(0);
    });

    it('counts a probe past its timeout as a failure', async () => {
      const container = await runtime.start(
        launch({
          image: TEST_IMAGE,
          command: ['sleep', '300'],
          healthCheck: { ...check(['CMD', 'sleep', '30']), timeoutSeconds: 0.2, retries: 1 },
        }),
        collector(),
      );
      await healthReaches(container, 'UNHEALTHY');
      await container.stop(0);
    });

    it('has no status to report for NONE', async () => {
      const container = await runtime.start(
        launch({ image: TEST_IMAGE, command: ['true'], healthCheck: check(['NONE']) }),
        collector(),
      );
      expect(container.health).toBeUndefined();
      await container.exited;
    });
  });

  describe('networks', () => {
    it('joins the engine default bridge with network bridge', async () => {
      const bridged = createDockerRuntime({ imageMap: [], network: 'bridge' });
      const out = collector();
      const container = await bridged.start(
        launch({ image: TEST_IMAGE, command: sh('ls /sys/class/net') }),
        out,
      );
      expect((await container.exited).exitCode).toBe(0);
      await bridged.close();
      expect(out.stdout()).toContain('lo');
      expect(out.stdout().some((name) => name !== 'lo')).toBe(true);
    });
  });

  describe('orphans', () => {
    it('removes, at the next start, what a teiki with the same data directory left', async () => {
      const stateDir = await mkdtemp(join(tmpdir(), 'teiki-docker-state-'));
      try {
        const first = createDockerRuntime({ imageMap: [], network: 'none', stateDir });
        const out = collector();
        const left = await first.start(
          launch({ image: TEST_IMAGE, command: sh('echo up; sleep 300') }),
          out,
        );
        await out.waitFor('up');
        const owner = (await readFile(join(stateDir, 'owner'), 'utf8')).trim();
        expect(owner).toMatch(/^dir:[0-9a-f-]{36}$/);

        // A second runtime on the same state directory stands for the restarted teiki.
        const restarted = createDockerRuntime({ imageMap: [], network: 'none', stateDir });
        const other = createDockerRuntime({ imageMap: [], network: 'none' });
        const keep = await other.start(
          launch({ image: TEST_IMAGE, command: ['sleep', '300'] }),
          collector(),
        );
        expect(await restarted.cleanupOrphans()).toBe(1);
        expect((await left.exited).exitCode).toBe(137);
        expect(await engine.inspectContainer(left.runtimeId)).toBeUndefined();
        // A live teiki's containers (here: another runtime of this process) stay.
        expect((await engine.inspectContainer(keep.runtimeId))?.State?.Running).toBe(true);
        expect(await restarted.cleanupOrphans()).toBe(0);
        expect(await keep.stop(0)).toEqual({ exitCode: 137 });
        await Promise.all([first.close(), restarted.close(), other.close()]);
      } finally {
        await rm(stateDir, { recursive: true, force: true });
      }
    });

    it('removes the containers of an in-memory teiki whose process has ended', async () => {
      const id = await engine.createContainer(`teiki-orphan-${process.pid}`, {
        Image: TEST_IMAGE,
        Cmd: ['sleep', '300'],
        Env: [],
        Labels: { 'teiki.owner': `pid:${(await import('node:os')).hostname()}:999999999:1` },
        StopTimeout: 1,
        AttachStdin: false,
        AttachStdout: true,
        AttachStderr: true,
        OpenStdin: false,
        Tty: false,
        HostConfig: { NetworkMode: 'none', Ulimits: [] },
      });
      const fresh = createDockerRuntime({ imageMap: [], network: 'none' });
      expect(await fresh.cleanupOrphans()).toBeGreaterThanOrEqual(1);
      expect(await engine.inspectContainer(id)).toBeUndefined();
      await fresh.close();
    });
  });
});
