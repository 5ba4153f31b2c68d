/**
 * A small typed client for the Docker Engine API: only the calls a task's containers need.
 *
 * Why not a library: dockerode, the maintained Node client, brings docker-modem, ssh2
 * (with an optional native module), gRPC and more for ssh, TLS, BuildKit and Swarm, none
 * of which teiki uses, and types its answers loosely. The API teiki needs is about fifteen
 * plain HTTP calls plus two hijacked streams; over node:http that is a few hundred
 * lines with no dependency and types that say exactly what is read.
 *
 * The API version is negotiated as the docker CLI does: the engine's own version when it
 * is older than the newest teiki was written against, so Podman (1.41) and current Docker
 * (whose oldest accepted version keeps rising) both answer.
 */
import type { Duplex, Readable } from 'node:stream';
import type { EngineAddress } from './engine-address.js';
import type {
  ContainerCreateBody,
  ContainerInspectBody,
  ContainerSummaryBody,
  ContainerWaitBody,
  EngineVersionBody,
  ExecInspectBody,
  ImageInspectBody,
} from './engine-types.js';
import type { ContainerStats } from '../types.js';
import { EngineError, EngineHttp } from './http.js';

/** The newest API version this client was written against. */
export const CLIENT_API_VERSION = '1.44';
/** The oldest API version that has every call and field used here. */
const OLDEST_API_VERSION = '1.41';

export interface EngineInfo {
  apiVersion: string;
  /** `Docker Engine 27.1.1`, `Podman Engine 4.3.1`, … */
  product: string;
  /**
   * Whether State.OOMKilled can be trusted. Podman before 5.0 never sets it: conmon writes
   * its "oom" file where Podman does not look (containers/podman#13102, fixed in 5.0).
   */
  reportsOomKills: boolean;
}

export class DockerEngine {
  readonly #http: EngineHttp;
  #info: Promise<EngineInfo> | undefined;

  constructor(readonly address: EngineAddress) {
    this.#http = new EngineHttp(address);
  }

  /** Asks the engine for its version once; rejects with EngineUnreachableError. */
  info(): Promise<EngineInfo> {
    if (!this.#info) {
      const attempt = this.#negotiate();
      // A failed attempt is not remembered: the engine may have been started since.
      attempt.catch(() => {
        if (this.#info === attempt) this.#info = undefined;
      });
      this.#info = attempt;
    }
    return this.#info;
  }

  async inspectImage(ref: string): Promise<ImageInspectBody | undefined> {
    return this.#getOrUndefined<ImageInspectBody>(`/images/${encodeURI(ref)}/json`);
  }

  /**
   * Pulls `ref`, with the registry's credentials when given (the API's X-Registry-Auth:
   * base64url JSON naming the registry); the engine reports failures inside a 200 stream
   * as well as by status.
   */
  async pullImage(ref: string, auth?: RegistryAuth): Promise<void> {
    const progress = await this.#http.stream('POST', await this.#path('/images/create'), {
      query: pullQuery(ref),
      ...(auth ? { headers: { 'X-Registry-Auth': registryAuthHeader(ref, auth) } } : {}),
    });
    let pending = '';
    let failure: string | undefined;
    const take = (line: string) => {
      if (line.trim() === '') return;
      try {
        const message = JSON.parse(line) as {
          error?: unknown;
          errorDetail?: { message?: unknown };
        };
        const text = message.errorDetail?.message ?? message.error;
        if (typeof text === 'string' && failure === undefined) failure = text;
      } catch {
        // A progress line cut oddly is not an error report.
      }
    };
    for await (const chunk of progress) {
      pending += (chunk as Buffer).toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(take);
    }
    take(pending);
    if (failure !== undefined) throw new EngineError(200, failure);
  }

  async createContainer(name: string, body: ContainerCreateBody): Promise<string> {
    const created = await this.#http.json<{ Id: string }>(
      'POST',
      await this.#path('/containers/create'),
      { query: { name }, body },
    );
    if (!created.body?.Id) throw new EngineError(created.status, 'the engine returned no id');
    return created.body.Id;
  }

  /** The container's output, multiplexed (no TTY); attach before start to miss nothing. */
  async attach(id: string): Promise<Duplex | Readable> {
    return this.#http.hijack('POST', await this.#path(`/containers/${id}/attach`), {
      query: { stream: 1, stdout: 1, stderr: 1 },
    });
  }

  async start(id: string): Promise<void> {
    await this.#http.json('POST', await this.#path(`/containers/${id}/start`));
  }

  /** Resolves with the exit code once the container is not running. */
  async wait(id: string): Promise<ContainerWaitBody> {
    const answer = await this.#http.json<ContainerWaitBody>(
      'POST',
      await this.#path(`/containers/${id}/wait`),
    );
    if (!answer.body) throw new EngineError(answer.status, 'the engine returned no exit status');
    return answer.body;
  }

  async inspectContainer(id: string): Promise<ContainerInspectBody | undefined> {
    return this.#getOrUndefined<ContainerInspectBody>(`/containers/${id}/json`);
  }

  /** One stats sample of a running container (`stream=false`); undefined when it is gone. */
  async stats(id: string): Promise<ContainerStats | undefined> {
    try {
      return (
        await this.#http.json<ContainerStats>('GET', await this.#path(`/containers/${id}/stats`), {
          query: { stream: 'false' },
        })
      ).body;
    } catch (error) {
      if (error instanceof EngineError && (error.status === 404 || error.status === 409))
        return undefined;
      throw error;
    }
  }

  /** A network's IPv4 gateway (the host's address on it); undefined when there is none. */
  async networkGateway(name: string): Promise<string | undefined> {
    const network = await this.#getOrUndefined<{
      IPAM?: { Config?: Array<{ Gateway?: string; Subnet?: string }> };
    }>(`/networks/${encodeURIComponent(name)}`);
    return network?.IPAM?.Config?.find((c) => c.Gateway && !c.Gateway.includes(':'))?.Gateway;
  }

  /** The engine's stop: its stop signal (SIGTERM), SIGKILL after `timeoutSeconds`. */
  async stop(id: string, timeoutSeconds: number): Promise<void> {
    await this.#http.json('POST', await this.#path(`/containers/${id}/stop`), {
      query: { t: Math.max(0, Math.ceil(timeoutSeconds)) },
    });
  }

  /**
   * Removes the container and its anonymous volumes, killing it first unless it is known
   * to have exited: Podman's forced removal would give it its stop timeout, Docker's kills.
   */
  async remove(id: string, options: { running?: boolean } = {}): Promise<void> {
    if (options.running !== false) {
      try {
        await this.#http.json('POST', await this.#path(`/containers/${id}/kill`), {
          query: { signal: 'KILL' },
        });
      } catch (error) {
        // 404: gone already; 409: not running. Either way there is nothing to kill.
        if (!(error instanceof EngineError)) throw error;
      }
    }
    try {
      await this.#http.json('DELETE', await this.#path(`/containers/${id}`), {
        query: { force: 1, v: 1 },
      });
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) return;
      throw error;
    }
  }

  /** Every container, running or not, that carries `label`. */
  async list(label: string): Promise<ContainerSummaryBody[]> {
    const answer = await this.#http.json<ContainerSummaryBody[]>(
      'GET',
      await this.#path('/containers/json'),
      { query: { all: 1, filters: JSON.stringify({ label: [label] }) } },
    );
    return answer.body ?? [];
  }

  async createExec(id: string, cmd: string[]): Promise<string> {
    const created = await this.#http.json<{ Id: string }>(
      'POST',
      await this.#path(`/containers/${id}/exec`),
      { body: { Cmd: cmd, AttachStdin: false, AttachStdout: true, AttachStderr: true } },
    );
    if (!created.body?.Id) throw new EngineError(created.status, 'the engine returned no id');
    return created.body.Id;
  }

  /** Runs the exec; the stream ends when its process does. */
  async startExec(execId: string, signal?: AbortSignal): Promise<Duplex | Readable> {
    return this.#http.hijack('POST', await this.#path(`/exec/${execId}/start`), {
      body: { Detach: false, Tty: false },
      ...(signal ? { signal } : {}),
    });
  }

  async inspectExec(execId: string): Promise<ExecInspectBody> {
    const answer = await this.#http.json<ExecInspectBody>(
      'GET',
      await this.#path(`/exec/${execId}/json`),
    );
    return answer.body ?? {};
  }

  close(): void {
    this.#http.close();
  }

  async #path(path: string): Promise<string> {
    const { apiVersion } = await this.info();
    return `/v${apiVersion}${path}`;
  }

  async #getOrUndefined<T>(path: string): Promise<T | undefined> {
    try {
      return (await this.#http.json<T>('GET', await this.#path(path))).body;
    } catch (error) {
      if (error instanceof EngineError && isGone(error)) return undefined;
      throw error;
    }
  }

  async #negotiate(): Promise<EngineInfo> {
    // Unversioned on purpose: every engine answers /version whatever its API version.
    const { body } = await this.#http.json<EngineVersionBody>('GET', '/version');
    const engineVersion = body?.ApiVersion ?? OLDEST_API_VERSION;
    const apiVersion =
      compareVersions(engineVersion, CLIENT_API_VERSION) < 0 ? engineVersion : CLIENT_API_VERSION;
    if (compareVersions(apiVersion, OLDEST_API_VERSION) < 0) {
      throw new EngineError(
        400,
        `the engine at ${this.address.display} speaks API ${engineVersion}; teiki needs ${OLDEST_API_VERSION} or later`,
      );
    }
    if (body?.MinAPIVersion && compareVersions(body.MinAPIVersion, apiVersion) > 0) {
      throw new EngineError(
        400,
        `the engine at ${this.address.display} accepts API ${body.MinAPIVersion} or later; teiki speaks up to ${CLIENT_API_VERSION}`,
      );
    }
    const podman = body?.Components?.find((c) => c.Name === 'Podman Engine');
    const product = podman
      ? `Podman Engine ${podman.Version ?? ''}`.trim()
      : `Docker Engine ${body?.Version ?? ''}`.trim();
    const podmanMajor = podman ? Number((podman.Version ?? '0').split('.')[0]) : undefined;
    return {
      apiVersion,
      product,
      reportsOomKills: podmanMajor === undefined || podmanMajor >= 5,
    };
  }
}

/**
 * Whether an engine error says the object is not there. Docker answers 404; Podman, when
 * the container is removed while it looks it up, answers an error that is not a 404 but
 * says "does not exist in database: no such container" (seen in the crash soak: listed,
 * then removed before the inspect).
 */
function isGone(error: EngineError): boolean {
  return error.status === 404 || /\bno such (container|image|network)\b/i.test(error.message);
}

/** `1.41` < `1.44`; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * `fromImage` and `tag` for a pull, as the docker CLI sends them: without a tag the engine
 * would pull every tag of the repository, so an untagged reference means `latest`.
 */
export function pullQuery(ref: string): { fromImage: string; tag?: string } {
  if (ref.includes('@')) return { fromImage: ref };
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  if (colon === -1) return { fromImage: ref, tag: 'latest' };
  return { fromImage: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

/** A private registry's user name and password (a task's `repositoryCredentials`). */
export interface RegistryAuth {
  username: string;
  password: string;
}

/** The API's X-Registry-Auth for `ref`: the registry is the name's first part when it is a host. */
export function registryAuthHeader(ref: string, auth: RegistryAuth): string {
  const first = ref.split('/')[0] ?? '';
  const isHost =
    ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const document = {
    username: auth.username,
    password: auth.password,
    serveraddress: isHost ? first : 'https://index.docker.io/v1/',
  };
  return Buffer.from(JSON.stringify(document), 'utf8').toString('base64url');
}
