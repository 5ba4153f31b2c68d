/**
 * The worker thread of test/helpers/aws-cli.ts: it owns the Python drivers
 * (aws-cli-driver.py), one per call in flight (a driver forks one call at a time), and
 * answers the test worker's calls. On its
 * own event loop so that the test worker can wait for an answer synchronously (Atomics.wait)
 * while the driver's pipes are read here.
 *
 * workerData: { python: string[] (interpreter and its flags), script, driver, env, signal,
 * syncPort }. Messages in: { id, argv, env, cwd, sync }. Answers: { id, status, stdout,
 * stderr } or { id, fallback: why } (the caller then spawns `aws` itself), posted on
 * syncPort (then signal[0] set to 1 and notified) for a synchronous call, on the parent
 * port otherwise.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parentPort, workerData } from 'node:worker_threads';

const { python, script, driver, env, signal, syncPort } = workerData;
const flag = new Int32Array(signal);

/**
 * A driver left idle this long ends: its CPU is then reaped by the test worker and counted
 * with the worker's children, as the `aws` processes were, and a suite's next burst of
 * calls pays one import (~0.25 s) again.
 */
const IDLE_MS = 5_000;

/** Why the drivers cannot run here (awscli not v1, Python missing): every call falls back. */
let unsupported;
/** @type {Driver[]} */
const idle = [];

parentPort.on('message', (request) => {
  void call(request).then(
    (answer) => reply(request, answer),
    (error) => reply(request, { fallback: `the driver failed: ${error.message}` }),
  );
});

function reply(request, answer) {
  const message = { id: request.id, ...answer };
  if (!request.sync) return parentPort.postMessage(message);
  syncPort.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

async function call({ argv, env: callEnv, cwd }) {
  if (unsupported) return { fallback: unsupported };
  const driver = idle.pop() ?? (await start());
  if (!driver) return { fallback: unsupported };
  clearTimeout(driver.idleTimer);
  const answer = await driver.ask({ argv, env: callEnv, cwd });
  if (answer.status === undefined) return answer;
  driver.idleTimer = setTimeout(() => {
    idle.splice(idle.indexOf(driver), 1);
    driver.end();
  }, IDLE_MS);
  idle.push(driver);
  return {
    status: answer.status,
    stdout: Buffer.from(answer.stdout, 'base64').toString('utf8'),
    stderr: Buffer.from(answer.stderr, 'base64').toString('utf8'),
  };
}

/**
 * @typedef {{ ask(request: object): Promise<any>, end(): void, idleTimer?: NodeJS.Timeout }} Driver
 * @returns {Promise<Driver | undefined>} undefined when the driver cannot run (`unsupported` says why)
 */
async function start() {
  const [interpreter, ...flags] = python;
  const child = spawn(interpreter, [...flags, driver, script], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdio[3] });
  /** @type {((line: string | undefined) => void)[]} */
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const exited = new Promise((resolve) => child.once('close', resolve));
  void exited.then(() => {
    for (const resolve of waiting.splice(0)) resolve(undefined);
  });
  child.once('error', (error) => (stderr += String(error)));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  const died = async () => `the driver ended (${String(await exited)}): ${stderr.trim()}`;

  const hello = await next();
  const first = hello === undefined ? { unsupported: await died() } : JSON.parse(hello);
  if (first.unsupported !== undefined) {
    unsupported = `${script} cannot be run by the driver (${first.unsupported})`;
    child.stdio[3].end();
    return undefined;
  }
  return {
    async ask(request) {
      child.stdio[3].write(`${JSON.stringify(request)}\n`);
      const line = await next();
      return line === undefined ? { fallback: await died() } : JSON.parse(line);
    },
    end: () => child.stdio[3].end(),
  };
}
