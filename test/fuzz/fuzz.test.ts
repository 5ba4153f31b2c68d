/**
 * The model-driven fuzz suite against a started teiki. CI runs a budgeted slice, seeded
 * and printed; `npm run bench -- fuzz` runs 200,000 cases with the same code. Each case:
 * no 5xx, no exit, no answer slower than a second, an error answer names its code; the
 * health probe answers throughout; refused writes change no list of any service.
 *
 *   FUZZ_SEED=n FUZZ_CASES=n FUZZ_ONLY=case  npx vitest run test/fuzz/fuzz.test.ts
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedFromEnv } from '../helpers/rng.js';
import { describeReport, runFuzz } from './runner.js';

const CASES = Number(process.env.FUZZ_CASES ?? 20_000);
const STATE_CHECKS = Number(process.env.FUZZ_STATE_CHECKS ?? Math.max(50, Math.round(CASES / 100)));
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);

describe('fuzz', () => {
  it(
    `answers ${CASES} malformed and odd requests with 4xx or success, promptly, and stays up`,
    async () => {
      const seed = seedFromEnv();
      // Printed first, so a run that fails can be replayed with FUZZ_SEED.
      process.stderr.write(`fuzz: FUZZ_SEED=${seed}\n`);
      const report = await runFuzz({
        seed,
        cases: CASES,
        stateChecks: STATE_CHECKS,
        concurrency: 4,
        maxAnswerMs: 1_000,
        ...(ONLY !== undefined ? { only: ONLY } : {}),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      const lines = describeReport(report);
      process.stderr.write(`${lines.join('\n')}\n`);
      if (process.env.FUZZ_REPORT)
        writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(report, null, 2));
      expect(report.exited).toBeUndefined();
      expect(report.transportErrors).toEqual([]);
      expect(report.serverErrors).toEqual([]);
      expect(report.slow).toEqual([]);
      expect(report.unreadableErrors).toEqual([]);
      expect(report.stateViolations).toEqual([]);
      expect(report.health.failures).toBe(0);
      expect(report.health.max).toBeLessThan(1_000);
      expect(report.cases).toBe(ONLY !== undefined ? 1 : CASES + STATE_CHECKS);
    },
    30 * 60_000,
  );
});
