/**
 * The crash soak: the built teiki (`dist/`) on one data directory, killed with SIGKILL at
 * random moments (a seeded generator; the seed is printed and can be given back through
 * TEIKI_SOAK_SEED) while its rules and schedules fire tasks, restarted, and checked after
 * every restart (verify.ts). At the end it is stopped gracefully and checked once more:
 * nothing of the run may remain.
 *
 * Each generation: teiki starts (the restart under test), is checked, then gets work —
 * on the virtual clock an advance of a few minutes, so every entry fires as the clock
 * steps; on the real clock the one-time schedules fall due on their own — and, at times,
 * a RunTask of its own; a random delay later it is killed, often in the middle of that
 * work: while tasks are provisioned, spawned, recorded, stopping.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import { DockerEngine } from '../../src/runtimes/docker/engine.js';
import { engineAddress } from '../../src/runtimes/docker/engine-address.js';
import { spawnTeiki } from '../helpers/process.js';
import { prng } from '../helpers/prng.js';
import { tempDir } from '../helpers/teiki.js';
import { clusterContainers, markedProcesses } from './host-scan.js';
import { emptyTally, verify, type Memory, type Tally } from './verify.js';
import { buildWorld, clientConfig, MINUTE, type World } from './world.js';

export interface SoakConfig {
  runtime: 'process' | 'docker';
  clock: 'virtual' | 'real';
  kills: number;
  seed: number;
  /** The image tasks name (the docker runtime must have it). */
  image: string;
  /** The longest wait before a kill, after the restart is ready. */
  maxDelayMs: number;
  /** Virtual clock: minutes each generation advances, at most. */
  maxMinutes?: number;
  taskSeconds: number;
}

export interface SoakResult extends Omit<Tally, 'problems'> {
  config: string;
  seed: number;
  problems: string[];
}

const START = Date.parse('2026-01-01T00:00:00Z');

interface Running {
  pid: number;
  url: string;
  spawnedMs: number;
  output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

async function startTeiki(args: string[]): Promise<Running> {
  const spawnedMs = Date.now();
  const started = await spawnTeiki(args);
  return {
    pid: started.child.pid as number,
    url: started.url,
    spawnedMs,
    output: () => started.output(),
    kill: async (signal) => {
      started.child.kill(signal);
      await started.exited;
    },
  };
}

export async function runCrashSoak(config: SoakConfig): Promise<SoakResult> {
  const label = `${config.runtime}/${config.clock}`;
  const random = prng(config.seed);
  const runId = randomBytes(6).toString('hex');
  const dataDir = tempDir('teiki-soak-');
  const engine =
    config.runtime === 'docker' ? new DockerEngine(engineAddress(process.env)) : undefined;
  const tally = emptyTally();
  const memory: Memory = { interrupted: new Set(), tasksByEntry: new Map() };
  const base = ['--data-dir', dataDir, '--runtime', config.runtime, '--log-level', 'warn'];
  const args = (clockStartMs: number) =>
    config.clock === 'virtual'
      ? [...base, '--clock', 'virtual', '--clock-start', new Date(clockStartMs).toISOString()]
      : base;

  let clockMs = START;
  let teiki = await startTeiki(args(clockMs));
  let world: World | undefined;
  try {
    const nowMs = config.clock === 'virtual' ? clockMs : Date.now();
    world = await buildWorld({
      endpoint: teiki.url,
      runId,
      clock: config.clock,
      image: config.image,
      nowMs,
      taskSeconds: config.taskSeconds,
      // Enough one-time schedules to fall due all through the run.
      oneTime: {
        leadMs: 3000,
        spacingMs: 2000,
        count: Math.ceil((config.kills * (config.maxDelayMs / 2 + 1500)) / 2000) + 5,
      },
    });
    const check = async (g: number) => {
      const dueUntilMs = config.clock === 'virtual' ? clockMs : teiki.spawnedMs;
      await verify(
        world as World,
        {
          endpoint: teiki.url,
          spawnedMs: teiki.spawnedMs,
          pid: teiki.pid,
          dueUntilMs,
          earlierThanMs: config.clock === 'virtual' ? clockMs : teiki.spawnedMs,
          output: teiki.output(),
        },
        { runId, dataDir, engine, tally, memory, label: `${label} #${g}` },
      );
    };

    for (let g = 1; g <= config.kills; g++) {
      // Work to be in the middle of when the kill comes.
      let targetMs = clockMs;
      if (config.clock === 'virtual') {
        const minutes = 1 + Math.floor(random() * (config.maxMinutes ?? 3));
        targetMs = clockMs + minutes * MINUTE;
        void fetch(`${teiki.url}/_teiki/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advanceSeconds: minutes * 60 }),
        }).catch(() => undefined);
      }
      if (random() < 0.5) {
        void new ECSClient(clientConfig(teiki.url))
          .send(
            new RunTaskCommand({
              cluster: world.clusterArn,
              taskDefinition: 'soak',
              launchType: 'FARGATE',
              networkConfiguration: { awsvpcConfiguration: { subnets: [world.subnet] } },
            }),
          )
          .catch(() => undefined);
      }
      const delayMs = Math.floor(random() * config.maxDelayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await teiki.kill('SIGKILL');
      tally.kills++;
      // The restart begins past every instant the killed teiki could have reached.
      clockMs = targetMs + 1000;
      teiki = await startTeiki(args(clockMs));
      await check(g);
    }

    // The end: stopped gracefully, nothing of the run remains.
    await teiki.kill('SIGTERM');
    const afterMs = Date.now();
    for (const found of markedProcesses(runId, afterMs)) {
      tally.orphanProcesses++;
      tally.problems.push(
        `${label} end: task process ${found.pid} (${found.cmdline}) outlived teiki`,
      );
    }
    if (engine) {
      for (const id of await clusterContainers(engine, world.clusterArn, afterMs)) {
        tally.orphanContainers++;
        tally.problems.push(`${label} end: container ${id.slice(0, 12)} outlived teiki`);
      }
    }
    const ledger = await readdir(join(dataDir, 'runtime', 'process')).catch(() => [] as string[]);
    tally.leakedDirs += ledger.length;
    for (const entry of ledger) tally.problems.push(`${label} end: ledger directory ${entry} left`);
  } finally {
    await teiki.kill('SIGKILL').catch(() => undefined);
    engine?.close();
  }
  // A clean run leaves nothing; a failed one keeps its data directory to look into.
  if (tally.problems.length === 0) await rm(dataDir, { recursive: true, force: true });
  else tally.problems.push(`${label}: the data directory is kept at ${dataDir}`);
  return { ...tally, config: label, seed: config.seed };
}

/** The seed for this run: TEIKI_SOAK_SEED when given, else a fresh one. */
export function soakSeed(): number {
  const given = process.env.TEIKI_SOAK_SEED;
  return given !== undefined && given !== '' ? Number(given) : randomBytes(4).readUInt32BE(0);
}

/** TEIKI_SOAK_SCALE multiplies every configuration's kills (default 1). */
export function soakScale(): number {
  const given = Number(process.env.TEIKI_SOAK_SCALE ?? '1');
  return Number.isFinite(given) && given > 0 ? given : 1;
}
