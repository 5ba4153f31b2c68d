/**
 * Suites that run real containers need a Docker Engine API (Docker, or Podman's service)
 * at DOCKER_HOST and the small test image `scripts/test-env.sh` builds offline. Run
 * through that script (`npm test`, which sets TEIKI_REQUIRE_ENGINE) or in CI (`CI` set),
 * a missing engine fails them, so a broken engine setup can never pass as green; run
 * directly (`npx vitest run …`) on a machine without one, they are skipped loudly.
 */
import { createLogger, type Logger } from '../../../src/engine/log.js';
import { engineAddress } from '../../../src/runtimes/docker/engine-address.js';
import { DockerEngine } from '../../../src/runtimes/docker/engine.js';
import { describe, it } from 'vitest';

/** A busybox image: `sh`, `sleep`, `cat`, `tail`, `ip`… under /bin. */
export const TEST_IMAGE = process.env.TEIKI_TEST_IMAGE ?? 'localhost/teiki-busybox:test';

const truthy = (value: string | undefined) =>
  ['1', 'true', 'yes'].includes((value ?? '').toLowerCase());
const required = truthy(process.env.CI) || truthy(process.env.TEIKI_REQUIRE_ENGINE);

async function probe(): Promise<string | undefined> {
  let engine: DockerEngine | undefined;
  try {
    engine = new DockerEngine(engineAddress(process.env));
    await engine.info();
    if (!(await engine.inspectImage(TEST_IMAGE)))
      return `the engine has no image ${TEST_IMAGE} (scripts/test-env.sh builds it)`;
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    engine?.close();
  }
}

const missing = await probe();

/** `describe` when an engine answers; otherwise a failure in CI and a loud skip elsewhere. */
export function describeWithEngine(name: string, body: () => void): void {
  if (missing === undefined) {
    describe(name, body);
    return;
  }
  if (required) {
    describe(name, () => {
      it('reaches a Docker engine (CI or TEIKI_REQUIRE_ENGINE is set)', () => {
        throw new Error(`no usable Docker engine: ${missing}`);
      });
    });
    return;
  }
  process.stderr.write(
    `\n*** SKIPPED "${name}": no usable Docker engine (${missing}).\n` +
      '*** Set DOCKER_HOST to a Docker or Podman socket to run the docker runtime suites.\n\n',
  );
  describe.skip(name, body);
}

/** A new client for the engine the suites use (tests inspect containers through it). */
export function testEngine(): DockerEngine {
  return new DockerEngine(engineAddress(process.env));
}

/** A logger that keeps warnings, for asserting what the runtime said. */
export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger = createLogger({
    level: 'warn',
    format: 'json',
    write: (line) => warnings.push((JSON.parse(line) as { msg: string }).msg),
  });
  return Object.assign(logger, { warnings });
}
