/** One raw HTTP exchange: the path and bytes exactly as given, and how long the answer took. */
import { Agent, request } from 'node:http';

export interface Exchange {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Milliseconds from sending to the last byte of the answer (to its head for a stream). */
  ms: number;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export class HttpClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly base: URL,
    private readonly timeoutMs = 30_000,
  ) {}

  send(req: RawRequest): Promise<Exchange> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method: req.method,
          path: req.path,
          headers: { ...req.headers, 'content-length': String(req.body.length) },
          agent: this.#agent,
          timeout: this.timeoutMs,
        },
        (res) => {
          if (isEventStream(res.headers)) {
            // A stream (Live Tail) answers with its head and then runs for hours on the
            // teiki clock: the head is the answer; closing the connection ends the session.
            res.destroy();
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.alloc(0),
              ms: performance.now() - started,
            });
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      outgoing.on('timeout', () =>
        outgoing.destroy(new Error(`no answer in ${this.timeoutMs} ms`)),
      );
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

function isEventStream(headers: Record<string, string | string[] | undefined>): boolean {
  return String(headers['content-type'] ?? '').startsWith('application/vnd.amazon.eventstream');
}
