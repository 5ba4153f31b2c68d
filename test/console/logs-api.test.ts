/**
 * The logs page's API over HTTP: groups, streams and events as the Logs API has them
 * (written with the real SDK), FilterLogEvents' patterns and errors, and the live tail's
 * server-sent events.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  LogEventsResponse,
  LogEventView,
  LogGroupsResponse,
  LogStreamsResponse,
} from '../../src/console/shared/api-types.js';
import { createLogIngestion } from '../../src/services/logs/ingestion.js';
import { rejection, uniqueName } from '../helpers/errors.js';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';

let teiki: TestTeiki;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  teiki = await startTestTeiki();
  logs = new CloudWatchLogsClient(teiki.clientConfig());
});
afterAll(async () => {
  logs?.destroy();
  await teiki?.close();
});

async function getApi<T>(path: string, query: Record<string, string> = {}) {
  const res = await fetch(
    `${teiki.url}/_teiki/api/${path}?${new URLSearchParams(query).toString()}`,
  );
  return { status: res.status, body: (await res.json()) as T };
}

async function groupWithStreams(streams: string[]): Promise<string> {
  const group = uniqueName('/console/logs');
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  for (const stream of streams) {
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  }
  return group;
}

async function put(
  group: string,
  stream: string,
  events: { timestamp: number; message: string }[],
) {
  await logs.send(
    new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events }),
  );
}

describe('groups, streams and events', () => {
  it("lists groups and a group's streams, the most recently written first", async () => {
    const group = await groupWithStreams(['app/1', 'app/2', 'app/empty']);
    const now = Date.now();
    await put(group, 'app/1', [{ timestamp: now - 5000, message: 'first stream' }]);
    await put(group, 'app/2', [{ timestamp: now - 1000, message: 'second stream' }]);

    const groups = await getApi<LogGroupsResponse>('logs/groups');
    expect(groups.status).toBe(200);
    const listed = groups.body.groups.find((g) => g.name === group);
    expect(listed).toMatchObject({
      arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`,
      storedBytes: 'first stream'.length + 26 + 'second stream'.length + 26,
    });
    expect(Number.isNaN(Date.parse(listed?.creationTime ?? ''))).toBe(false);

    const streams = await getApi<LogStreamsResponse>('logs/streams', { group });
    expect(streams.status).toBe(200);
    expect(streams.body.truncated).toBe(false);
    expect(streams.body.streams.slice(0, 2).map((s) => s.name)).toEqual(['app/2', 'app/1']);
    expect(streams.body.streams.map((s) => s.name).sort()).toEqual(['app/1', 'app/2', 'app/empty']);
    expect(streams.body.streams[0]).toMatchObject({
      lastEventTime: new Date(now - 1000).toISOString(),
      firstEventTime: new Date(now - 1000).toISOString(),
    });
    const limited = await getApi<LogStreamsResponse>('logs/streams', { group, limit: '1' });
    expect(limited.body.streams.map((s) => s.name)).toEqual(['app/2']);
    expect(limited.body.truncated).toBe(true);
  });

  it("shows a stream's events with the ids FilterLogEvents gives them", async () => {
    const group = await groupWithStreams(['web', 'worker']);
    const now = Date.now();
    await put(group, 'web', [
      { timestamp: now - 3000, message: 'INFO started' },
      { timestamp: now - 2000, message: '{"level":"error","msg":"boom"}' },
      { timestamp: now - 1000, message: 'ERROR disk full' },
    ]);
    await put(group, 'worker', [{ timestamp: now - 1500, message: '{"level":"info","msg":"ok"}' }]);

    const web = await getApi<LogEventsResponse>('logs/events', { group, stream: 'web' });
    expect(web.status).toBe(200);
    expect(web.body.truncated).toBe(false);
    expect(web.body.events.map((e) => e.message)).toEqual([
      'INFO started',
      '{"level":"error","msg":"boom"}',
      'ERROR disk full',
    ]);
    const sdk = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ['web'] }),
    );
    expect(web.body.events).toEqual(
      sdk.events?.map((e) => ({
        stream: 'web',
        timestamp: new Date(e.timestamp!).toISOString(),
        ingestionTime: new Date(e.ingestionTime!).toISOString(),
        message: e.message,
        eventId: e.eventId,
      })),
    );

    const all = await getApi<LogEventsResponse>('logs/events', { group });
    expect(all.body.events.map((e) => `${e.stream}: ${e.message}`)).toEqual([
      'web: INFO started',
      'web: {"level":"error","msg":"boom"}',
      'worker: {"level":"info","msg":"ok"}',
      'web: ERROR disk full',
    ]);
  });

  it('filters with FilterLogEvents patterns: terms and JSON', async () => {
    const group = await groupWithStreams(['web', 'worker']);
    const now = Date.now();
    await put(group, 'web', [
      { timestamp: now - 3000, message: 'INFO started' },
      { timestamp: now - 2000, message: '{"level":"error","msg":"boom"}' },
      { timestamp: now - 1000, message: 'ERROR disk full' },
    ]);
    await put(group, 'worker', [{ timestamp: now - 1500, message: '{"level":"info","msg":"ok"}' }]);
    const messages = async (query: Record<string, string>) =>
      (await getApi<LogEventsResponse>('logs/events', { group, ...query })).body.events.map(
        (e) => e.message,
      );

    expect(await messages({ filter: 'ERROR' })).toEqual(['ERROR disk full']);
    expect(await messages({ filter: 'ERROR disk' })).toEqual(['ERROR disk full']);
    expect(await messages({ filter: '?INFO ?ERROR' })).toEqual(['INFO started', 'ERROR disk full']);
    expect(await messages({ filter: '{ $.level = "error" }' })).toEqual([
      '{"level":"error","msg":"boom"}',
    ]);
    expect(await messages({ filter: '{ $.level = "*" }' })).toEqual([
      '{"level":"error","msg":"boom"}',
      '{"level":"info","msg":"ok"}',
    ]);
    expect(await messages({ filter: '{ $.level = "info" }', stream: 'web' })).toEqual([]);
  });

  it('answers the newest events first found, looking back as far as it takes', async () => {
    const group = await groupWithStreams(['long']);
    const now = Date.now();
    const day = 24 * 60 * 60 * 1000;
    await put(group, 'long', [{ timestamp: now - 3 * day, message: 'three days ago' }]);
    await put(group, 'long', [{ timestamp: now - 2 * 60 * 60 * 1000, message: 'two hours ago' }]);
    await put(group, 'long', [
      { timestamp: now - 1000, message: 'just now 1' },
      { timestamp: now - 500, message: 'just now 2' },
    ]);
    const messages = async (query: Record<string, string>) =>
      (await getApi<LogEventsResponse>('logs/events', { group, ...query })).body.events.map(
        (e) => e.message,
      );
    expect(await messages({ limit: '2' })).toEqual(['just now 1', 'just now 2']);
    expect(await messages({ limit: '3' })).toEqual(['two hours ago', 'just now 1', 'just now 2']);
    expect(await messages({ stream: 'long' })).toEqual([
      'three days ago',
      'two hours ago',
      'just now 1',
      'just now 2',
    ]);
    expect(await messages({ limit: '2', filter: 'ago' })).toEqual([
      'three days ago',
      'two hours ago',
    ]);
  });

  it("refuses an invalid pattern with AWS's own message", async () => {
    const group = await groupWithStreams(['web']);
    const pattern = '{ $.level = ';
    const aws = await rejection(
      logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: pattern })),
      InvalidParameterException,
    );
    const res = await getApi<ApiError>('logs/events', { group, filter: pattern });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'InvalidParameterException', message: aws.message });
  });

  it('answers 404 for a group or stream that does not exist', async () => {
    const group = await groupWithStreams(['web']);
    const missingGroup = {
      error: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    };
    for (const path of ['logs/streams', 'logs/events']) {
      const res = await getApi<ApiError>(path, { group: `${group}-nope` });
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual(missingGroup);
    }
    const stream = await getApi<ApiError>('logs/events', { group, stream: 'nope' });
    expect(stream.status).toBe(404);
    expect(stream.body).toEqual({
      error: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
    const noGroup = await getApi<ApiError>('logs/events');
    expect(noGroup.status).toBe(400);
  });
});

/** Reads server-sent events off a fetch body, one message (`event` + `data`) at a time. */
class EventReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next message, comments skipped; undefined when the stream has ended. */
  async next(): Promise<{ event: string; data: string } | undefined> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const lines = block.split('\n').filter((line) => !line.startsWith(':'));
        if (lines.length === 0) continue;
        const field = (name: string) =>
          lines
            .filter((line) => line.startsWith(`${name}: `))
            .map((line) => line.slice(name.length + 2))
            .join('\n');
        return { event: field('event') || 'message', data: field('data') };
      }
      const { done, value } = await this.reader.read();
      if (done) return undefined;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }
}

async function openTail(server: TestTeiki, query: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(
    `${server.url}/_teiki/api/logs/tail?${new URLSearchParams(query).toString()}`,
    {
      signal: controller.signal,
    },
  );
  return { res, controller };
}

describe('the live tail', () => {
  it('sends each new matching event, and nothing else, as server-sent events', async () => {
    const group = await groupWithStreams(['web', 'worker']);
    const now = Date.now();
    await put(group, 'web', [{ timestamp: now - 5000, message: 'ERROR before the tail' }]);
    const { res, controller } = await openTail(teiki, { group, stream: 'web', filter: 'ERROR' });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const events = new EventReader(res.body!);
      expect(await events.next()).toEqual({ event: 'ready', data: '{}' });

      await put(group, 'worker', [{ timestamp: now, message: 'ERROR on another stream' }]);
      await put(group, 'web', [
        { timestamp: now, message: 'INFO does not match' },
        { timestamp: now + 1, message: 'ERROR one' },
      ]);
      await put(group, 'web', [{ timestamp: now + 2, message: 'ERROR two' }]);

      const first = await events.next();
      const second = await events.next();
      expect([first?.event, second?.event]).toEqual(['log', 'log']);
      const views = [first, second].map((m) => JSON.parse(m!.data) as LogEventView);
      expect(views.map((v) => v.message)).toEqual(['ERROR one', 'ERROR two']);
      const sdk = await logs.send(
        new FilterLogEventsCommand({ logGroupName: group, filterPattern: 'ERROR two' }),
      );
      expect(views[1]).toEqual({
        stream: 'web',
        timestamp: new Date(now + 2).toISOString(),
        ingestionTime: new Date(sdk.events![0]!.ingestionTime!).toISOString(),
        message: 'ERROR two',
        eventId: sdk.events![0]!.eventId,
      });
    } finally {
      controller.abort();
    }
  });

  it('follows every stream of a group with a JSON pattern', async () => {
    const group = await groupWithStreams(['a', 'b']);
    const { res, controller } = await openTail(teiki, { group, filter: '{ $.level = "error" }' });
    try {
      const events = new EventReader(res.body!);
      expect((await events.next())?.event).toBe('ready');
      const now = Date.now();
      await put(group, 'a', [{ timestamp: now, message: '{"level":"info"}' }]);
      await put(group, 'b', [{ timestamp: now, message: '{"level":"error","n":1}' }]);
      await put(group, 'a', [{ timestamp: now, message: '{"level":"error","n":2}' }]);
      const got = [await events.next(), await events.next()].map(
        (m) => JSON.parse(m!.data) as LogEventView,
      );
      expect(got.map((v) => `${v.stream} ${v.message}`)).toEqual([
        'b {"level":"error","n":1}',
        'a {"level":"error","n":2}',
      ]);
    } finally {
      controller.abort();
    }
  });

  it("hears teiki's own producers (the awslogs driver's ingestion), not only the API", async () => {
    const group = await groupWithStreams(['ecs/app/task']);
    const { res, controller } = await openTail(teiki, { group });
    try {
      const events = new EventReader(res.body!);
      expect((await events.next())?.event).toBe('ready');
      // The driver builds its own Logs deps on the same store; the tail hears it all the same.
      const ingestion = createLogIngestion({ store: teiki.store, clock: teiki.clock });
      await ingestion.ingest(
        { accountId: '000000000000', region: 'us-east-1' },
        group,
        'ecs/app/task',
        [{ timestamp: Date.now(), message: 'from the container' }],
      );
      const message = await events.next();
      expect(message?.event).toBe('log');
      expect(JSON.parse(message!.data)).toMatchObject({
        stream: 'ecs/app/task',
        message: 'from the container',
      });
    } finally {
      controller.abort();
    }
  });

  it('refuses a bad pattern or an unknown group before streaming', async () => {
    const group = await groupWithStreams(['web']);
    const bad = await openTail(teiki, { group, filter: '{ $.level = ' });
    expect(bad.res.status).toBe(400);
    expect(((await bad.res.json()) as ApiError).error).toBe('InvalidParameterException');
    const unknown = await openTail(teiki, { group: `${group}-nope` });
    expect(unknown.res.status).toBe(404);
    expect(await unknown.res.json()).toEqual({
      error: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    const noStream = await openTail(teiki, { group, stream: 'nope' });
    expect(noStream.res.status).toBe(404);
  });

  it('ends when teiki closes, and closing does not wait for the client', async () => {
    const own = await startTestTeiki();
    const client = new CloudWatchLogsClient(own.clientConfig());
    try {
      await client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
      const { res } = await openTail(own, { group: 'g' });
      const events = new EventReader(res.body!);
      expect((await events.next())?.event).toBe('ready');
      await own.close();
      expect(await events.next()).toBeUndefined();
    } finally {
      client.destroy();
      await own.close();
    }
  });

  it('takes the console credentials from ?auth= under --auth enforce', async () => {
    const strict = await startTestTeiki(['--in-memory', '--auth', 'enforce']);
    const client = new CloudWatchLogsClient(strict.clientConfig());
    try {
      await client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
      const none = await openTail(strict, { group: 'g' });
      expect(none.res.status).toBe(401);
      const wrong = await openTail(strict, {
        group: 'g',
        auth: Buffer.from('test:wrong').toString('base64'),
      });
      expect(wrong.res.status).toBe(401);
      const right = await openTail(strict, {
        group: 'g',
        auth: Buffer.from('test:test').toString('base64'),
      });
      expect(right.res.status).toBe(200);
      expect((await new EventReader(right.res.body!).next())?.event).toBe('ready');
      right.controller.abort();
      // The query credential is the tail's only: other routes still want the header.
      const groups = await fetch(
        `${strict.url}/_teiki/api/logs/groups?auth=${Buffer.from('test:test').toString('base64')}`,
      );
      expect(groups.status).toBe(401);
    } finally {
      client.destroy();
      await strict.close();
    }
  });
});
