import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileOptions } from '../../src/cli/options.js';

const cwd = mkdtempSync(join(tmpdir(), 'teiki-options-'));

describe('compileOptions', () => {
  it('has the documented defaults', () => {
    const o = compileOptions([], {}, cwd);
    expect(o).toMatchObject({
      port: 4566,
      host: '127.0.0.1',
      dataDir: join(cwd, '.teiki'),
      inMemory: false,
      runtime: 'process',
      dockerNetwork: 'bridge',
      clock: 'real',
      accountId: '000000000000',
      region: 'us-east-1',
      auth: 'open',
      logLevel: 'info',
      imageMap: [],
      allowedHosts: [],
      corsOrigins: [],
      taskAwsEndpoint: true,
    });
    expect(Object.isFrozen(o)).toBe(true);
    // The node's name defaults to where and which process it is: stable for its lifetime.
    expect(o.nodeId).toBe(`${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-'));
  });

  it.each([
    { argv: ['--node-id', 'node-1.a_b'], env: {}, nodeId: 'node-1.a_b' },
    { argv: [], env: { TEIKI_NODE_ID: 'from-env' }, nodeId: 'from-env' },
    { argv: ['--node-id=cli'], env: { TEIKI_NODE_ID: 'from-env' }, nodeId: 'cli' },
  ])('takes the node id from $argv and $env', ({ argv, env, nodeId }) => {
    expect(compileOptions(argv, env, cwd).nodeId).toBe(nodeId);
  });

  it('takes --task-host as an IP address only', () => {
    expect(compileOptions([], {}, cwd).taskHost).toBeUndefined();
    expect(compileOptions(['--task-host', '169.254.170.2'], {}, cwd).taskHost).toBe(
      '169.254.170.2',
    );
    expect(() => compileOptions(['--task-host', 'host.docker.internal'], {}, cwd)).toThrow(
      "--task-host must be an IP address such as 169.254.170.2, not 'host.docker.internal'.",
    );
  });

  it("turns the tasks' AWS_ENDPOINT_URL off from each source", () => {
    expect(compileOptions(['--task-aws-endpoint=false'], {}, cwd).taskAwsEndpoint).toBe(false);
    expect(compileOptions([], { TEIKI_TASK_AWS_ENDPOINT: 'off' }, cwd).taskAwsEndpoint).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'teiki-options-'));
    writeFileSync(join(dir, 'teiki.config.json'), JSON.stringify({ taskAwsEndpoint: false }));
    expect(compileOptions([], {}, dir).taskAwsEndpoint).toBe(false);
    expect(() => compileOptions(['--task-aws-endpoint=maybe'], {}, cwd)).toThrow(
      "--task-aws-endpoint must be true or false, not 'maybe'.",
    );
  });

  it('prefers the command line, then TEIKI_ variables, then the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiki-options-'));
    writeFileSync(
      join(dir, 'teiki.config.json'),
      JSON.stringify({
        port: 1111,
        region: 'eu-west-1',
        runtime: 'docker',
        imageMap: { 'app:*': '/srv/app' },
      }),
    );
    const o = compileOptions(
      ['--port', '3333', '--image-map', 'x=/x'],
      { TEIKI_PORT: '2222', TEIKI_REGION: 'ap-northeast-1', TEIKI_IMAGE_MAP: 'y=/y' },
      dir,
    );
    expect(o.port).toBe(3333);
    expect(o.region).toBe('ap-northeast-1');
    expect(o.runtime).toBe('docker');
    expect(o.imageMap).toEqual([
      { pattern: 'x', target: '/x' },
      { pattern: 'y', target: '/y' },
      { pattern: 'app:*', target: '/srv/app' },
    ]);
    expect(o.configFile).toBe(join(dir, 'teiki.config.json'));
  });

  it('accepts --flag=value and boolean flags', () => {
    const o = compileOptions(
      ['--port=0', '--in-memory', '--clock=virtual', '--clock-start', '2026-01-01T00:00:00Z'],
      {},
      cwd,
    );
    expect(o).toMatchObject({
      port: 0,
      inMemory: true,
      clock: 'virtual',
      clockStartMs: Date.parse('2026-01-01T00:00:00Z'),
    });
  });

  it.each([
    [['--port', 'http'], /--port must be a port number/],
    [['--port', '70000'], /--port must be a port number/],
    [['--runtime', 'lambda'], /--runtime must be one of process, docker/],
    [['--docker-network', 'host'], /--docker-network must be one of bridge, none, not 'host'/],
    [['--clock', 'fast'], /--clock must be one of real, virtual/],
    [['--auth', 'none'], /--auth must be one of open, enforce/],
    [['--account-id', '1234'], /--account-id must be 12 digits/],
    [['--region', 'Tokyo'], /--region must be a region name/],
    [['--image-map', 'nothing'], /--image-map needs PATTERN=TARGET/],
    [['--clock-start', 'noon'], /--clock-start must be an ISO-8601 instant/],
    [['--clock-start', '2026-11-28T02:20:00'], /--clock-start must be an ISO-8601 instant/],
    [['--clock-start', '2026-02-30T00:00:00Z'], /--clock-start must be an ISO-8601 instant/],
    [
      ['--clock-start', '+275760-09-13T00:00:00Z'],
      /--clock-start must be an instant from 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z/,
    ],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port'], /'--port' needs a value/],
    [['start'], /Unexpected argument 'start'/],
    [['--config', 'missing.json'], /Cannot read config file/],
    [['--allowed-hosts', 'teiki:4566'], /--allowed-hosts: 'teiki:4566' is not a host name/],
    [['--allowed-hosts', 'http://teiki'], /--allowed-hosts: 'http:\/\/teiki' is not a host name/],
    [['--cors-origins', '*'], /--cors-origins: '\*' would let every web page drive teiki/],
    [['--cors-origins', 'localhost:3000'], /--cors-origins: 'localhost:3000' is not a web origin/],
    [['--cors-origins', 'http://a.test/app'], /is not a web origin/],
    [['--node-id', 'node#1'], /--node-id must be 1 to 64 letters, digits/],
    [['--node-id', '-n1'], /--node-id must be 1 to 64 letters, digits/],
    [['--node-id', 'n'.repeat(65)], /--node-id must be 1 to 64 letters, digits/],
  ])('refuses %j', (argv, message) => {
    expect(() => compileOptions(argv, {}, cwd)).toThrow(message);
  });

  it('takes the docker network from each source', () => {
    const docker = ['--runtime', 'docker'];
    expect(compileOptions([...docker, '--docker-network', 'none'], {}, cwd).dockerNetwork).toBe(
      'none',
    );
    expect(compileOptions(docker, { TEIKI_DOCKER_NETWORK: 'none' }, cwd).dockerNetwork).toBe(
      'none',
    );
    const dir = mkdtempSync(join(tmpdir(), 'teiki-options-'));
    writeFileSync(join(dir, 'teiki.config.json'), JSON.stringify({ dockerNetwork: 'none' }));
    expect(compileOptions(docker, {}, dir).dockerNetwork).toBe('none');
    expect(compileOptions([...docker, '--docker-network=bridge'], {}, dir).dockerNetwork).toBe(
      'bridge',
    );
  });

  describe('options that would do nothing', () => {
    it.each([
      [
        ['--clock-start', '2026-01-01T00:00:00Z'],
        /^--clock-start does nothing without --clock virtual/,
      ],
      [
        ['--clock', 'real', '--clock-start', '2026-01-01T00:00:00Z'],
        /^--clock-start does nothing without --clock virtual/,
      ],
      [['--in-memory', '--data-dir', 'x'], /^--data-dir does nothing with --in-memory/],
      [['--store', 'memory', '--data-dir', 'x'], /^--data-dir does nothing with --store memory/],
      [['--docker-network', 'none'], /^--docker-network does nothing without --runtime docker/],
      [
        ['--runtime', 'process', '--docker-network', 'bridge'],
        /^--docker-network does nothing without --runtime docker/,
      ],
    ])('refuses %j', (argv, message) => {
      expect(() => compileOptions(argv, {}, cwd)).toThrow(message);
    });

    it('names the variable or the config file that set the option', () => {
      expect(() => compileOptions(['--in-memory'], { TEIKI_DATA_DIR: '/tmp/teiki' }, cwd)).toThrow(
        /^TEIKI_DATA_DIR does nothing with --in-memory/,
      );
      const dir = mkdtempSync(join(tmpdir(), 'teiki-options-'));
      const file = join(dir, 'teiki.config.json');
      writeFileSync(file, JSON.stringify({ clockStartMs: '2026-01-01T00:00:00Z' }));
      expect(() => compileOptions([], {}, dir)).toThrow(
        `"clockStartMs" in ${file} does nothing without --clock virtual`,
      );
    });

    it('accepts each option where it acts', () => {
      expect(
        compileOptions(['--clock', 'virtual', '--clock-start', '2026-01-01T00:00:00Z'], {}, cwd)
          .clockStartMs,
      ).toBe(Date.parse('2026-01-01T00:00:00Z'));
      expect(compileOptions(['--in-memory=false', '--data-dir', 'd'], {}, cwd).dataDir).toBe(
        join(cwd, 'd'),
      );
      // With PostgreSQL the data directory still holds the runtimes' ledgers.
      expect(
        compileOptions(['--store', 'postgres://u:p@127.0.0.1:5432/db', '--data-dir', 'd'], {}, cwd)
          .dataDir,
      ).toBe(join(cwd, 'd'));
      expect(
        compileOptions(['--runtime', 'docker', '--docker-network', 'none'], {}, cwd).dockerNetwork,
      ).toBe('none');
    });
  });

  it('refuses an unknown key in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiki-options-'));
    writeFileSync(join(dir, 'teiki.config.json'), JSON.stringify({ prot: 1 }));
    expect(() => compileOptions([], {}, dir)).toThrow(/unknown option "prot"/);
  });

  it('refuses a bad boolean variable', () => {
    expect(() => compileOptions([], { TEIKI_IN_MEMORY: 'maybe' }, cwd)).toThrow(
      /TEIKI_IN_MEMORY must be true or false/,
    );
  });

  it('takes --allowed-hosts and --cors-origins from each source, comma-separated or repeated', () => {
    const cli = compileOptions(
      [
        '--allowed-hosts',
        'teiki, Host.Docker.Internal',
        '--allowed-hosts=other',
        '--cors-origins',
        'http://localhost:3000/,https://app.example.com',
      ],
      {},
      cwd,
    );
    expect(cli.allowedHosts).toEqual(['teiki', 'host.docker.internal', 'other']);
    expect(cli.corsOrigins).toEqual(['http://localhost:3000', 'https://app.example.com:443']);

    const env = compileOptions(
      [],
      { TEIKI_ALLOWED_HOSTS: 'teiki,teiki', TEIKI_CORS_ORIGINS: 'http://localhost:3000' },
      cwd,
    );
    expect(env.allowedHosts).toEqual(['teiki']);
    expect(env.corsOrigins).toEqual(['http://localhost:3000']);

    const dir = mkdtempSync(join(tmpdir(), 'teiki-options-'));
    writeFileSync(
      join(dir, 'teiki.config.json'),
      JSON.stringify({ allowedHosts: ['compose-teiki'], corsOrigins: 'http://localhost:5173' }),
    );
    expect(compileOptions([], {}, dir)).toMatchObject({
      allowedHosts: ['compose-teiki'],
      corsOrigins: ['http://localhost:5173'],
    });
    // The most specific source wins, as for every option that is not a map.
    expect(compileOptions(['--allowed-hosts', 'cli'], {}, dir).allowedHosts).toEqual(['cli']);
  });

  it('refuses a config file list that is not strings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teiki-options-'));
    writeFileSync(join(dir, 'teiki.config.json'), JSON.stringify({ allowedHosts: [1] }));
    expect(() => compileOptions([], {}, dir)).toThrow(/"allowedHosts" must be a list of strings/);
  });
});
