/**
 * The adversarial corpus (`corpus/*.json`) against a started teiki: each entry answers
 * with AWS's error or result, within its time bound, while the health probe keeps being
 * answered. Entries run one after another, in file order, against one teiki.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { loadCorpus, errorOf, toRawRequest } from './corpus.js';
import { startHealthProbe, type ProbeResult } from './health-probe.js';
import { HttpClient } from './http.js';

let teiki: TeikiProcess;
let http: HttpClient;
let probe: { stop(): Promise<ProbeResult> };

beforeAll(async () => {
  teiki = await spawnTeiki([
    '--in-memory',
    '--clock',
    'virtual',
    '--clock-start',
    '2026-11-28T00:00:00Z',
  ]);
  http = new HttpClient(new URL(teiki.url));
  probe = startHealthProbe(teiki.url);
});

afterAll(async () => {
  http?.close();
  teiki?.child.kill('SIGTERM');
  await teiki?.exited;
});

const DEFAULT_MAX_MS = 2_000;

describe('adversarial corpus', () => {
  for (const { file, entry } of loadCorpus()) {
    it(`${file}: ${entry.name}`, async () => {
      for (const step of entry.steps ?? []) {
        const answer = await http.send(toRawRequest(step));
        expect(answer.status, `set-up ${answer.body.toString('utf8').slice(0, 300)}`).toBeLessThan(
          300,
        );
      }
      const answer = await http.send(toRawRequest(entry.request));
      const text = answer.body.toString('utf8');
      expect(answer.status, text.slice(0, 500)).toBe(entry.expect.status);
      const error = errorOf(answer);
      if (entry.expect.code !== undefined) expect(error.code).toBe(entry.expect.code);
      if (entry.expect.message !== undefined) expect(error.message).toBe(entry.expect.message);
      if (entry.expect.messageIncludes !== undefined) {
        expect(error.message).toContain(entry.expect.messageIncludes);
      }
      if (entry.expect.json !== undefined) {
        expect(JSON.parse(text)).toMatchObject(entry.expect.json);
      }
      // The safety property itself: a bound, with a margin for a shared machine.
      expect(answer.ms).toBeLessThan(entry.maxMs ?? DEFAULT_MAX_MS);
      expect(teiki.child.exitCode).toBeNull();
    });
  }

  it('answered the health probe throughout', async () => {
    const result = await probe.stop();
    expect(result.failures).toBe(0);
    expect(result.latencies.length).toBeGreaterThan(0);
    expect(Math.max(...result.latencies)).toBeLessThan(DEFAULT_MAX_MS);
  });
});
