/** The docker runtime with real containers: what a container is given and what it reports. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDockerRuntime } from '../../../src/runtimes/docker/index.js';
import type { Runtime } from '../../../src/runtimes/types.js';
import { collector, launch, sh } from '../process/fixtures.js';
import { describeWithEngine, recordingLogger, testEngine, TEST_IMAGE } from './engine-fixtures.js';

describeWithEngine('docker runtime: running containers', () => {
  let runtime: Runtime;
  const logger = recordingLogger();
  const engine = testEngine();
  beforeAll(() => {
    runtime = createDockerRuntime({ imageMap: [], network: 'none', logger });
  });
  afterAll(async () => {
    await runtime.close();
    engine.close();
  });

  const run = async (overrides: Parameters<typeof launch>[0]) => {
    const out = collector();
    const container = await runtime.start(launch({ image: TEST_IMAGE, ...overrides }), out);
    const exit = await container.exited;
    return { out, exit, container };
  };

  it('streams stdout and stderr line by line and reports the exit code', async () => {
    const { out, exit } = await run({
      command: sh('echo one; echo two >&2; printf "three\\nfour"; exit 3'),
    });
    expect(exit).toEqual({ exitCode: 3 });
    expect(out.stdout()).toEqual(['one', 'three', 'four']);
    expect(out.stderr()).toEqual(['two']);
  });

  it('gives the environment, entry point, command, working directory and user', async () => {
    const { out, exit } = await run({
      entryPoint: ['sh', '-c'],
      command: ['echo "$GREETING from $(pwd) as $(id -u):$(id -g)"; echo "$0"', 'zero'],
      environment: { GREETING: 'hello world', AWS_REGION: 'us-east-1' },
      workingDirectory: '/tmp',
      user: '65534:65534',
    });
    expect(exit.exitCode).toBe(0);
    expect(out.stdout()).toEqual(['hello world from /tmp as 65534:65534', 'zero']);
  });

  it('labels the container with its task and removes it once it has exited', async () => {
    const l = launch({
      image: TEST_IMAGE,
      command: ['sleep', '300'],
      labels: { 'com.amazonaws.ecs.task-arn': 'arn:aws:ecs:us-east-1:000000000000:task/default/x' },
    });
    const container = await runtime.start(l, collector());
    const inspected = await engine.inspectContainer(container.runtimeId);
    expect(inspected?.Config?.Labels).toMatchObject({
      'com.amazonaws.ecs.task-arn': 'arn:aws:ecs:us-east-1:000000000000:task/default/x',
      'teiki.owner': expect.stringMatching(/^pid:/),
    });
    // sleep as the container's init ignores SIGTERM: the stop ends in SIGKILL.
    expect(await container.stop(0)).toEqual({ exitCode: 137 });
    expect(await engine.inspectContainer(container.runtimeId)).toBeUndefined();
  });

  it('applies the memory limit, the cpu shares and the task cpu quota', async () => {
    const { out } = await run({
      command: sh(
        'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max 2>/dev/null; ' +
          'cat /sys/fs/cgroup/cpu/cpu.shares /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null; ' +
          'cat /sys/fs/cgroup/cpu.max 2>/dev/null; true',
      ),
      memory: 64,
      cpu: 128,
      taskCpu: 512,
      taskMemory: 1024,
    });
    const text = out.stdout().join(' ');
    expect(text).toContain(String(64 * 1024 * 1024));
    // cgroup v1 shows the shares and the quota; v2 shows "quota period".
    expect(text).toMatch(/\b128\b.*\b50000\b|\b50000 100000\b/);
  });

  it('falls back to the task memory when the container sets none', async () => {
    const { out } = await run({
      command: sh(
        'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max 2>/dev/null; true',
      ),
      taskMemory: 512,
    });
    expect(out.stdout()).toContain(String(512 * 1024 * 1024));
  });

  it('applies the ulimits a task sets', async () => {
    const { out } = await run({
      command: sh('ulimit -n; ulimit -u'),
      ulimits: [
        { name: 'nofile', softLimit: 1000, hardLimit: 1024 },
        { name: 'nproc', softLimit: 300, hardLimit: 400 },
      ],
    });
    expect(out.stdout()).toEqual(['1000', '300']);
  });

  it("gives Fargate's nofile 65535, or the engine's default with a warning where it cannot", async () => {
    const { out, exit } = await run({ command: sh('ulimit -n') });
    expect(exit.exitCode).toBe(0);
    const refused = logger.warnings.some((w) => w.includes("cannot grant Fargate's nofile"));
    if (refused) expect(Number(out.stdout()[0])).toBeLessThan(65535);
    else expect(out.stdout()).toEqual(['65535']);
  });

  it('reports an OOM kill as ECS does', async () => {
    const { exit } = await run({ command: ['tail', '/dev/zero'], memory: 16 });
    expect(exit).toEqual({
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage',
    });
  });

  it('reports a killed shell child under the memory limit as an OOM kill too', async () => {
    const { out, exit } = await run({ command: sh('echo start; tail /dev/zero'), memory: 16 });
    expect(out.stdout()).toEqual(['start']);
    expect(exit).toEqual({
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage',
    });
  });

  it('joins no network with network none', async () => {
    const { out } = await run({ command: sh('ls /sys/class/net') });
    expect(out.stdout()).toEqual(['lo']);
  });
});
