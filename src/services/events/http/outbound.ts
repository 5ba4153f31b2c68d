/**
 * EventBridge's outgoing HTTP requests (API destination invocations, OAuth token
 * requests): one request, no redirects followed, no connection reuse, a hard deadline,
 * and at most 1 MiB of the answer read (AWS asks for `Range: bytes=0-1048575`). Network
 * deadlines are wall-clock time, as the runtimes' grace periods are: the endpoint lives
 * in real time whatever the teiki clock says.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface OutboundRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** At most MAX_RESPONSE_BYTES. */
  body: Buffer;
}

/** Why no answer came: the deadline passed, or the connection failed. */
export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
  ) {
    super(message);
  }
}

/** Whether an endpoint's scheme may be called: HTTPS always, HTTP only when allowed. */
export function schemeAllowed(url: URL, allowHttp: boolean): boolean {
  return url.protocol === 'https:' || (allowHttp && url.protocol === 'http:');
}

export function sendHttp(outbound: OutboundRequest): Promise<OutboundResponse> {
  const send = outbound.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: OutboundError) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    const req = send(
      outbound.url,
      {
        method: outbound.method,
        headers: outbound.headers,
        agent: false,
        signal: AbortSignal.timeout(outbound.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size >= MAX_RESPONSE_BYTES) return;
          const room = MAX_RESPONSE_BYTES - size;
          const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
          chunks.push(kept);
          size += kept.length;
          if (size >= MAX_RESPONSE_BYTES) {
            // The rest is not read: answer with what fits, as a ranged read would.
            finish();
          }
        });
        const finish = () => {
          if (settled) return;
          settled = true;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          });
          res.destroy();
        };
        res.on('end', finish);
        res.on('error', (error) => fail(networkError(error)));
      },
    );
    req.on('error', (error) => fail(networkError(error)));
    if (outbound.body !== undefined) req.end(outbound.body);
    else req.end();
  });
}

function networkError(error: Error): OutboundError {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') {
    return new OutboundError('timeout', 'The request timed out.');
  }
  return new OutboundError('network', error.message);
}
