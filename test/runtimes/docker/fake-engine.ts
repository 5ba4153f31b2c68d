/**
 * A scripted Docker Engine API on a unix socket, for what a real engine here cannot show:
 * other versions and products, errors in odd places, Docker's OOMKilled.
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

export interface FakeRequest {
  method: string;
  /** Path without the version prefix and query. */
  path: string;
  version: string | undefined;
  query: URLSearchParams;
  body: unknown;
  /** The request's headers, names lower-cased. */
  headers: Record<string, string | string[] | undefined>;
}

export type FakeAnswer =
  | { status: number; json?: unknown; text?: string }
  /** Upgrades the connection and writes these frames (stream type, text), then ends. */
  | { hijack: [number, string][] };

export interface FakeEngine {
  socketPath: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startFakeEngine(
  route: (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>,
): Promise<FakeEngine> {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'teiki-fake-engine-')), 'engine.sock');
  const requests: FakeRequest[] = [];
  const parse = async (req: http.IncomingMessage): Promise<FakeRequest> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? '/', 'http://engine');
    const versioned = /^\/v(\d+\.\d+)(\/.*)$/.exec(url.pathname);
    const request = {
      method: req.method ?? 'GET',
      path: versioned ? (versioned[2] as string) : url.pathname,
      version: versioned?.[1],
      query: url.searchParams,
      headers: req.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
    requests.push(request);
    return request;
  };
  const frames = (list: [number, string][]) =>
    Buffer.concat(
      list.map(([type, text]) => {
        const payload = Buffer.from(text);
        const header = Buffer.alloc(8);
        header[0] = type;
        header.writeUInt32BE(payload.length, 4);
        return Buffer.concat([header, payload]);
      }),
    );
  const server = http.createServer((req, res) => {
    void (async () => {
      const answer = await route(await parse(req));
      if ('hijack' in answer) {
        res.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
        res.end(frames(answer.hijack));
        return;
      }
      const body = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(body);
    })();
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    void (async () => {
      const answer = await route(await parse(req));
      if (!('hijack' in answer)) {
        socket.end(`HTTP/1.1 ${answer.status} Error\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      socket.write(
        'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n' +
          'Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n',
      );
      socket.end(frames(answer.hijack));
    })();
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const dockerVersion = (apiVersion: string, minApiVersion = '1.24') => ({
  Version: '27.1.1',
  ApiVersion: apiVersion,
  MinAPIVersion: minApiVersion,
  Components: [{ Name: 'Engine', Version: '27.1.1' }],
});

export const podmanVersion = (version: string) => ({
  Version: version,
  ApiVersion: '1.41',
  MinAPIVersion: '1.24',
  Components: [{ Name: 'Podman Engine', Version: version }],
});
