/**
 * The `teiki` command. `teiki start` runs the server in the foreground until SIGINT or
 * SIGTERM; the return value is the process exit code.
 */
import { createLogger } from '../engine/log.js';
import { isStorageFault } from '../store/fault.js';
import { describeStoreLocation } from '../store/open.js';
import { StoreUnavailableError } from '../store/postgres/index.js';
import { startTeiki } from '../teiki.js';
import { TEIKI_VERSION } from '../version.js';
import { banner, openModeWarning } from './banner.js';
import { compileOptions, optionsHelp, OptionsError } from './options.js';

const USAGE = `teiki ${TEIKI_VERSION}: the AWS APIs behind ECS scheduled tasks, on your machine.

Usage:
  teiki start [options]     run the server (Ctrl-C stops it)
  teiki --version           print the version
  teiki --help              this text

Point any AWS client at the endpoint, for example:
  aws --endpoint-url http://127.0.0.1:4566 sts get-caller-identity
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\nOptions of 'teiki start':\n${optionsHelp()}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${TEIKI_VERSION}\n`);
    return 0;
  }
  if (command !== 'start') {
    process.stderr.write(`teiki: unknown command '${command}'. Run 'teiki --help'.\n`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: teiki start [options]\n\n${optionsHelp()}\n`);
    return 0;
  }
  return start(rest);
}

async function start(argv: readonly string[]): Promise<number> {
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
  const stopped = new Promise<string>((resolveSignal) => {
    process.once('SIGINT', () => resolveSignal('SIGINT'));
    process.once('SIGTERM', () => resolveSignal('SIGTERM'));
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
  const warning = openModeWarning(options, new URL(teiki.url).hostname);
  if (warning) logger.warn('open mode on an address other machines reach', { host: options.host });

  const signal = await stopped;
  logger.info('shutting down', { signal });
  await teiki.close();
  logger.info('stopped');
  return 0;
}
