/**
 * The crash soak (test/soak/crash-soak.ts) in CI's budget: 50 kill -9s of the built
 * teiki, split over both runtimes and both clocks, while rules and schedules fire tasks.
 * After every restart and at the end: no firing lost or doubled, no task process or
 * container of a killed teiki left running, no ledger directory left behind, no false
 * warning, and every interrupted task STOPPED as ECS stops the tasks of a host that went
 * away.
 *
 * TEIKI_SOAK_SEED=N replays a run (each configuration prints its seed);
 * TEIKI_SOAK_SCALE=K multiplies the kills for a longer soak (RELIABILITY.md).
 */
import { expect, it } from 'vitest';
import { describeWithEngine, TEST_IMAGE } from '../runtimes/docker/engine-fixtures.js';
import { runCrashSoak, soakScale, soakSeed, type SoakConfig } from '../soak/crash-soak.js';

const scale = soakScale();

async function soak(config: Omit<SoakConfig, 'seed' | 'kills'> & { kills: number }) {
  const seed = soakSeed();
  const result = await runCrashSoak({ ...config, kills: Math.round(config.kills * scale), seed });
  const { problems, ...figures } = result;
  process.stdout.write(`crash soak ${JSON.stringify(figures)}\n`);
  for (const problem of problems.slice(0, 30)) process.stdout.write(`  ${problem}\n`);
  expect(problems).toEqual([]);
  expect(figures).toMatchObject({
    kills: Math.round(config.kills * scale),
    lost: 0,
    doubled: 0,
    orphanProcesses: 0,
    orphanContainers: 0,
    leakedDirs: 0,
    badTasks: 0,
    falseWarnings: 0,
  });
  // The soak did what it is for: firings came due and kills caught tasks mid-way.
  expect(figures.instants).toBeGreaterThan(0);
  return figures;
}

const minutes = (n: number) => n * 60_000 * Math.max(1, scale);

it(
  'process runtime, virtual clock: 20 kills',
  async () => {
    const figures = await soak({
      runtime: 'process',
      clock: 'virtual',
      kills: 20,
      image: 'soak/app',
      maxDelayMs: 1500,
      maxMinutes: 4,
      taskSeconds: 1,
    });
    expect(figures.interruptedTasks).toBeGreaterThan(0);
  },
  minutes(3),
);

it(
  'process runtime, real clock: 10 kills',
  async () => {
    await soak({
      runtime: 'process',
      clock: 'real',
      kills: 10,
      image: 'soak/app',
      maxDelayMs: 2500,
      taskSeconds: 1,
    });
  },
  minutes(3),
);

describeWithEngine('docker runtime (the engine at DOCKER_HOST)', () => {
  it(
    'virtual clock: 15 kills',
    async () => {
      const figures = await soak({
        runtime: 'docker',
        clock: 'virtual',
        kills: 15,
        image: TEST_IMAGE,
        maxDelayMs: 2500,
        maxMinutes: 2,
        taskSeconds: 1,
      });
      expect(figures.interruptedTasks).toBeGreaterThan(0);
    },
    minutes(4),
  );

  it(
    'real clock: 5 kills',
    async () => {
      await soak({
        runtime: 'docker',
        clock: 'real',
        kills: 5,
        image: TEST_IMAGE,
        maxDelayMs: 3000,
        taskSeconds: 1,
      });
    },
    minutes(3),
  );
});
