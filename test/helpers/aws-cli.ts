/**
 * The AWS CLI as the `aws` on PATH runs it, without starting Python for each call.
 *
 * A call to `aws` costs ~0.6 s of CPU, most of it Python starting and importing awscli and
 * botocore, not the call itself. When the `aws` on PATH is the AWS CLI v1 (a Python script,
 * found through its shebang or pyenv's shim), a call here is a process forked from a
 * long-lived driver (aws-cli-driver.py) that imported awscli once: the installed entry
 * point runs in it with a fresh CLIDriver, botocore session and credentials, the call's
 * environment, working directory and argv, its own stdin, stdout and stderr, and its exit
 * status is the call's: ~0.15 s of CPU. Anything else (the v2 CLI, an environment that
 * changes how Python starts) spawns `aws` as before; a notice says so once.
 * test/e2e/aws-cli-driver.test.ts compares the two on the same calls. docs/decisions.md,
 * "Test run".
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import { runChild, type ChildRun } from './run-child.js';

/** One call: the arguments after `aws`, and the environment the process would have. */
export interface AwsCall {
  argv: string[];
  env: NodeJS.ProcessEnv;
}

/** Runs `aws` synchronously, as spawnSync would. */
export function runAwsSync(call: AwsCall): ChildRun {
  const why = spawnReason(call);
  const pool = why === undefined ? thePool() : undefined;
  if (pool === undefined) return spawnAwsSync(call, why ?? thePoolWhy());
  const answer = pool.callSync(call);
  return 'fallback' in answer ? spawnAwsSync(call, answer.fallback) : answer;
}

/** Runs `aws` without blocking the worker (a waiter polls for as long as it takes). */
export async function runAws(call: AwsCall): Promise<ChildRun> {
  const why = spawnReason(call);
  const pool = why === undefined ? thePool() : undefined;
  if (pool === undefined) return spawnAws(call, why ?? thePoolWhy());
  const answer = await pool.call(call);
  return 'fallback' in answer ? spawnAws(call, answer.fallback) : answer;
}

/**
 * Whether calls like `call` run in a driver: 'driver', or why each spawns `aws` (the
 * driver's own verdict on the installed CLI once it has started).
 */
export function howAwsRuns(call: AwsCall): string {
  const why = spawnReason(call);
  if (why !== undefined) return why;
  const driven = thePool();
  if (driven === undefined) return thePoolWhy();
  const answer = driven.callSync({ argv: ['--version'], env: call.env });
  return 'fallback' in answer ? answer.fallback : 'driver';
}

/** How long a synchronous call may take, as runChild's default. */
const CALL_TIMEOUT_MS = 600_000;

/**
 * Variables read while Python starts (the locale and encodings of its streams, the time
 * zone, its paths and flags), that choose which `aws` and which Python run, or that awscli
 * and botocore read when a module is imported (HOME for `~`, BOTO_DISABLE_CRT; found by
 * walking the imported modules' top-level code; AWS_DATA_PATH the driver computes again
 * for each call): a call that changes one is a different process than the driver, so it
 * spawns `aws`.
 */
const STARTUP_VARIABLE = /^(PYTHON|LC_|LANG|PYENV|PATH$|HOME$|VIRTUAL_ENV$|TZ$|BOTO_DISABLE_CRT$)/;

/** Why this call must be spawned, or undefined when the driver can run it. */
function spawnReason({ env }: AwsCall): string | undefined {
  const keys = new Set([...Object.keys(env), ...Object.keys(process.env)]);
  const changed = [...keys].filter(
    (key) => STARTUP_VARIABLE.test(key) && env[key] !== process.env[key],
  );
  return changed.length > 0 ? `a call that sets ${changed.join(', ')}` : undefined;
}

const noticed = new Set<string>();

/** Says once per reason that calls spawn `aws`: slower, the same CLI. */
function notice(why: string): void {
  if (noticed.has(why)) return;
  noticed.add(why);
  process.stderr.write(`aws-cli: spawning \`aws\` per call: ${why}\n`);
}

function spawnAwsSync(call: AwsCall, why: string): ChildRun {
  notice(why);
  const result = spawnSync('aws', call.argv, { encoding: 'utf8', env: call.env });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function spawnAws(call: AwsCall, why: string): Promise<ChildRun> {
  notice(why);
  return runChild('aws', call.argv, { env: call.env });
}

type Answer = ChildRun | { fallback: string };

interface Pool {
  callSync(call: AwsCall): Answer;
  call(call: AwsCall): Promise<Answer>;
}

let pool: Pool | string | undefined;

function thePool(): Pool | undefined {
  pool ??= startPool();
  return typeof pool === 'string' ? undefined : pool;
}

function thePoolWhy(): string {
  return typeof pool === 'string' ? pool : 'no driver';
}

/** The drivers' thread, or why there is none (no `aws` on PATH that is a Python script). */
function startPool(): Pool | string {
  const entry = entryPoint('aws', process.env);
  if (typeof entry === 'string') return entry;
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1: syncPort, port2: threadSyncPort } = new MessageChannel();
  const worker = new Worker(new URL('./aws-cli-pool.mjs', import.meta.url), {
    workerData: {
      ...entry,
      driver: fileURLToPath(new URL('./aws-cli-driver.py', import.meta.url)),
      env: process.env,
      signal,
      syncPort: threadSyncPort,
    },
    transferList: [threadSyncPort],
  });
  worker.unref();
  const pending = new Map<number, (answer: Answer) => void>();
  worker.on('message', ({ id, ...answer }: Answer & { id: number }) => {
    pending.get(id)?.(answer);
    pending.delete(id);
  });
  let nextId = 0;
  const request = (call: AwsCall, sync: boolean) => ({
    id: nextId++,
    argv: call.argv,
    env: call.env,
    cwd: process.cwd(),
    sync,
  });
  return {
    callSync(call) {
      Atomics.store(flag, 0, 0);
      worker.postMessage(request(call, true));
      if (Atomics.wait(flag, 0, 0, CALL_TIMEOUT_MS) === 'timed-out') {
        throw new Error(`aws ${call.argv.join(' ')}: no answer in ${CALL_TIMEOUT_MS} ms`);
      }
      return answerOn(syncPort);
    },
    call(call) {
      const message = request(call, false);
      return new Promise((resolve) => {
        pending.set(message.id, resolve);
        worker.postMessage(message);
      });
    },
  };
}

function answerOn(port: MessagePort): Answer {
  const received = receiveMessageOnPort(port);
  if (received === undefined) throw new Error('aws-cli: the driver thread answered nothing');
  const { id: _id, ...answer } = received.message as Answer & { id: number };
  return answer;
}

/**
 * The Python script that `name` on PATH runs and its interpreter (with the shebang's
 * flags), through pyenv's shim when it is one; otherwise why not.
 */
function entryPoint(
  name: string,
  env: NodeJS.ProcessEnv,
): { python: string[]; script: string } | string {
  const found = onPath(name, env.PATH ?? '');
  if (found === undefined) return `no \`${name}\` on PATH`;
  const head = readFileSync(found, 'latin1').slice(0, 4096);
  if (/\bpyenv\b/.test(head) && /\bexec\b/.test(head)) {
    const which = spawnSync('pyenv', ['which', name], { encoding: 'utf8', env });
    const script = which.status === 0 ? which.stdout.trim() : '';
    if (!isAbsolute(script)) return `\`pyenv which ${name}\` failed: ${which.stderr.trim()}`;
    return shebangPython(script, readFileSync(script, 'latin1').slice(0, 4096), env);
  }
  return shebangPython(found, head, env);
}

function shebangPython(
  script: string,
  head: string,
  env: NodeJS.ProcessEnv,
): { python: string[]; script: string } | string {
  const shebang = /^#!\s*(\S+)(.*)$/m.exec(head.split('\n')[0] ?? '');
  if (shebang === null) return `${script} is not a script`;
  let [interpreter, ...flags] = [shebang[1] as string, ...(shebang[2] ?? '').trim().split(/\s+/)];
  flags = flags.filter((flag) => flag !== '');
  if (interpreter.endsWith('/env') && flags.length > 0) {
    const program = flags.shift() as string;
    interpreter = onPath(program, env.PATH ?? '') ?? program;
  }
  if (!/python[\d.]*$/.test(interpreter)) return `${script} runs ${interpreter}, not Python`;
  return { python: [interpreter, ...flags], script };
}

function onPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
