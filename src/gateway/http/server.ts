/**
 * The Node binding of the gateway: one `node:http` listener. It turns Node's request into
 * a GatewayRequest, enforces the body limit, writes the response, and shuts down
 * gracefully (stop accepting, let in-flight requests finish, close idle sockets).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../engine/log.js';
import type { GatewayApp } from '../app.js';
import type { GatewayRequest } from '../pipeline.js';
import type { WireResponse } from '../protocols/types.js';
import { BodyTooLargeError, readBody } from './read-body.js';

/** Larger than any AWS request teiki serves (PutLogEvents tops out near 1 MiB of events). */
export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

export interface HttpServer {
  url: string;
  port: number;
  /**
   * Starts answering with the app. Until then every request gets a 503: the port is taken
   * first, so a second teiki on a busy port fails before it opens or recovers anything.
   */
  serve(app: GatewayApp): void;
  close(): Promise<void>;
}

/** The listen failed: the address is taken, not ours to take, or not on this host. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    readonly code: string,
    readonly address: string,
    options: { cause: unknown },
  ) {
    super(`cannot listen on ${address}: ${code}`, options);
  }
}

const STARTING = JSON.stringify({ status: 'starting', message: 'teiki is starting; try again.' });

export async function startHttpServer(options: {
  host: string;
  port: number;
  logger: Logger;
  bodyLimit?: number;
  /**
   * Connections whose local address (the address they were made to) fails this are
   * closed unanswered: a listener on every address that serves only one of them.
   */
  acceptLocalAddress?: (address: string) => boolean;
}): Promise<HttpServer> {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const inFlight = new Set<Promise<void>>();
  /** Aborted at close: a stream never ends by itself, so shutdown ends it. */
  const shutdown = new AbortController();
  let app: GatewayApp | undefined;

  const server = createServer((req, res) => {
    if (!app) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(STARTING);
      return;
    }
    const done = serveOne(app, req, res, limit, options.logger, shutdown.signal).finally(() =>
      inFlight.delete(done),
    );
    inFlight.add(done);
  });
  server.keepAliveTimeout = 65_000;
  const accept = options.acceptLocalAddress;
  if (accept) {
    server.on('connection', (socket) => {
      const local = (socket.localAddress ?? '').replace(/^::ffff:/, '');
      if (!accept(local)) socket.destroy();
    });
  }
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolveListen, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      reject(new ListenError(error.code ?? 'unknown', `${host}:${options.port}`, { cause: error }));
    };
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    serve(served) {
      app = served;
    },
    async close() {
      const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      server.closeIdleConnections();
      shutdown.abort();
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await closed;
    },
  };
}

async function serveOne(
  app: GatewayApp,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  logger: Logger,
  shutdown: AbortSignal,
): Promise<void> {
  const request = toGatewayRequest(req);
  try {
    let response = app.screen(request);
    if (response) {
      // Answered from the headers: the body is never read, so the connection cannot be reused.
      if (declaresBody(req)) res.setHeader('connection', 'close');
      writeWhole(req, res, response);
      return;
    }
    try {
      request.body = await readBody(req, limit);
      response = await app.handle(request);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      response = app.tooLarge(request, limit);
      // The rest of an oversized body is not read; the connection cannot be reused.
      res.setHeader('connection', 'close');
    }
    if (response.stream) {
      await writeStream(res, response.status, response.headers, response.stream, shutdown);
      return;
    }
    writeWhole(req, res, response);
  } catch (error) {
    logger.error('request failed outside the pipeline', { path: request.path, error });
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        __type: 'InternalFailure',
        message: 'teiki failed to answer; see its log.',
      }),
    );
  }
}

function writeWhole(req: IncomingMessage, res: ServerResponse, response: WireResponse): void {
  const body =
    typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function declaresBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

async function writeStream(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  stream: NonNullable<WireResponse['stream']>,
  shutdown: AbortSignal,
): Promise<void> {
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  res.writeHead(status, headers);
  res.flushHeaders();
  const closed = AbortSignal.any([shutdown, gone.signal]);
  const write = (chunk: string | Buffer): Promise<void> => {
    if (closed.aborted || res.write(chunk)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        res.off('drain', done);
        closed.removeEventListener('abort', done);
        resolve();
      };
      res.once('drain', done);
      closed.addEventListener('abort', done, { once: true });
    });
  };
  await stream(write, closed);
  res.end();
}

/** `http://authority/path?query`: the absolute form a request line may take (RFC 9112 §3.2.2). */
const ABSOLUTE_FORM_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** The authority and the rest of an absolute-form target, or undefined for origin form. */
function splitAbsoluteForm(url: string): { authority: string; rest: string } | undefined {
  const scheme = ABSOLUTE_FORM_SCHEME.exec(url);
  if (!scheme) return undefined;
  const after = url.slice(scheme[0].length);
  const end = after.search(/[/?]/);
  if (end === -1) return { authority: after, rest: '/' };
  const rest = after.slice(end);
  return { authority: after.slice(0, end), rest: rest.startsWith('/') ? rest : `/${rest}` };
}

function toGatewayRequest(req: IncomingMessage): GatewayRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let url = req.url ?? '/';
  const absolute = splitAbsoluteForm(url);
  if (absolute) {
    // The target's authority replaces Host, as the RFC says, so the browser policy judges
    // the name the request is really for.
    headers.host = absolute.authority;
    url = absolute.rest;
  }
  const q = url.indexOf('?');
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: q === -1 ? url : url.slice(0, q),
    query: new URLSearchParams(rawQuery),
    rawQuery,
    headers,
    body: Buffer.alloc(0),
    ...(req.socket.remoteAddress !== undefined ? { remoteAddress: req.socket.remoteAddress } : {}),
  };
}
