/** The docker runtime's pure parts: DOCKER_HOST, stream frames, create bodies, reasons. */
import { describe, expect, it } from 'vitest';
import { containerName, createBody } from '../../../src/runtimes/docker/create-spec.js';
import { engineAddress } from '../../../src/runtimes/docker/engine-address.js';
import { compareVersions, pullQuery } from '../../../src/runtimes/docker/engine.js';
import { createDemultiplexer } from '../../../src/runtimes/docker/multiplex.js';
import {
  isRlimitRefused,
  pullFailed,
  runcDetail,
  startFailed,
} from '../../../src/runtimes/docker/reasons.js';
import type { OutputStream } from '../../../src/runtimes/types.js';
import { launch } from '../process/fixtures.js';

describe('engineAddress', () => {
  it.each([
    [
      {},
      { kind: 'unix', socketPath: '/var/run/docker.sock', display: 'unix:///var/run/docker.sock' },
    ],
    [{ DOCKER_HOST: '' }, { kind: 'unix', socketPath: '/var/run/docker.sock' }],
    [
      { DOCKER_HOST: 'unix:///run/podman/podman.sock' },
      { kind: 'unix', socketPath: '/run/podman/podman.sock' },
    ],
    [{ DOCKER_HOST: '/tmp/d.sock' }, { kind: 'unix', socketPath: '/tmp/d.sock' }],
    [
      { DOCKER_HOST: 'tcp://127.0.0.1:2375' },
      { kind: 'tcp', host: '127.0.0.1', port: 2375, display: 'tcp://127.0.0.1:2375' },
    ],
    [{ DOCKER_HOST: 'tcp://engine.local' }, { kind: 'tcp', host: 'engine.local', port: 2375 }],
    [{ DOCKER_HOST: 'tcp://[::1]:2380' }, { kind: 'tcp', host: '::1', port: 2380 }],
  ])('reads %j', (env, expected) => {
    expect(engineAddress(env)).toMatchObject(expected);
  });

  it.each([
    [
      { DOCKER_HOST: 'ssh://me@host' },
      'DOCKER_HOST ssh://me@host: teiki supports unix:// and tcp:// engines, not ssh://.',
    ],
    [
      { DOCKER_HOST: 'npipe:////./pipe/docker_engine' },
      'teiki supports unix:// and tcp:// engines, not npipe://.',
    ],
    [{ DOCKER_HOST: 'unix://' }, 'DOCKER_HOST unix:// names no socket.'],
    [
      { DOCKER_HOST: 'localhost:2375' },
      'DOCKER_HOST localhost:2375 is not a unix:///path or tcp://host:port address.',
    ],
    [{ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }, 'DOCKER_TLS_VERIFY is set'],
  ])('refuses %j', (env, message) => {
    expect(() => engineAddress(env)).toThrow(message);
  });
});

describe('createDemultiplexer', () => {
  const frame = (type: number, text: string) => {
    const payload = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = type;
    header.writeUInt32BE(payload.length, 4);
    return Buffer.concat([header, payload]);
  };

  it('splits frames however the chunks fall', () => {
    const bytes = Buffer.concat([
      frame(1, 'out\n'),
      frame(2, 'err\n'),
      frame(1, ''),
      frame(1, 'é\n'),
    ]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const got: [OutputStream, string][] = [];
      const demux = createDemultiplexer((stream, payload) =>
        got.push([stream, payload.toString()]),
      );
      demux.push(bytes.subarray(0, cut));
      demux.push(bytes.subarray(cut));
      expect(got.map(([s, t]) => s + ':' + t).join('')).toBe('stdout:out\nstderr:err\nstdout:é\n');
    }
  });

  it('takes many frames from one chunk and waits for a partial header', () => {
    const got: string[] = [];
    const demux = createDemultiplexer((stream, payload) =>
      got.push(`${stream}=${payload.toString()}`),
    );
    const bytes = Buffer.concat([frame(1, 'a'), frame(2, 'b'), frame(1, 'c')]);
    demux.push(bytes.subarray(0, 21));
    expect(got).toEqual(['stdout=a', 'stderr=b']);
    demux.push(bytes.subarray(21));
    expect(got).toEqual(['stdout=a', 'stderr=b', 'stdout=c']);
  });
});

describe('createBody', () => {
  const settings = {
    image: 'local/app:1',
    network: 'none' as const,
    labels: { 'teiki.owner': 'me' },
    fargateNofile: true,
  };

  it('maps a full container definition', () => {
    const l = launch({
      taskId: 'abc',
      containerName: 'web',
      entryPoint: ['sh', '-c'],
      command: ['echo hi'],
      environment: { A: '1', B: 'x=y' },
      workingDirectory: '/srv',
      user: '1000:1000',
      cpu: 256,
      memory: 300,
      memoryReservation: 128,
      taskCpu: 1024,
      taskMemory: 2048,
      ulimits: [{ name: 'nproc', softLimit: 10, hardLimit: -1 }],
      stopTimeoutSeconds: 12,
      labels: { 'com.amazonaws.ecs.task-arn': 'arn' },
    });
    expect(createBody(l, settings)).toEqual({
      Image: 'local/app:1',
      Entrypoint: ['sh', '-c'],
      Cmd: ['echo hi'],
      Env: ['A=1', 'B=x=y'],
      WorkingDir: '/srv',
      User: '1000:1000',
      Labels: { 'com.amazonaws.ecs.task-arn': 'arn', 'teiki.owner': 'me' },
      StopTimeout: 12,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: false,
      Tty: false,
      HostConfig: {
        NetworkMode: 'none',
        CpuShares: 256,
        CpuPeriod: 100000,
        CpuQuota: 100000,
        Memory: 300 * 1048576,
        MemorySwap: 300 * 1048576,
        MemoryReservation: 128 * 1048576,
        Ulimits: [
          { Name: 'nproc', Soft: 10, Hard: -1 },
          { Name: 'nofile', Soft: 65535, Hard: 65535 },
        ],
      },
    });
    expect(containerName(l)).toBe('teiki-abc-web');
  });

  it.each([
    ['no cpu: the engine default shares', {}, {}],
    ['cpu under the floor: 2 shares', { cpu: 1 }, { CpuShares: 2 }],
    ['task cpu 256: a quarter CPU', { taskCpu: 256 }, { CpuPeriod: 100000, CpuQuota: 25000 }],
    ['task cpu 4096: four CPUs', { taskCpu: 4096 }, { CpuPeriod: 100000, CpuQuota: 400000 }],
    ['task memory only', { taskMemory: 512 }, { Memory: 512 * 1048576, MemorySwap: 512 * 1048576 }],
    [
      'container memory wins',
      { memory: 64, taskMemory: 512 },
      { Memory: 64 * 1048576, MemorySwap: 64 * 1048576 },
    ],
  ])('%s', (_name, overrides, hostConfig) => {
    const body = createBody(launch(overrides), settings);
    const { NetworkMode, Ulimits, ...rest } = body.HostConfig;
    void NetworkMode;
    void Ulimits;
    expect(rest).toEqual(hostConfig);
  });

  it('leaves out what the definition leaves out, so the image decides', () => {
    const body = createBody(launch(), { ...settings, fargateNofile: false });
    expect(body).not.toHaveProperty('Entrypoint');
    expect(body).not.toHaveProperty('Cmd');
    expect(body).not.toHaveProperty('WorkingDir');
    expect(body).not.toHaveProperty('User');
    expect(body.HostConfig.Ulimits).toEqual([]);
  });

  it("keeps the task's own nofile instead of Fargate's", () => {
    const body = createBody(
      launch({ ulimits: [{ name: 'nofile', softLimit: 10, hardLimit: 20 }] }),
      settings,
    );
    expect(body.HostConfig.Ulimits).toEqual([{ Name: 'nofile', Soft: 10, Hard: 20 }]);
  });
});

describe('reasons', () => {
  const RUNC =
    'CannotStartContainerError: ResourceInitializationError: failed to create new container ' +
    'runtime task: failed to create shim task: OCI runtime create failed: runc create failed: ';

  it.each([
    [
      'Docker',
      'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown',
    ],
    [
      'Podman',
      'runc: runc create failed: unable to start container process: exec: "nope": executable file not found in $PATH: OCI runtime attempted to invoke a command that was not found',
    ],
  ])("keeps runc's words from %s in Fargate's wording", (_engine, message) => {
    expect(startFailed(message).reason).toBe(
      `${RUNC}unable to start container process: exec: "nope": executable file not found in $PATH: unknown`,
    );
  });

  it("uses the agent's wording for other engine errors", () => {
    expect(startFailed('crun: executable file `nope` not found').reason).toBe(
      'CannotStartContainerError: Error response from daemon: crun: executable file `nope` not found',
    );
    expect(runcDetail('no runc here')).toBeUndefined();
  });

  it.each([
    ['error setting rlimit type 7: operation not permitted: OCI permission denied', 'nofile', true],
    ['error setting rlimit type 6: operation not permitted: unknown', 'nproc', true],
    ['error setting rlimit type 6: operation not permitted', 'nofile', false],
    ['setrlimit `RLIMIT_NOFILE`: Operation not permitted', 'nofile', true],
    ['error setting rlimit type 7: invalid argument', 'nofile', false],
  ])('isRlimitRefused(%j, %s) is %s', (message, name, refused) => {
    expect(isRlimitRefused(message, name)).toBe(refused);
  });

  it('words a failed pull as Fargate does', () => {
    expect(pullFailed('app:v1', 'no such host').reason).toBe(
      'CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref app:v1: no such host',
    );
  });
});

describe('engine helpers', () => {
  it.each([
    ['busybox', { fromImage: 'busybox', tag: 'latest' }],
    ['busybox:1.36', { fromImage: 'busybox', tag: '1.36' }],
    ['localhost:5000/team/app', { fromImage: 'localhost:5000/team/app', tag: 'latest' }],
    ['localhost:5000/team/app:v2', { fromImage: 'localhost:5000/team/app', tag: 'v2' }],
    ['app@sha256:abc', { fromImage: 'app@sha256:abc' }],
  ])('pulls %s as %j', (ref, query) => {
    expect(pullQuery(ref)).toEqual(query);
  });

  it.each([
    ['1.41', '1.44', -1],
    ['1.44', '1.44', 0],
    ['1.52', '1.44', 1],
    ['1.9', '1.10', -1],
  ])('compares %s with %s', (a, b, sign) => {
    expect(compareVersions(a, b)).toBe(sign);
  });
});
