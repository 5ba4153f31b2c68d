/**
 * Every `teiki start` option: its flag, its environment variable, its kind and its help
 * line (the defaults they name come from src/config.ts). cli/options.ts parses by them.
 */
import { DEFAULTS, type TeikiOptions } from '../config.js';

export interface OptionSpec {
  key: keyof TeikiOptions;
  flag: string;
  env: string;
  kind: 'string' | 'boolean' | 'list';
  help: string;
  valueName?: string;
}

export const SPECS: readonly OptionSpec[] = [
  {
    key: 'port',
    flag: 'port',
    env: 'TEIKI_PORT',
    kind: 'string',
    valueName: 'N',
    help: `port for every API, the admin routes and the console (default ${DEFAULTS.port})`,
  },
  {
    key: 'host',
    flag: 'host',
    env: 'TEIKI_HOST',
    kind: 'string',
    valueName: 'ADDR',
    help: `address to listen on (default ${DEFAULTS.host})`,
  },
  {
    key: 'dataDir',
    flag: 'data-dir',
    env: 'TEIKI_DATA_DIR',
    kind: 'string',
    valueName: 'DIR',
    help: `where the SQLite store lives (default ${DEFAULTS.dataDir})`,
  },
  {
    key: 'inMemory',
    flag: 'in-memory',
    env: 'TEIKI_IN_MEMORY',
    kind: 'boolean',
    help: 'keep all state in memory; nothing survives a restart (same as --store memory)',
  },
  {
    key: 'store',
    flag: 'store',
    env: 'TEIKI_STORE',
    kind: 'string',
    valueName: 'sqlite|memory|postgres://…',
    help: 'where state lives: SQLite in --data-dir (default), memory, or PostgreSQL (postgres://user:password@host:port/database)',
  },
  {
    key: 'nodeId',
    flag: 'node-id',
    env: 'TEIKI_NODE_ID',
    kind: 'string',
    valueName: 'NAME',
    help: "this node's name among the nodes sharing a PostgreSQL store, shown by /_teiki/health (default HOSTNAME-PID)",
  },
  {
    key: 'runtime',
    flag: 'runtime',
    env: 'TEIKI_RUNTIME',
    kind: 'string',
    valueName: 'process|docker',
    help: `where task containers run (default ${DEFAULTS.runtime})`,
  },
  {
    key: 'dockerNetwork',
    flag: 'docker-network',
    env: 'TEIKI_DOCKER_NETWORK',
    kind: 'string',
    valueName: 'bridge|none',
    help: `docker runtime: containers join the engine's default bridge, or no network (default ${DEFAULTS.dockerNetwork})`,
  },
  {
    key: 'clock',
    flag: 'clock',
    env: 'TEIKI_CLOCK',
    kind: 'string',
    valueName: 'real|virtual',
    help: `real time, or a virtual clock moved through /_teiki/clock (default ${DEFAULTS.clock})`,
  },
  {
    key: 'clockStartMs',
    flag: 'clock-start',
    env: 'TEIKI_CLOCK_START',
    kind: 'string',
    valueName: 'ISO-8601',
    help: 'virtual clock only: the instant time starts at (default now)',
  },
  {
    key: 'accountId',
    flag: 'account-id',
    env: 'TEIKI_ACCOUNT_ID',
    kind: 'string',
    valueName: 'ID',
    help: `account for credentials that name none (default ${DEFAULTS.accountId})`,
  },
  {
    key: 'region',
    flag: 'region',
    env: 'TEIKI_REGION',
    kind: 'string',
    valueName: 'REGION',
    help: `region for unsigned requests (default ${DEFAULTS.region})`,
  },
  {
    key: 'auth',
    flag: 'auth',
    env: 'TEIKI_AUTH',
    kind: 'string',
    valueName: 'open|enforce',
    help: `open accepts any signature; enforce verifies SigV4 on every route but /_teiki/health and evaluates callers' IAM policies (default ${DEFAULTS.auth})`,
  },
  {
    key: 'allowedHosts',
    flag: 'allowed-hosts',
    env: 'TEIKI_ALLOWED_HOSTS',
    kind: 'list',
    valueName: 'NAME,...',
    help: 'Host names served besides IP literals, localhost and *.localhost (e.g. a compose service name, host.docker.internal); other names get 403',
  },
  {
    key: 'corsOrigins',
    flag: 'cors-origins',
    env: 'TEIKI_CORS_ORIGINS',
    kind: 'list',
    valueName: 'ORIGIN,...',
    help: "web origins (scheme://host:port) whose pages may call teiki, with CORS answers; other pages get 403 (the console's own origin always may)",
  },
  {
    key: 'rootAccessKeyId',
    flag: 'root-access-key-id',
    env: 'TEIKI_ROOT_ACCESS_KEY_ID',
    kind: 'string',
    valueName: 'KEY',
    help: `root access key accepted by --auth enforce (default ${DEFAULTS.rootAccessKeyId})`,
  },
  {
    key: 'rootSecretAccessKey',
    flag: 'root-secret-access-key',
    env: 'TEIKI_ROOT_SECRET_ACCESS_KEY',
    kind: 'string',
    valueName: 'SECRET',
    help: `its secret (default ${DEFAULTS.rootSecretAccessKey})`,
  },
  {
    key: 'taskAwsEndpoint',
    flag: 'task-aws-endpoint',
    env: 'TEIKI_TASK_AWS_ENDPOINT',
    kind: 'boolean',
    help: "tasks get AWS_ENDPOINT_URL naming teiki as they reach it, unless their definition sets one (default true; =false leaves their SDKs calling AWS's own endpoints)",
  },
  {
    key: 'taskHost',
    flag: 'task-host',
    env: 'TEIKI_TASK_HOST',
    kind: 'string',
    valueName: 'ADDR',
    help: "the IP address tasks call teiki back at (default: 127.0.0.1 for host processes, the bridge network's gateway for containers); teiki listens there too",
  },
  {
    key: 'imageMap',
    flag: 'image-map',
    env: 'TEIKI_IMAGE_MAP',
    kind: 'list',
    valueName: 'PATTERN=TARGET',
    help: 'map an image (exact or with *) to a host directory (process) or local image (docker); repeatable, comma-separated in the variable',
  },
  {
    key: 'allowHttpDestinations',
    flag: 'allow-http-destinations',
    env: 'TEIKI_ALLOW_HTTP_DESTINATIONS',
    kind: 'boolean',
    help: 'let API destinations and OAuth connections use http:// endpoints (AWS requires https://)',
  },
  {
    key: 'logLevel',
    flag: 'log-level',
    env: 'TEIKI_LOG_LEVEL',
    kind: 'string',
    valueName: 'debug|info|warn|error',
    help: `least severe log line printed (default ${DEFAULTS.logLevel})`,
  },
  {
    key: 'configFile',
    flag: 'config',
    env: 'TEIKI_CONFIG',
    kind: 'string',
    valueName: 'FILE',
    help: `JSON config file (default ${DEFAULTS.configFile} when present)`,
  },
];

export function optionsHelp(): string {
  const rows = SPECS.map((s) => {
    const left = `  --${s.flag}${s.valueName ? ` ${s.valueName}` : ''}`;
    return `${left.padEnd(40)}${s.help}\n${' '.repeat(40)}env ${s.env}`;
  });
  return rows.join('\n');
}
