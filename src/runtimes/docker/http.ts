/**
 * HTTP to the Docker Engine API over node:http, on a unix socket or tcp. Three shapes of
 * exchange cover the API teiki uses: a JSON request and answer, a streamed answer (image
 * pulls report progress and errors as a stream of JSON objects), and a hijacked
 * connection (attach and exec start turn the connection into the container's raw output).
 */
import http, { type IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import type { EngineAddress } from './engine-address.js';

/** The engine answered with an error status; `message` is the engine's own text. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** No engine answers at the address (no socket, connection refused, reset). */
export class EngineUnreachableError extends Error {
  override readonly name = 'EngineUnreachableError';
  constructor(
    readonly address: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(
      `no Docker engine answers at ${address}` +
        (code ? ` (${code})` : cause instanceof Error ? ` (${cause.message})` : ''),
      { cause },
    );
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Destroys the request when aborted (a health probe past its timeout). */
  signal?: AbortSignal;
  /** Extra request headers (a pull's X-Registry-Auth). */
  headers?: Record<string, string>;
}

export class EngineHttp {
  /** Short requests share connections; hijacked ones always get their own. */
  readonly #agent = new http.Agent({ keepAlive: true });

  constructor(readonly address: EngineAddress) {}

  /** A request whose answer is JSON (or empty); throws EngineError for a status ≥ 400. */
  async json<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<{ status: number; body: T | undefined }> {
    const response = await this.#send(method, path, options, this.#agent);
    const text = await readAll(response);
    const status = response.statusCode ?? 0;
    if (status >= 400) throw new EngineError(status, errorMessage(text, status));
    return { status, body: text.trim() === '' ? undefined : (JSON.parse(text) as T) };
  }

  /** A request whose answer is read as a stream; throws EngineError for a status ≥ 400. */
  async stream(method: string, path: string, options: RequestOptions = {}): Promise<Readable> {
    const response = await this.#send(method, path, options, this.#agent);
    const status = response.statusCode ?? 0;
    if (status >= 400) throw new EngineError(status, errorMessage(await readAll(response), status));
    return response;
  }

  /**
   * A request that takes over the connection (`Upgrade: tcp`): resolves with the raw
   * stream once the engine has accepted it, so output written after that is never missed.
   * An engine that answers 200 without upgrading streams the same bytes in the body.
   */
  hijack(method: string, path: string, options: RequestOptions = {}): Promise<Duplex | Readable> {
    return new Promise((resolve, reject) => {
      const request = this.#request(method, path, options, false, {
        Connection: 'Upgrade',
        Upgrade: 'tcp',
      });
      request.once('upgrade', (_response, socket, head) => {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      request.once('response', (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        if (status < 400) {
          resolve(response);
          return;
        }
        readAll(response).then(
          (text) => reject(new EngineError(status, errorMessage(text, status))),
          reject,
        );
      });
      request.once('error', (error) => reject(this.#connectionError(error)));
      writeBody(request, options.body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }

  #send(
    method: string,
    path: string,
    options: RequestOptions,
    agent: http.Agent,
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const request = this.#request(method, path, options, agent, options.headers);
      request.once('response', resolve);
      request.once('error', (error) => reject(this.#connectionError(error)));
      writeBody(request, options.body);
    });
  }

  #request(
    method: string,
    path: string,
    options: RequestOptions,
    agent: http.Agent | false,
    headers: Record<string, string> = {},
  ): http.ClientRequest {
    const target =
      this.address.kind === 'unix'
        ? { socketPath: this.address.socketPath }
        : { host: this.address.host, port: this.address.port };
    return http.request({
      ...target,
      agent,
      method,
      path: path + queryString(options.query),
      headers: {
        // The Host header is required by the API and meaningless on a socket.
        Host: this.address.kind === 'unix' ? 'docker' : `${this.address.host}:${this.address.port}`,
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** Errors before any answer: the engine is not there, unless the caller aborted. */
  #connectionError(error: Error): Error {
    if (error.name === 'AbortError') return error;
    return new EngineUnreachableError(this.address.display, error);
  }
}

function writeBody(request: http.ClientRequest, body: unknown): void {
  if (body !== undefined) request.write(JSON.stringify(body));
  request.end();
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The engine's `{"message": …}`, or the raw text when it is not JSON. */
function errorMessage(text: string, status: number): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: a proxy or an old engine; use the text as it is.
  }
  return text.trim() || `HTTP ${status}`;
}

/**
 * True when a hijacked stream has already ended: an engine that answers the upgrade and
 * closes at once (a finished exec) can be done before anyone listens, and a stream that
 * ended unobserved never emits 'end' again.
 */
export function endedAlready(stream: Duplex | Readable): boolean {
  return stream.readableEnded || (stream.destroyed && stream.readableLength === 0);
}
