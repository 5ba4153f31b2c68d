import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

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
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine,
    // where most of a Terraform, container or multi-node suite is spent waiting on child
    // processes, and a second file can run meanwhile.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The SDK clients the tests use are pinned (package-lock) to releases that support
    // Node 20; their notice about later releases needing Node 22 is noise in every suite.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
