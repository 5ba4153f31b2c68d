#!/usr/bin/env node
/**
 * teiki beside moto_server, in the same run on the same machine, and the figures
 * written to bench/RESULTS.md. Run with `npm run bench` (it builds teiki first);
 * `npm run bench -- core`, `-- logs`, `-- insights`, `-- tasks`, `-- services`, `-- stores`, `-- nodes`, `-- events`, `-- docker` or `-- terraform` runs one group
 * (`-- fuzz` runs the 200,000-case fuzz suite, only when named; see RELIABILITY.md)
 * (docker needs an engine at DOCKER_HOST with the test image, see bench/docker.mjs;
 * terraform needs terraform and the offline AWS provider mirror, see bench/terraform.mjs).
 *
 * The load generator runs in this process; on a 2-core machine it competes with the
 * server for CPU, equally for both peers.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { runAuth } from './auth.mjs';
import { runCore } from './core.mjs';
import { runDocker } from './docker.mjs';
import { runEvents } from './events.mjs';
import { runFuzz } from './fuzz.mjs';
import { runInsights } from './insights.mjs';
import { runLogs } from './logs.mjs';
import { runNodes } from './nodes.mjs';
import { ROOT } from './peers.mjs';
import { runSchedule } from './schedule.mjs';
import { runScheduler } from './scheduler.mjs';
import { runServices } from './services.mjs';
import { runStores } from './stores.mjs';
import { runTasks } from './tasks.mjs';
import { runTerraform } from './terraform.mjs';

const GROUPS = {
  core: runCore,
  auth: runAuth,
  logs: runLogs,
  insights: runInsights,
  tasks: runTasks,
  services: runServices,
  scheduler: runScheduler,
  schedule: runSchedule,
  stores: runStores,
  nodes: runNodes,
  docker: runDocker,
  events: runEvents,
  terraform: runTerraform,
};
/** Groups run only when named: not a comparison with a peer, and long. */
const ON_REQUEST = { fuzz: runFuzz };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(GROUPS);
const settings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  coldStarts: Number(process.env.BENCH_COLD_STARTS ?? 5),
  filterEvents: Number(process.env.BENCH_FILTER_EVENTS ?? 1_000_000),
  log: (line) => process.stderr.write(`${line}\n`),
};

function version(command, args) {
  const out = spawnSync(command, args, { encoding: 'utf8' });
  return (out.stdout || out.stderr || '').trim().split('\n')[0];
}

const sections = [];
for (const name of chosen) {
  const run = GROUPS[name] ?? ON_REQUEST[name];
  if (!run)
    throw new Error(
      `Unknown benchmark group '${name}' (have: ${[...Object.keys(GROUPS), ...Object.keys(ON_REQUEST)].join(', ')})`,
    );
  sections.push(...(await run(settings)));
}

const lines = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` (bench/run.mjs) on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${version('python3', ['-c', 'import moto; print("moto " + moto.__version__)']) || 'moto'}.`,
  'teiki runs with its defaults (SQLite store in a fresh data dir, process runtime); moto_server with its defaults. Both on loopback.',
  '',
  ...sections,
];
// Only a full run replaces the recorded results; a partial one just prints.
if (chosen.length === Object.keys(GROUPS).length)
  writeFileSync(join(ROOT, 'bench/RESULTS.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
