/**
 * teiki's configuration: what a running teiki is told, and what it is told when nobody says.
 * Part of the composition root: teiki.ts starts from it, the layers below read the parts
 * they need (services, runtimes, the console), and the command line (cli/options.ts) only
 * parses flags, environment variables and the config file into it.
 */
import type { LogLevel } from './engine/log.js';
import type { RuntimeKind } from './runtimes/types.js';
import type { StoreLocation } from './store/open.js';

export type { LogLevel, RuntimeKind };

/** The network docker-runtime containers join: none, or the engine's default bridge. */
export type DockerNetwork = 'none' | 'bridge';
export type ClockMode = 'real' | 'virtual';
export type AuthMode = 'open' | 'enforce';

export interface TeikiOptions {
  port: number;
  host: string;
  dataDir: string;
  /** The memory store: nothing is written to disk (the process runtime keeps no ledger). */
  inMemory: boolean;
  /** `--store`, with `--in-memory` and `--data-dir` folded in. */
  store: StoreLocation;
  runtime: RuntimeKind;
  dockerNetwork: DockerNetwork;
  clock: ClockMode;
  /** Virtual clock only: where time starts (ms since epoch); default the wall clock at start. */
  clockStartMs: number | undefined;
  accountId: string;
  region: string;
  auth: AuthMode;
  /** Host names served besides IP literals and `localhost` (canonical: lower-case, no port). */
  allowedHosts: readonly string[];
  /** Web origins allowed to call teiki besides the console's own (`scheme://host:port`). */
  corsOrigins: readonly string[];
  /** The root key pair `--auth enforce` accepts for the default account. */
  rootAccessKeyId: string;
  rootSecretAccessKey: string;
  /**
   * Whether a task's containers get AWS_ENDPOINT_URL naming teiki (as they can reach it),
   * so their own SDK calls come back here; a definition's own value always wins.
   */
  taskAwsEndpoint: boolean;
  /**
   * The address tasks reach teiki at, instead of the runtime's own (loopback for host
   * processes, the bridge's gateway for containers): say `169.254.170.2` once the host has it.
   */
  taskHost: string | undefined;
  /** An exact pattern wins, then the wildcard pattern with the longest literal part. */
  imageMap: ReadonlyArray<{ pattern: string; target: string }>;
  logLevel: LogLevel;
  configFile: string | undefined;
  /** This node's name among the nodes sharing a store (default: host name and pid). */
  nodeId: string;
  /** EventBridge may call plain-HTTP API destinations and OAuth endpoints (AWS: HTTPS only). */
  allowHttpDestinations: boolean;
}

/**
 * The values each choice option takes, in the order `--help` and its errors name them;
 * the first listed is not necessarily the default (DEFAULTS says which is).
 */
export const CHOICES = {
  runtime: ['process', 'docker'],
  dockerNetwork: ['bridge', 'none'],
  clock: ['real', 'virtual'],
  auth: ['open', 'enforce'],
  logLevel: ['debug', 'info', 'warn', 'error'],
} as const satisfies { [K in keyof TeikiOptions]?: ReadonlyArray<TeikiOptions[K]> };

/**
 * What an option is when no source sets it. `dataDir` is relative to the working directory;
 * the store, the node id and the config file have derived defaults (cli/options.ts).
 */
export const DEFAULTS = {
  port: 4566,
  host: '127.0.0.1',
  dataDir: '.teiki',
  inMemory: false,
  runtime: 'process',
  dockerNetwork: 'bridge',
  clock: 'real',
  accountId: '000000000000',
  region: 'us-east-1',
  auth: 'open',
  rootAccessKeyId: 'test',
  rootSecretAccessKey: 'test',
  taskAwsEndpoint: true,
  logLevel: 'info',
  allowHttpDestinations: false,
  configFile: 'teiki.config.json',
} as const satisfies { [K in keyof TeikiOptions]?: TeikiOptions[K] };
