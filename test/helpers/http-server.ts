/**
 * A local HTTP server standing in for an API destination's endpoint or an OAuth token
 * endpoint: it records every request (method, path, query, headers, body) and answers
 * from a queue of scripted responses (the last one repeats). Tests await the n-th
 * request instead of sleeping.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface TestHttpServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers to give, in order; the last one keeps being given. */
  respond(...responses: ScriptedResponse[]): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export async function startHttpServer(
  initial: ScriptedResponse = { status: 200, body: '{}' },
): Promise<TestHttpServer> {
  const requests: RecordedRequest[] = [];
  let script: ScriptedResponse[] = [initial];
  const waiters: Array<{ count: number; resolve: (r: RecordedRequest[]) => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://test');
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = script.length > 1 ? (script.shift() as ScriptedResponse) : script[0];
      res.writeHead(
        answer?.status ?? 200,
        answer?.headers ?? { 'content-type': 'application/json' },
      );
      res.end(answer?.body ?? '');
      for (const waiter of [...waiters]) {
        if (requests.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve([...requests]);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(...responses) {
      script = responses;
    },
    waitForRequests(count) {
      if (requests.length >= count) return Promise.resolve([...requests]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `read` until `done` holds (for state the API reports, not for timing). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
