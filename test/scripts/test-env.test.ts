/**
 * scripts/test-env.sh, the README's test command's set-up: it fails loudly, before any
 * suite runs, on what it cannot provide (an AWS CLI too old for AWS_ENDPOINT_URL,
 * Terraform), and runs its command with the engine and image it provided exported,
 * passing the command's exit status on. The engine here is the one DOCKER_HOST names
 * (the suites run under the script, which exported it), so no engine is started; a
 * PostgreSQL cluster is, when the run has none (TEIKI_TEST_POSTGRES_URL unset).
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/test-env.sh', import.meta.url));
const fakes = mkdtempSync(join(tmpdir(), 'teiki-test-env-'));
afterAll(() => rmSync(fakes, { recursive: true, force: true }));

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(SCRIPT, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.once('close', (status) => resolve({ status, stdout, stderr })),
  );
}

/** A new directory for a PATH of the test's own, with `scripts` written into it. */
function binDir(name: string, scripts: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(fakes, `${name}-`));
  for (const [command, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, command), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, command), 0o755);
  }
  return dir;
}

/** Where `command` is on the test's own PATH. */
function which(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((entry) => join(entry, command))
    .find((path) => existsSync(path) && statSync(path).isFile());
}

describe('scripts/test-env.sh', () => {
  it('fails loudly when the AWS CLI cannot read AWS_ENDPOINT_URL', async () => {
    const dir = binDir('old-aws', {
      aws: 'echo "aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off"',
    });
    const result = await run(['true'], {
      ...process.env,
      PATH: `${dir}${delimiter}${process.env.PATH}`,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `test-env: error: the AWS CLI on PATH (${dir}/aws, 2.9.19) does not read AWS_ENDPOINT_URL`,
    );
    expect(result.stderr).not.toContain('test-env: running');
  });

  it('fails loudly without Terraform, which no package registry has', async () => {
    // A PATH of its own with no terraform: stand-ins for the packages the script checks
    // (a current AWS CLI among them), the system's tools it runs before that check.
    const dir = binDir('no-terraform', {
      aws: 'echo "aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11"',
      chromium: 'echo "Chromium 156"',
      podman: 'exit 0',
      runc: 'exit 0',
      curl: 'exit 0',
    });
    for (const command of ['bash', 'sh', 'env', 'dirname', 'id', 'sed', 'head', 'find', 'cat']) {
      const found = which(command);
      if (found) symlinkSync(found, join(dir, command));
    }
    const result = await run(['true'], { ...process.env, PATH: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'test-env: error: terraform is required by the Terraform suites and is in no package registry',
    );
  });

  it('runs the command with the engine, the image, PostgreSQL and TEIKI_REQUIRE_ENGINE, and passes its status on', async () => {
    const result = await run(
      [
        'sh',
        '-c',
        'echo "$DOCKER_HOST|$TEIKI_TEST_IMAGE|$TEIKI_REQUIRE_ENGINE|$TEIKI_TEST_POSTGRES_URL|$TEIKI_TEST_POSTGRES_DIR"; exit 7',
      ],
      process.env,
    );
    expect(result.stderr).toContain('test-env: running: sh -c');
    expect(result.status).toBe(7);
    const [dockerHost, image, required, postgresUrl, postgresDir] = result.stdout.trim().split('|');
    expect(dockerHost).toMatch(/^(unix|tcp):\/\//);
    expect(image).toBe(process.env.TEIKI_TEST_IMAGE ?? 'localhost/teiki-busybox:test');
    expect(required).toBe('1');
    const given = process.env.TEIKI_TEST_POSTGRES_URL;
    if (given) {
      // Under `npm test` the run's cluster is reused, not a second one started.
      expect(postgresUrl).toBe(given);
      expect(result.stderr).toContain('test-env: using the PostgreSQL at TEIKI_TEST_POSTGRES_URL');
    } else {
      // A cluster of its own for the command, stopped and removed once it has ended.
      expect(postgresUrl).toMatch(/^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/teiki_test$/);
      expect(postgresDir).toMatch(/teiki-pg\./);
      expect(existsSync(postgresDir!)).toBe(false);
    }
  });
});
