/**
 * The engine client and the runtime against a scripted engine: API version negotiation,
 * Docker's and Podman's differences, errors where real engines put them, and the
 * start-up error when nothing answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileOptions } from '../../../src/cli/options.js';
import { DockerEngine } from '../../../src/runtimes/docker/engine.js';
import { execProbe } from '../../../src/runtimes/docker/health.js';
import { EngineError } from '../../../src/runtimes/docker/http.js';
import { createDockerRuntime, DockerUnavailableError } from '../../../src/runtimes/docker/index.js';
import type { ContainerCreateBody } from '../../../src/runtimes/docker/engine-types.js';
import type { ContainerStartError } from '../../../src/runtimes/types.js';
import { startTeiki } from '../../../src/teiki.js';
import { collector, launch } from '../process/fixtures.js';
import {
  dockerVersion,
  podmanVersion,
  startFakeEngine,
  type FakeAnswer,
  type FakeEngine,
  type FakeRequest,
} from './fake-engine.js';
import { recordingLogger } from './engine-fixtures.js';

let fake: FakeEngine | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const unix = (socketPath: string) => ({
  kind: 'unix' as const,
  socketPath,
  display: `unix://${socketPath}`,
});

describe('API version negotiation', () => {
  it.each([
    ['current Docker', dockerVersion('1.52', '1.44'), '1.44', 'Docker Engine 27.1.1', true],
    ['older Docker', dockerVersion('1.43'), '1.43', 'Docker Engine 27.1.1', true],
    ['Podman 4', podmanVersion('4.3.1'), '1.41', 'Podman Engine 4.3.1', false],
    ['Podman 5', podmanVersion('5.2.0'), '1.41', 'Podman Engine 5.2.0', true],
  ])('%s', async (_name, version, apiVersion, product, reportsOomKills) => {
    fake = await startFakeEngine((r) =>
      r.path === '/version' ? { status: 200, json: version } : { status: 200, json: [] },
    );
    const engine = new DockerEngine(unix(fake.socketPath));
    expect(await engine.info()).toEqual({ apiVersion, product, reportsOomKills });
    await engine.list('teiki.owner');
    engine.close();
    expect(fake.requests.map((r) => [r.version, r.path])).toEqual([
      [undefined, '/version'],
      [apiVersion, '/containers/json'],
    ]);
    expect(JSON.parse(fake.requests[1]?.query.get('filters') ?? '')).toEqual({
      label: ['teiki.owner'],
    });
  });

  it.each([
    [dockerVersion('1.40'), 'speaks API 1.40; teiki needs 1.41 or later'],
    [dockerVersion('1.52', '1.45'), 'accepts API 1.45 or later; teiki speaks up to 1.44'],
  ])('refuses an engine it cannot talk to: %j', async (version, message) => {
    fake = await startFakeEngine(() => ({ status: 200, json: version }));
    const engine = new DockerEngine(unix(fake.socketPath));
    await expect(engine.info()).rejects.toThrow(message);
    engine.close();
  });
});

describe('engine errors', () => {
  const withVersion =
    (route: (r: FakeRequest) => FakeAnswer) =>
    (r: FakeRequest): FakeAnswer =>
      r.path === '/version' ? { status: 200, json: dockerVersion('1.44') } : route(r);

  it('finds a pull failure inside a 200 progress stream', async () => {
    fake = await startFakeEngine(
      withVersion(() => ({
        status: 200,
        text:
          '{"status":"Pulling from library/app","id":"v1"}\n' +
          '{"errorDetail":{"message":"manifest for app:v1 not found"},"error":"manifest for app:v1 not found"}\n',
      })),
    );
    const engine = new DockerEngine(unix(fake.socketPath));
    await expect(engine.pullImage('app:v1')).rejects.toEqual(
      new EngineError(200, 'manifest for app:v1 not found'),
    );
    expect(fake.requests[1]?.query.toString()).toBe('fromImage=app&tag=v1');
    engine.close();
  });

  it.each([
    ['registry.example:5000/team/app:v1', 'registry.example:5000'],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1',
      '123456789012.dkr.ecr.us-east-1.amazonaws.com',
    ],
    ['team/app:v1', 'https://index.docker.io/v1/'],
  ])('pulls %s with its registry credentials in X-Registry-Auth', async (ref, server) => {
    fake = await startFakeEngine(withVersion(() => ({ status: 200, text: '{"status":"done"}\n' })));
    const engine = new DockerEngine(unix(fake.socketPath));
    await engine.pullImage(ref, { username: 'puller', password: 'pa55' });
    const header = String(fake.requests[1]?.headers['x-registry-auth']);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual({
      username: 'puller',
      password: 'pa55',
      serveraddress: server,
    });
    await engine.pullImage('app:v2');
    expect(fake.requests[2]?.headers['x-registry-auth']).toBeUndefined();
    engine.close();
  });

  it('reads a refused pull from its status and message', async () => {
    fake = await startFakeEngine(
      withVersion((r) =>
        r.path === '/images/create'
          ? {
              status: 404,
              json: { message: 'pull access denied for app, repository does not exist' },
            }
          : { status: 404, json: { message: 'No such image: app:v1' } },
      ),
    );
    const runtime = createDockerRuntime({
      imageMap: [],
      network: 'none',
      env: { DOCKER_HOST: `unix://${fake.socketPath}` },
    });
    const error = await runtime.prepareImage(launch({ image: 'app:v1' })).catch((e: unknown) => e);
    expect((error as ContainerStartError).reason).toBe(
      'CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to ' +
        'resolve ref app:v1: pull access denied for app, repository does not exist',
    );
    await runtime.close();
  });

  it('takes a plain text error body as the message', async () => {
    fake = await startFakeEngine(withVersion(() => ({ status: 500, text: 'boom\n' })));
    const engine = new DockerEngine(unix(fake.socketPath));
    await expect(engine.start('abc')).rejects.toEqual(new EngineError(500, 'boom'));
    engine.close();
  });

  it.each([
    ['Docker', 404, 'No such container: abc'],
    ['Podman, removed during the lookup', 500, 'abc does not exist in database: no such container'],
  ])(
    'an inspect of a container that is gone answers undefined (%s)',
    async (_n, status, message) => {
      fake = await startFakeEngine(withVersion(() => ({ status, json: { message } })));
      const engine = new DockerEngine(unix(fake.socketPath));
      expect(await engine.inspectContainer('abc')).toBeUndefined();
      engine.close();
    },
  );

  it('an inspect that fails for another reason still throws', async () => {
    fake = await startFakeEngine(withVersion(() => ({ status: 500, json: { message: 'boom' } })));
    const engine = new DockerEngine(unix(fake.socketPath));
    await expect(engine.inspectContainer('abc')).rejects.toEqual(new EngineError(500, 'boom'));
    engine.close();
  });
});

/** A Docker engine that runs one container whose wait and inspect the test scripts. */
function scriptedDocker(script: {
  exitCode: number;
  oomKilled: boolean;
  startErrors?: string[];
  output?: [number, string][];
  /** What an inspect shows (default: no Status, so the wait decides, as on Docker). */
  state?: { Status: string; ExitCode: number };
  /** The wait never answers (an engine that learns of exits late). */
  waitHangs?: boolean;
}) {
  const creates: ContainerCreateBody[] = [];
  const startErrors = [...(script.startErrors ?? [])];
  const route = (r: FakeRequest): FakeAnswer | Promise<FakeAnswer> => {
    if (r.path === '/version') return { status: 200, json: dockerVersion('1.47') };
    if (r.path.startsWith('/images/'))
      return { status: 200, json: { Id: 'sha256:' + 'a'.repeat(64) } };
    if (r.path === '/containers/create') {
      creates.push(r.body as ContainerCreateBody);
      return { status: 201, json: { Id: `c${creates.length}`, Warnings: [] } };
    }
    if (r.path.endsWith('/attach')) return { hijack: script.output ?? [] };
    if (r.path.endsWith('/start')) {
      const message = startErrors.shift();
      return message ? { status: 500, json: { message } } : { status: 204 };
    }
    if (r.path.endsWith('/wait'))
      return script.waitHangs
        ? new Promise<FakeAnswer>(() => undefined)
        : { status: 200, json: { StatusCode: script.exitCode } };
    if (r.path.endsWith('/json'))
      return {
        status: 200,
        json: {
          Id: 'c1',
          State: {
            Running: false,
            OOMKilled: script.oomKilled,
            ExitCode: script.exitCode,
            ...script.state,
          },
        },
      };
    if (r.path.endsWith('/kill')) return { status: 409, json: { message: 'not running' } };
    return { status: 204 };
  };
  return { route, creates };
}

describe('the runtime on a scripted Docker engine', () => {
  const runOn = async (script: Parameters<typeof scriptedDocker>[0], memory?: number) => {
    const docker = scriptedDocker(script);
    fake = await startFakeEngine(docker.route);
    const logger = recordingLogger();
    const runtime = createDockerRuntime({
      imageMap: [],
      network: 'bridge',
      logger,
      env: { DOCKER_HOST: `unix://${fake.socketPath}` },
    });
    const out = collector();
    try {
      const container = await runtime.start(
        launch({ image: 'app:v1', command: ['run'], ...(memory ? { memory } : {}) }),
        out,
      );
      return { exit: await container.exited, out, docker, logger, requests: fake.requests };
    } finally {
      await runtime.close();
    }
  };

  it("reports OOM from Docker's OOMKilled", async () => {
    const { exit } = await runOn({ exitCode: 137, oomKilled: true }, 64);
    expect(exit).toEqual({
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage',
    });
  });

  it('trusts Docker when it says a SIGKILL was not for memory', async () => {
    const { exit } = await runOn({ exitCode: 137, oomKilled: false }, 64);
    expect(exit).toEqual({ exitCode: 137 });
  });

  it('delivers attached output, creates, attaches before starting, then removes', async () => {
    const { out, requests, docker } = await runOn({
      exitCode: 0,
      oomKilled: false,
      output: [
        [1, 'hel'],
        [1, 'lo\npartial'],
        [2, 'warn\n'],
      ],
    });
    expect(out.stdout()).toEqual(['hello', 'partial']);
    expect(out.stderr()).toEqual(['warn']);
    const calls = requests.map((r) => `${r.method} ${r.path}`);
    expect(calls.indexOf('POST /containers/c1/attach')).toBeLessThan(
      calls.indexOf('POST /containers/c1/start'),
    );
    expect(calls).toContain('DELETE /containers/c1');
    expect(docker.creates[0]?.HostConfig.NetworkMode).toBe('bridge');
    expect(requests.find((r) => r.path === '/containers/create')?.query.get('name')).toMatch(
      /^teiki-[0-9a-f]{32}-app$/,
    );
  });

  it('takes the exit from an inspect once the output has ended, before the wait answers', async () => {
    const { exit } = await runOn({
      exitCode: 3,
      oomKilled: false,
      waitHangs: true,
      state: { Status: 'stopped', ExitCode: 3 },
    });
    expect(exit).toEqual({ exitCode: 3 });
  });

  it('leaves the exit to the wait while the engine is still stopping the container', async () => {
    const { exit } = await runOn({
      exitCode: 137,
      oomKilled: false,
      state: { Status: 'stopping', ExitCode: 0 },
    });
    expect(exit).toEqual({ exitCode: 137 });
  });

  it("drops Fargate's nofile once when the engine cannot grant it, and says so", async () => {
    const refused =
      'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error setting rlimits for ready process: error setting rlimit type 7: operation not permitted: unknown';
    const { exit, docker, logger, requests } = await runOn({
      exitCode: 0,
      oomKilled: false,
      startErrors: [refused],
    });
    expect(exit).toEqual({ exitCode: 0 });
    expect(docker.creates.map((c) => c.HostConfig.Ulimits)).toEqual([
      [{ Name: 'nofile', Soft: 65535, Hard: 65535 }],
      [],
    ]);
    expect(logger.warnings).toEqual([
      "the engine cannot grant Fargate's nofile limit of 65535 on this host; containers get the engine's default instead (set nofile in the task definition to choose)",
    ]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toContain('DELETE /containers/c1');
  });

  it("fails a start the engine refuses, with runc's words", async () => {
    const docker = scriptedDocker({
      exitCode: 0,
      oomKilled: false,
      startErrors: [
        'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: chdir to cwd ("/nope") set in config.json failed: not a directory: unknown',
      ],
    });
    fake = await startFakeEngine(docker.route);
    const runtime = createDockerRuntime({
      imageMap: [],
      network: 'none',
      env: { DOCKER_HOST: `unix://${fake.socketPath}` },
    });
    const error = await runtime
      .start(launch({ image: 'app:v1' }), collector())
      .catch((e: unknown) => e);
    expect((error as ContainerStartError).reason).toBe(
      'CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: chdir to cwd ("/nope") set in config.json failed: not a directory: unknown',
    );
    await runtime.close();
  });

  it('words a refused create as the ECS agent does', async () => {
    fake = await startFakeEngine((r) =>
      r.path === '/version'
        ? { status: 200, json: dockerVersion('1.44') }
        : { status: 400, json: { message: 'No command specified' } },
    );
    const runtime = createDockerRuntime({
      imageMap: [],
      network: 'none',
      env: { DOCKER_HOST: `unix://${fake.socketPath}` },
    });
    const error = await runtime
      .start(launch({ image: 'app:v1' }), collector())
      .catch((e: unknown) => e);
    expect((error as ContainerStartError).reason).toBe(
      'CannotCreateContainerError: Error response from daemon: No command specified',
    );
    await runtime.close();
  });
});

describe('health probes on a scripted engine', () => {
  it('runs the probe as an exec and reads its exit code once its stream ends', async () => {
    const execs: FakeRequest[] = [];
    fake = await startFakeEngine((r) => {
      if (r.path === '/version') return { status: 200, json: dockerVersion('1.44') };
      if (r.path === '/containers/c1/exec') {
        execs.push(r);
        return { status: 201, json: { Id: 'e1' } };
      }
      // A probe that printed nothing: the upgrade, then EOF at once.
      if (r.path === '/exec/e1/start') return { hijack: [] };
      if (r.path === '/exec/e1/json') return { status: 200, json: { Running: false, ExitCode: 0 } };
      return { status: 404, json: { message: 'unexpected' } };
    });
    const engine = new DockerEngine(unix(fake.socketPath));
    const probe = execProbe(engine, 'c1')(['/bin/sh', '-c', 'true'], 5000);
    expect(await probe.done).toBe(true);
    expect(execs[0]?.body).toEqual({
      Cmd: ['/bin/sh', '-c', 'true'],
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
    });
    engine.close();
  });

  it('fails a probe the engine refuses or that exits non-zero', async () => {
    let refuse = true;
    fake = await startFakeEngine((r) => {
      if (r.path === '/version') return { status: 200, json: dockerVersion('1.44') };
      if (r.path === '/containers/c1/exec')
        return refuse
          ? { status: 409, json: { message: 'container c1 is not running' } }
          : { status: 201, json: { Id: 'e2' } };
      if (r.path === '/exec/e2/start') return { hijack: [[2, 'nope\n']] };
      return { status: 200, json: { Running: false, ExitCode: 1 } };
    });
    const engine = new DockerEngine(unix(fake.socketPath));
    expect(await execProbe(engine, 'c1')(['false'], 5000).done).toBe(false);
    refuse = false;
    expect(await execProbe(engine, 'c1')(['false'], 5000).done).toBe(false);
    engine.close();
  });
});

describe('no engine', () => {
  const missing = '/nonexistent/teiki/docker.sock';

  it('fails the runtime with a message that says what to do', async () => {
    const runtime = createDockerRuntime({
      imageMap: [],
      network: 'none',
      env: { DOCKER_HOST: `unix://${missing}` },
    });
    const error = await runtime.cleanupOrphans().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerUnavailableError);
    expect((error as Error).message).toBe(
      `--runtime docker: no Docker engine answers at unix://${missing} (ENOENT). Start Docker, ` +
        "or Podman's API service (podman system service --time=0 unix:///run/podman/podman.sock), " +
        'and point DOCKER_HOST at its socket (unix:///path or tcp://host:port); or use --runtime process.',
    );
    await runtime.close();
  });

  it('stops teiki from starting with --runtime docker', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${missing}`;
    try {
      const options = compileOptions(
        ['--port', '0', '--in-memory', '--runtime', 'docker'],
        {},
        '/',
      );
      await expect(startTeiki(options)).rejects.toThrow(
        `--runtime docker: no Docker engine answers at unix://${missing} (ENOENT).`,
      );
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it('names a bad DOCKER_HOST', async () => {
    const runtime = createDockerRuntime({
      imageMap: [],
      network: 'none',
      env: { DOCKER_HOST: 'ssh://me@host' },
    });
    await expect(runtime.cleanupOrphans()).rejects.toThrow(
      'DOCKER_HOST ssh://me@host: teiki supports unix:// and tcp:// engines, not ssh://.',
    );
    await runtime.close();
  });
});
