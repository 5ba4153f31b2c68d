/**
 * `teiki start`: runs the server in the foreground until SIGINT (Ctrl-C), SIGTERM or
 * `POST /_teiki/shutdown` (`teiki stop`); the return value is the process exit code.
 */
import { createLogger } from '../engine/log.js';
import { ListenError } from '../gateway/http/server.js';
import { isStorageFault } from '../store/fault.js';
import { describeStoreLocation } from '../store/open.js';
import { StoreUnavailableError } from '../store/postgres/unavailable.js';
import { startTeiki } from '../teiki.js';
import { TEIKI_VERSION } from '../version.js';
import { banner, openModeWarning } from './banner.js';
import { compileOptions, OptionsError } from './options.js';

/** The exit code of a node that stopped because it lost its lease (README, Several nodes). */
export const LOST_LEASE_EXIT_CODE = 3;

export async function start(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = compileOptions(argv);
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`teiki: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: options.logLevel });
  let teiki;
  try {
    teiki = await startTeiki(options, logger);
  } catch (error) {
    if (error instanceof ListenError) {
      process.stderr.write(`teiki: ${listenFailure(error)}\n`);
      return 1;
    }
    if (isStorageFault(error) || error instanceof StoreUnavailableError) {
      // The user's to fix, not a bug: one line saying which directory or database (never
      // its password) and what went wrong.
      process.stderr.write(`teiki: ${error.message}\n`);
      return 1;
    }
    logger.error('teiki could not start', { error });
    return 1;
  }
  // Listen for signals before announcing readiness, so a signal right after the banner is not lost.
  // The handlers stay for the whole shutdown: Ctrl-C under `npm start` delivers SIGINT
  // twice (the terminal's, and npm passing its own on), and a second signal without a
  // handler would kill teiki before it stopped its tasks and closed its store.
  let received: string | undefined;
  const signalled = new Promise<string>((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (received === undefined) {
        received = signal;
        resolveSignal(signal);
      } else if (signal !== received) {
        logger.info('already shutting down', { signal });
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  logger.info('teiki is ready', {
    endpoint: teiki.url,
    store: describeStoreLocation(options.store),
    runtime: options.runtime,
    clock: options.clock,
    auth: options.auth,
    account: options.accountId,
    region: options.region,
  });
  process.stdout.write(banner(options, teiki.url, TEIKI_VERSION));
  if (openModeWarning(options, new URL(teiki.url).hostname)) {
    logger.warn('open mode on an address other machines reach', { host: options.host });
  }

  const signal = await Promise.race([signalled, teiki.closed.then(() => undefined)]);
  if (signal !== undefined) logger.info('shutting down', { signal });
  await teiki.close();
  logger.info('stopped');
  // A node the others declared dead stops with a failure, so a supervisor starts it again.
  return teiki.lostLease() ? LOST_LEASE_EXIT_CODE : 0;
}

/** One line a person can act on, instead of a stack trace. */
function listenFailure(error: ListenError): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `${error.address} is in use — another teiki? stop it ('teiki stop --port ${portOf(error.address)}') or pass --port`;
    case 'EACCES':
      return `${error.address} needs privileges this user lacks; pass a --port above 1023`;
    case 'EADDRNOTAVAIL':
      return `${error.address}: no such address on this machine; pass a --host it has (127.0.0.1, 0.0.0.0)`;
    default:
      return `cannot listen on ${error.address}: ${error.code}`;
  }
}

function portOf(address: string): string {
  return address.slice(address.lastIndexOf(':') + 1);
}
