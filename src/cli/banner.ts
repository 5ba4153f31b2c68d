/**
 * What `teiki start` prints once it listens: where, with what, and in which auth mode,
 * with a loud warning when `open` mode is reachable from other machines.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { describeStoreLocation } from '../store/open.js';
import type { TeikiOptions } from '../config.js';

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form), `localhost`: only this machine reaches it. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  if (isIPv6(bare)) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

const AUTH_WORDS: Record<TeikiOptions['auth'], string> = {
  open: 'open (signatures read, not checked; every caller acts as the key it names)',
  enforce: 'enforce (SigV4 or the console key checked on every route but /_teiki/health)',
};

/**
 * The warning for `open` mode on an address other machines reach, or undefined. Browsers
 * are refused in every mode; this is about every other program on the network.
 */
export function openModeWarning(options: TeikiOptions, boundHost: string): string | undefined {
  if (options.auth !== 'open' || isLoopback(boundHost)) return undefined;
  return [
    `WARNING: teiki listens on ${boundHost} with --auth open: anyone who can reach this address`,
    'can create IAM roles and run commands on this machine as you, with no credentials.',
    'Listen on 127.0.0.1 (--host 127.0.0.1) or start with --auth enforce.',
  ].join('\n         ');
}

export function banner(options: TeikiOptions, url: string, version: string): string {
  const boundHost = new URL(url).hostname;
  const warning = openModeWarning(options, boundHost);
  const lines = [
    `teiki ${version} listening on ${url}`,
    `  store:   ${describeStoreLocation(options.store)}`,
    `  runtime: ${options.runtime}   clock: ${options.clock}`,
    `  auth:    ${AUTH_WORDS[options.auth]}`,
    `  console: ${url}/_teiki/console/`,
    `  try:     aws --endpoint-url ${url} sts get-caller-identity`,
    `  stop:    Ctrl-C, or 'teiki stop --port ${new URL(url).port}' in another terminal`,
  ];
  if (warning) lines.push('', `  ${warning}`);
  return `${lines.join('\n')}\n`;
}
