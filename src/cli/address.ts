/**
 * For the commands that talk to a teiki rather than start one (`stop`,
 * `terraform-provider`): the options that say where it listens, from the same sources
 * `teiki start` reads (flags, TEIKI_* variables, the config file), and the address a
 * client on this machine uses to reach it.
 */
import type { TeikiOptions } from '../config.js';
import { compileOptions, OptionsError, parseArgs } from './options.js';

const FLAGS: Partial<Record<keyof TeikiOptions, string>> = {
  port: '--port',
  host: '--host',
  region: '--region',
  configFile: '--config',
};

/** The compiled options; refuses flags other than `allowed` (they would do nothing). */
export function optionsFor(
  command: string,
  argv: readonly string[],
  allowed: ReadonlyArray<keyof TeikiOptions>,
): TeikiOptions {
  const given = Object.keys(parseArgs(argv)) as Array<keyof TeikiOptions>;
  if (given.some((key) => !allowed.includes(key))) {
    const names = allowed.map((key) => FLAGS[key] ?? key);
    const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
    throw new OptionsError(`'teiki ${command}' takes ${list} only.`);
  }
  return compileOptions(argv);
}

/** `http://HOST:PORT` for a client here: a listen-all address is reached on loopback. */
export function clientEndpoint(options: Pick<TeikiOptions, 'host' | 'port'>): string {
  const host =
    options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '::1' : options.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
}
