/**
 * teiki as users run it: the built `bin/teiki.js` in a child process. The endpoint is
 * read from the start-up banner, so `--port 0` works.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runAws, runAwsSync } from './aws-cli.js';

export const BIN = fileURLToPath(new URL('../../bin/teiki.js', import.meta.url));

export interface TeikiProcess {
  url: string;
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export async function spawnTeiki(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TeikiProcess> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`teiki exited (${code}) before it was ready:\n${output}`)),
    );
  });
  return { url, child, output: () => output, exited };
}

/** The environment of every test's AWS CLI call: test keys, no pager, no user config. */
export const CLI_ENV = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

/** The AWS CLI's arguments and environment for calls to an endpoint. */
function cliCall(endpoint: string, args: string[], env: Record<string, string>) {
  return {
    argv: ['--endpoint-url', endpoint, '--output', 'json', ...args],
    env: { ...process.env, ...CLI_ENV, ...env },
  };
}

/** Runs the AWS CLI against an endpoint and returns its parsed JSON output. */
export function awsCli(
  endpoint: string,
  args: string[],
  env: Record<string, string> = {},
): { status: number; stdout: string; stderr: string } {
  return runAwsSync(cliCall(endpoint, args, env));
}

/**
 * An AWS CLI waiter (`aws ecs wait …`), run without blocking the worker: a waiter polls
 * for as long as the resource takes. A non-zero exit throws with its stderr.
 */
export async function awsWait(endpoint: string, args: string[]): Promise<void> {
  const result = await runAws(cliCall(endpoint, args, {}));
  if (result.status !== 0) throw new Error(`aws ${args.join(' ')} failed:\n${result.stderr}`);
}

/** Runs the AWS CLI and parses its JSON output; a non-zero exit throws with its stderr. */
export function awsJson(endpoint: string, args: string[]): unknown {
  const result = awsCli(endpoint, args);
  if (result.status !== 0) throw new Error(`aws ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
}
