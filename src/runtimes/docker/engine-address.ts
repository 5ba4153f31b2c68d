/**
 * Where the Docker Engine API listens, read from `DOCKER_HOST` as the docker CLI reads it:
 * `unix:///path/to.sock` or `tcp://host:port`, and `/var/run/docker.sock` when unset.
 * Podman's service (`podman system service unix:///…`) speaks the same API, so pointing
 * DOCKER_HOST at its socket is all a Podman user does.
 *
 * TLS (`DOCKER_TLS_VERIFY`), `ssh://` and Windows named pipes are refused with a message
 * rather than half supported: teiki drives a local engine.
 */

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export type EngineAddress =
  | { kind: 'unix'; socketPath: string; display: string }
  | { kind: 'tcp'; host: string; port: number; display: string };

export class EngineAddressError extends Error {
  override readonly name = 'EngineAddressError';
}

export function engineAddress(env: NodeJS.ProcessEnv): EngineAddress {
  const value = env.DOCKER_HOST?.trim() ?? '';
  if (value === '') return unix(DEFAULT_SOCKET);
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    if (socketPath === '') throw new EngineAddressError(`DOCKER_HOST ${value} names no socket.`);
    return unix(socketPath);
  }
  if (value.startsWith('tcp://')) {
    if (env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '') {
      throw new EngineAddressError(
        'DOCKER_TLS_VERIFY is set: teiki talks to the engine over plain HTTP only; unset it ' +
          'or point DOCKER_HOST at a local socket.',
      );
    }
    let url: URL;
    try {
      url = new URL(`http://${value.slice('tcp://'.length)}`);
    } catch {
      throw new EngineAddressError(`DOCKER_HOST ${value} is not a tcp://HOST:PORT address.`);
    }
    // The docker CLI's default ports: 2375 plain, 2376 TLS.
    const port = url.port === '' ? 2375 : Number(url.port);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return { kind: 'tcp', host, port, display: `tcp://${url.host}` };
  }
  if (value.startsWith('/')) return unix(value);
  const scheme = /^([a-z]+):\/\//.exec(value)?.[1];
  throw new EngineAddressError(
    scheme
      ? `DOCKER_HOST ${value}: teiki supports unix:// and tcp:// engines, not ${scheme}://.`
      : `DOCKER_HOST ${value} is not a unix:///path or tcp://host:port address.`,
  );
}

function unix(socketPath: string): EngineAddress {
  return { kind: 'unix', socketPath, display: `unix://${socketPath}` };
}
