import { availableParallelism, totalmem } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that took longest in CI (`.ci/run`, seconds in a quiet run), longest first:
 * together about three quarters of the run. Vitest orders by the durations it recorded
 * in its cache, but a clean clone has no cache and would run these in path order, the
 * Terraform suites last and together. Started first, a long file never becomes the tail
 * of the run, and the files that mostly wait (the soak, the real-clock failover, the
 * services through the CLI) run beside the ones that use the CPU (Terraform).
 * Only the order depends on this list: a missing or renamed file just runs later.
 */
const SLOWEST_FIRST = [
  'test/e2e/seed-example.test.ts', // 109
  'test/e2e/crash-soak.test.ts', // 84, mostly waiting
  'test/e2e/nodes-failover.test.ts', // 73, mostly waiting
  'test/e2e/terraform-stacks-applied-twice.test.ts', // ~70 (122 alone under load)
  'test/e2e/services-cli.test.ts', // 62, mostly waiting
  'test/e2e/terraform-enforce.test.ts', // 51
  'test/e2e/terraform-stacks-applied-once.test.ts', // ~50 (82 alone under load)
  'test/e2e/readme.test.ts', // 42
  'test/e2e/nodes-terraform.test.ts', // 35
  'test/e2e/seed-example-docker.test.ts', // 30
  'test/fuzz/fuzz.test.ts', // 27
  'test/e2e/nodes-virtual.test.ts', // 20
];

/**
 * Two files per core. The run was about 750 s of CPU, most of it the AWS provider that
 * Terraform configures once per graph walk (the ten small stacks now share two workspaces,
 * ~380 s less; test/e2e/terraform-stacks/), but a third of the files' time is waiting: on
 * a real clock (the failover, the soak's kill delays), containers, the provider's own fixed
 * waits (10 s after creating an ECS cluster), the AWS CLI's waiters. With one file per core
 * the cores stood idle 40% of the run; with two, a waiting file always has a busy one
 * beside it. At most one file per 3 GB of memory: a Terraform suite peaks at ~1.7 GB
 * (Terraform, the provider at GOGC=400, teiki, the worker). docs/decisions.md, "Test run".
 */
const WORKERS = Math.max(
  2,
  Math.min(2 * availableParallelism(), Math.floor(totalmem() / 3 / 1024 ** 3)),
);

/** The listed files first, in the list's order; the others after, in Vitest's own order. */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = SLOWEST_FIRST.indexOf(relative(file.project.config.root, file.moduleId));
      return at === -1 ? SLOWEST_FIRST.length : at;
    };
    const ordered = await super.sort(files);
    return ordered
      .map((file, index) => ({ file, index, rank: rank(file) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suites start real servers and child processes; give them room but never hang CI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each worker imports the SDK clients and teiki's modules once, not once per file:
    // importing them was a tenth of the run. Files share no state through modules (the
    // module-level maps are caches of pure functions); each suite starts and closes its
    // own teiki. See docs/decisions.md, "Test run".
    isolate: false,
    maxWorkers: WORKERS,
    // Every worker lives to the end of the run. With fewer, the pool ends a worker that
    // falls idle while others still run (the queue is empty near the end), and ending a
    // forked worker rejects a promise nobody awaits: the run stops there with "Terminating
    // worker thread", its other workers orphaned (tinypool's idle timeout, seen with 3 and
    // 4 workers on this machine).
    minWorkers: WORKERS,
    sequence: { sequencer: SlowestFirst },
    // The SDK clients the tests use are pinned (package-lock) to releases that support
    // Node 20; their notice about later releases needing Node 22 is noise in every suite.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
