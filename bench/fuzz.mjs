/**
 * The fuzz suite at full size: `npm run bench -- fuzz` runs test/fuzz/fuzz.test.ts with
 * 200,000 cases (BENCH_FUZZ_CASES to change it; FUZZ_SEED to replay one), the same code CI
 * runs a 20,000-case slice of, and prints the figures RELIABILITY.md records. No peer:
 * this measures teiki against its own promises, not against moto.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fmt, ROOT } from './peers.mjs';

export function runFuzz({ log }) {
  const cases = Number(process.env.BENCH_FUZZ_CASES ?? 200_000);
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-fuzz-'));
  const reportPath = join(dir, 'report.json');
  log(`fuzz: ${fmt(cases)} cases (this takes a while: about 3 ms a case on 2 cores)`);
  const run = spawnSync(
    'npx',
    ['vitest', 'run', 'test/fuzz/fuzz.test.ts', '--testTimeout', String(6 * 3600 * 1000)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        FUZZ_CASES: String(cases),
        FUZZ_REPORT: reportPath,
        FUZZ_PROGRESS: String(Math.max(1_000, Math.round(cases / 20))),
      },
    },
  );
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    throw new Error(`the fuzz run wrote no report (exit ${run.status})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  return [
    '## Fuzz',
    '',
    `${fmt(report.cases)} cases (seed ${report.seed}) in ${report.wallSeconds.toFixed(0)} s, load average at the end ${load}; ${run.status === 0 ? 'every assertion held' : '**assertions failed** (see the output above)'}.`,
    '',
    '| measure | figure |',
    '|---|---|',
    `| answers by status | ${Object.entries(report.statuses)
      .map(([s, n]) => `${s}: ${fmt(n)}`)
      .join(', ')} |`,
    `| 5xx | ${report.serverErrors.length} |`,
    `| process exits | ${report.exited ?? 0} |`,
    `| slowest answer | ${report.maxAnswerMs.toFixed(0)} ms (${report.maxAnswerLabel}) |`,
    `| answers over 1 s under load / again alone | ${report.slowUnderLoad} / ${report.slow.length} |`,
    `| health probe (own thread) | ${fmt(report.health.probes)} probes, ${report.health.failures} failed, p50 ${report.health.p50.toFixed(1)} ms, p99 ${report.health.p99.toFixed(1)} ms, max ${report.health.max.toFixed(0)} ms |`,
    `| teiki's event-loop delay | p50 ${report.serverLoopDelay.p50.toFixed(1)} ms, p99 ${report.serverLoopDelay.p99.toFixed(1)} ms, p99.9 ${report.serverLoopDelay.p999.toFixed(1)} ms, max ${report.serverLoopDelay.max.toFixed(0)} ms |`,
    `| refused writes checked against snapshots | ${report.stateChecks}, changed ${report.stateViolations.length} |`,
    '',
  ];
}
