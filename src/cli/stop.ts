/**
 * `teiki stop`: asks the teiki listening on `--port`/`--host` (or TEIKI_PORT, TEIKI_HOST,
 * the config file: the same sources `teiki start` reads) to shut down, through
 * `POST /_teiki/shutdown`, then waits until it has. It works however teiki was started:
 * a background `npm start`, another terminal, a service manager. Under `--auth enforce`
 * the request carries AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY as HTTP Basic, the
 * credentials the console uses.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning } from '../runtimes/procfs.js';
import { clientEndpoint, optionsFor } from './address.js';
import { OptionsError } from './options.js';

export const STOP_USAGE = `teiki stop [--port N] [--host ADDR] [--config FILE]
      stop the teiki listening there (from another terminal) and wait until it has`;

/** How long a stop may take: running tasks get their stop timeout (at most 120 s on ECS). */
const STOP_WAIT_MS = 150_000;
const POLL_MS = 100;

export async function stop(argv: readonly string[]): Promise<number> {
  let url: string;
  try {
    url = clientEndpoint(optionsFor('stop', argv, ['port', 'host', 'configFile']));
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`teiki: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const address = url.slice('http://'.length);
  let response: Response;
  try {
    response = await fetch(`${url}/_teiki/shutdown`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...basicCredentials(process.env) },
      body: '{}',
    });
  } catch (error) {
    if (refused(error)) {
      process.stderr.write(
        `teiki: nothing is listening on ${address}; is teiki on another --port?\n`,
      );
      return 1;
    }
    throw error;
  }
  const answer = (await response.json().catch(() => undefined)) as
    { status?: string; pid?: number; message?: string } | undefined;
  if (response.status !== 202 || answer?.status !== 'stopping') {
    const why =
      response.status === 401 || response.status === 403
        ? `${answer?.message ?? 'refused'} (under --auth enforce, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key it knows)`
        : `answered ${response.status}: not a teiki, or one too old for 'teiki stop'`;
    process.stderr.write(`teiki: ${address} ${why}\n`);
    return 1;
  }
  if (await stoppedWithin(url, answer.pid, STOP_WAIT_MS)) {
    process.stdout.write(`teiki on ${address} stopped\n`);
    return 0;
  }
  process.stderr.write(
    `teiki: ${address} was asked to stop but is still running after ${STOP_WAIT_MS / 1000} s\n`,
  );
  return 1;
}

function basicCredentials(env: NodeJS.ProcessEnv): Record<string, string> {
  const id = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  if (!id || !secret) return {};
  return { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` };
}

/**
 * True once the port no longer answers and, when teiki said which process it is, that
 * process has exited (the port closes first; running tasks are stopped after it).
 */
async function stoppedWithin(url: string, pid: number | undefined, ms: number): Promise<boolean> {
  // The wall clock: this waits on a real process, not on teiki's clock.
  // eslint-disable-next-line no-restricted-syntax
  const deadline = Date.now() + ms;
  // eslint-disable-next-line no-restricted-syntax
  while (Date.now() < deadline) {
    if (!(await answers(url)) && (pid === undefined || !(await isRunning(pid)))) return true;
    await sleep(POLL_MS);
  }
  return false;
}

async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(`${url}/_teiki/health`)).arrayBuffer();
    return true;
  } catch (error) {
    if (refused(error)) return false;
    throw error;
  }
}

/** fetch's connection refused (undici wraps the socket error as the cause). */
function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === 'ECONNREFUSED' || cause?.code === 'ECONNRESET';
}
