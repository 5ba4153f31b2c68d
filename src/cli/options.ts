/**
 * `teiki start` options, parsed and checked once into the configuration (src/config.ts,
 * which owns its type and defaults), frozen. Each option comes, in falling precedence,
 * from the command line, a `TEIKI_<NAME>` environment variable, the config file
 * (`--config`, default `teiki.config.json` when present), or its default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { StoreLocation } from '../store/open.js';
import { isPostgresUrl, redactPostgresUrl } from '../store/postgres/url.js';
import { normalizeAllowedHost, normalizeCorsOrigin } from '../gateway/browser/names.js';
import { CLOCK_RANGE, isRepresentableInstant, parseIsoInstant } from '../engine/clock/limits.js';
import { CHOICES, DEFAULTS, type TeikiOptions } from '../config.js';
import { SPECS } from './option-specs.js';

export class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

type RawValues = Partial<Record<keyof TeikiOptions, string | boolean | string[]>>;

export function parseArgs(argv: readonly string[]): RawValues {
  const raw: RawValues = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--'))
      throw new OptionsError(`Unexpected argument '${arg}'. See 'teiki start --help'.`);
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = SPECS.find((s) => s.flag === flag);
    if (!spec) throw new OptionsError(`Unknown option '--${flag}'. See 'teiki start --help'.`);
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (spec.kind === 'boolean') {
      raw[spec.key] = value === undefined ? true : parseBoolean(value, `--${flag}`);
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new OptionsError(`Option '--${flag}' needs a value.`);
    }
    if (spec.kind === 'list') {
      const list = (raw[spec.key] as string[] | undefined) ?? [];
      raw[spec.key] = [...list, ...(spec.key === 'imageMap' ? [value] : splitList(value))];
    } else {
      raw[spec.key] = value;
    }
  }
  return raw;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function parseBoolean(value: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new OptionsError(`${name} must be true or false, not '${value}'.`);
}

function fromEnv(env: NodeJS.ProcessEnv): RawValues {
  const raw: RawValues = {};
  for (const spec of SPECS) {
    const value = env[spec.env];
    if (value === undefined || value === '') continue;
    if (spec.kind === 'boolean') raw[spec.key] = parseBoolean(value, spec.env);
    else if (spec.kind === 'list') raw[spec.key] = splitList(value);
    else raw[spec.key] = value;
  }
  return raw;
}

function fromConfigFile(path: string): RawValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OptionsError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OptionsError(`Config file ${path} must hold a JSON object.`);
  }
  const raw: RawValues = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === 'imageMap') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new OptionsError(
          `Config file ${path}: "imageMap" must be an object of PATTERN: TARGET.`,
        );
      }
      raw.imageMap = Object.entries(value as Record<string, unknown>).map(
        ([p, t]) => `${p}=${String(t)}`,
      );
      continue;
    }
    const spec = SPECS.find((s) => s.key === name);
    if (!spec || spec.key === 'configFile')
      throw new OptionsError(`Config file ${path}: unknown option "${name}".`);
    if (spec.kind === 'boolean' && typeof value !== 'boolean') {
      throw new OptionsError(`Config file ${path}: "${name}" must be true or false.`);
    }
    if (spec.kind === 'list') {
      const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
      if (!items?.every((item) => typeof item === 'string')) {
        throw new OptionsError(
          `Config file ${path}: "${name}" must be a list of strings (or one comma-separated string).`,
        );
      }
      raw[spec.key] = items.flatMap(splitList);
      continue;
    }
    raw[spec.key] = typeof value === 'boolean' ? value : String(value);
  }
  return raw;
}

/** Merges the sources and checks every value; throws OptionsError naming the option. */
export function compileOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): TeikiOptions {
  const cli = parseArgs(argv);
  const fromEnvironment = fromEnv(env);
  const explicitConfig = (cli.configFile ?? fromEnvironment.configFile) as string | undefined;
  const defaultConfig = resolve(cwd, DEFAULTS.configFile);
  const configFile =
    explicitConfig !== undefined
      ? resolve(cwd, explicitConfig)
      : existsSync(defaultConfig)
        ? defaultConfig
        : undefined;
  const fileValues = configFile ? fromConfigFile(configFile) : {};
  const pick = <K extends keyof TeikiOptions>(key: K) =>
    cli[key] ?? fromEnvironment[key] ?? fileValues[key];
  /** How the user set an option, in the words of that source; undefined when unset. */
  const givenAs = (key: keyof TeikiOptions): string | undefined => {
    const spec = SPECS.find((s) => s.key === key);
    if (!spec) return undefined;
    if (cli[key] !== undefined) return `--${spec.flag}`;
    if (fromEnvironment[key] !== undefined) return spec.env;
    if (fileValues[key] !== undefined) return `"${key}" in ${configFile}`;
    return undefined;
  };

  const str = (key: keyof TeikiOptions, fallback: string) =>
    (pick(key) as string | undefined) ?? fallback;
  /** A choice option (CHOICES), checked against its values, else its default. */
  const oneOf = <K extends keyof typeof CHOICES>(
    key: K,
    flag: string,
  ): (typeof CHOICES)[K][number] => {
    const allowed: readonly string[] = CHOICES[key];
    const value = str(key, DEFAULTS[key]);
    if (!allowed.includes(value)) {
      throw new OptionsError(`--${flag} must be one of ${allowed.join(', ')}, not '${value}'.`);
    }
    return value as (typeof CHOICES)[K][number];
  };

  const port = Number(str('port', String(DEFAULTS.port)));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new OptionsError(`--port must be a port number, not '${str('port', '')}'.`);
  const accountId = str('accountId', DEFAULTS.accountId);
  if (!/^\d{12}$/.test(accountId))
    throw new OptionsError(`--account-id must be 12 digits, not '${accountId}'.`);
  const region = str('region', DEFAULTS.region);
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw new OptionsError(`--region must be a region name such as us-east-1, not '${region}'.`);

  const clockStart = pick('clockStartMs') as string | undefined;
  let clockStartMs: number | undefined;
  if (clockStart !== undefined) {
    clockStartMs = parseIsoInstant(clockStart);
    if (clockStartMs === undefined)
      throw new OptionsError(`--clock-start must be an ISO-8601 instant, not '${clockStart}'.`);
    if (!isRepresentableInstant(clockStartMs))
      throw new OptionsError(`--clock-start must be an instant ${CLOCK_RANGE}.`);
  }

  // The command line is the most specific source, so its mappings are tried first.
  const imageMapRaw = [cli, fromEnvironment, fileValues].flatMap(
    (source) => (source.imageMap as string[] | undefined) ?? [],
  );
  const imageMap = imageMapRaw.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1)
      throw new OptionsError(`--image-map needs PATTERN=TARGET, not '${entry}'.`);
    return { pattern: entry.slice(0, eq), target: entry.slice(eq + 1) };
  });

  const dataDir = resolve(cwd, str('dataDir', DEFAULTS.dataDir));
  const store = compileStore(
    pick('store') as string | undefined,
    (pick('inMemory') as boolean | undefined) ?? DEFAULTS.inMemory,
    dataDir,
  );

  /** A list option's values, each checked and made canonical, duplicates dropped. */
  const canonicalList = (
    key: keyof TeikiOptions,
    flag: string,
    canonical: (v: string) => string,
  ) => {
    try {
      return Object.freeze([
        ...new Set(((pick(key) as string[] | undefined) ?? []).map(canonical)),
      ]);
    } catch (error) {
      throw new OptionsError(`--${flag}: ${(error as Error).message}.`);
    }
  };

  const compiled: TeikiOptions = {
    port,
    host: str('host', DEFAULTS.host),
    dataDir,
    inMemory: store.kind === 'memory',
    store,
    runtime: oneOf('runtime', 'runtime'),
    dockerNetwork: oneOf('dockerNetwork', 'docker-network'),
    clock: oneOf('clock', 'clock'),
    clockStartMs,
    accountId,
    region,
    auth: oneOf('auth', 'auth'),
    allowedHosts: canonicalList('allowedHosts', 'allowed-hosts', normalizeAllowedHost),
    corsOrigins: canonicalList('corsOrigins', 'cors-origins', normalizeCorsOrigin),
    rootAccessKeyId: str('rootAccessKeyId', DEFAULTS.rootAccessKeyId),
    rootSecretAccessKey: str('rootSecretAccessKey', DEFAULTS.rootSecretAccessKey),
    taskAwsEndpoint: (pick('taskAwsEndpoint') as boolean | undefined) ?? DEFAULTS.taskAwsEndpoint,
    taskHost: compileTaskHost(pick('taskHost') as string | undefined),
    imageMap: Object.freeze(imageMap),
    logLevel: oneOf('logLevel', 'log-level'),
    configFile,
    nodeId: compileNodeId(pick('nodeId') as string | undefined),
    allowHttpDestinations:
      (pick('allowHttpDestinations') as boolean | undefined) ?? DEFAULTS.allowHttpDestinations,
  };
  refuseIneffective(compiled, givenAs);
  return Object.freeze(compiled);
}

/**
 * Options that would be accepted and then ignored are refused, whichever source set them:
 * a setting that silently does nothing looks like a setting that works.
 */
function refuseIneffective(
  options: TeikiOptions,
  givenAs: (key: keyof TeikiOptions) => string | undefined,
): void {
  const rules: Array<{ key: keyof TeikiOptions; ineffective: boolean; why: string }> = [
    {
      key: 'clockStartMs',
      ineffective: options.clock !== 'virtual',
      why: 'does nothing without --clock virtual (a real clock reads the system time)',
    },
    {
      key: 'dataDir',
      ineffective: options.inMemory,
      // With a PostgreSQL store it still holds the runtimes' ledgers: only memory ignores it.
      why: `does nothing with ${givenAs('store') !== undefined ? '--store memory' : '--in-memory'} (nothing is written to disk): drop one of them`,
    },
    {
      key: 'dockerNetwork',
      ineffective: options.runtime !== 'docker',
      why: "does nothing without --runtime docker (the process runtime's tasks use the host's network)",
    },
  ];
  for (const rule of rules) {
    const given = givenAs(rule.key);
    if (rule.ineffective && given !== undefined) throw new OptionsError(`${given} ${rule.why}.`);
  }
}

/** An IP address: a task's requests to a name would need it in --allowed-hosts too. */
function compileTaskHost(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (isIP(value) === 0) {
    throw new OptionsError(
      `--task-host must be an IP address such as 169.254.170.2, not '${value}'.`,
    );
  }
  return value;
}

/** A name of letters, digits, `.`, `_`, `-` (a host name and pid when not given). */
function compileNodeId(value: string | undefined): string {
  const id = value ?? `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id)) {
    throw new OptionsError(
      `--node-id must be 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or digit), not '${id}'.`,
    );
  }
  return id;
}

/** `--store`, and `--in-memory` as the older way to say `--store memory`. */
function compileStore(
  value: string | undefined,
  inMemory: boolean,
  dataDir: string,
): StoreLocation {
  if (value === undefined || value === 'memory' || value === 'sqlite') {
    const kind = value ?? (inMemory ? 'memory' : 'sqlite');
    if (inMemory && kind !== 'memory') {
      throw new OptionsError(`--in-memory contradicts --store ${kind}: drop one of them.`);
    }
    return kind === 'memory' ? { kind } : { kind, dataDir };
  }
  if (isPostgresUrl(value)) {
    const shown = redactPostgresUrl(value);
    if (inMemory)
      throw new OptionsError(`--in-memory contradicts --store ${shown}: drop one of them.`);
    try {
      new URL(value);
    } catch {
      throw new OptionsError(
        `--store ${shown} is not a URL postgres://user:password@host:port/database.`,
      );
    }
    return { kind: 'postgres', url: value };
  }
  // A mistyped URL may carry a password: show it only when it cannot.
  const shown = value.includes('@') ? '(a value with a password?)' : `'${value}'`;
  throw new OptionsError(
    `--store must be sqlite, memory or postgres://user:password@host:port/database, not ${shown}.`,
  );
}
