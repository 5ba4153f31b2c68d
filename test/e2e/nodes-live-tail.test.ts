/**
 * Live tails across nodes, through real clients: StartLiveTail (SDK v3) and the console's
 * tail opened on one node hear every event a burst of PutLogEvents stores through another,
 * from the moment the session started (the other node relays for it by then), and a
 * session that ended leaves the other node relaying nothing for it (a later session on
 * another group still hears its events).
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  StartLiveTailCommand,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/nodes.js';
import { clientConfig } from '../soak/world.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

/** SDK v3 adds the model's `stream-` host prefix unless told not to (see the README). */
const logsOn = (endpoint: string) =>
  new CloudWatchLogsClient({ ...clientConfig(endpoint), disableHostPrefix: true });

/** A StartLiveTail session, started (its `sessionStart` read), and the messages it hears. */
async function startLiveTail(client: CloudWatchLogsClient, group: string) {
  const abort = new AbortController();
  const response = await client.send(new StartLiveTailCommand({ logGroupIdentifiers: [group] }), {
    abortSignal: abort.signal,
  });
  const events = (response.responseStream as AsyncIterable<StartLiveTailResponseStream>)[
    Symbol.asyncIterator
  ]();
  const first = await events.next();
  expect(first.value).toHaveProperty('sessionStart');
  const heard: string[] = [];
  return {
    heard,
    /** Reads updates until `count` events were heard. */
    async hears(count: number) {
      while (heard.length < count) {
        const next = await events.next();
        if (next.done) throw new Error('the session ended');
        heard.push(...(next.value.sessionUpdate?.sessionResults ?? []).map((e) => e.message ?? ''));
      }
    },
    close: () => abort.abort(),
  };
}

/** The console's tail of `group`, ready (its `ready` event read), and what it hears. */
async function consoleTail(endpoint: string, group: string) {
  const abort = new AbortController();
  const res = await fetch(`${endpoint}/_teiki/api/logs/tail?group=${encodeURIComponent(group)}`, {
    signal: abort.signal,
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const read = async () => {
    const { value } = await reader.read();
    text += decoder.decode(value, { stream: true });
  };
  while (!text.includes('event: ready')) await read();
  const heard = () =>
    [...text.matchAll(/^event: log\ndata: (.*)$/gm)].map(
      (m) => (JSON.parse(m[1] ?? '{}') as { message: string }).message,
    );
  return {
    heard,
    async hears(count: number) {
      while (heard().length < count) await read();
    },
    close: () => abort.abort(),
  };
}

async function burst(client: CloudWatchLogsClient, group: string, batches: string[][]) {
  await Promise.all(
    batches.map(async (messages, i) => {
      const logStreamName = `burst-${i}`;
      await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName }));
      const now = Date.now();
      await client.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName,
          logEvents: messages.map((message) => ({ timestamp: now, message })),
        }),
      );
    }),
  );
}

describe('live tails across nodes', () => {
  it(
    'StartLiveTail and the console tail on one node hear every event a burst stores through another',
    { timeout: 120_000 },
    async () => {
      cluster = await TestCluster.of(['n1', 'n2'], ['--log-level', 'error']);
      const writer = logsOn(cluster.url('n1'));
      const reader = logsOn(cluster.url('n2'));
      await writer.send(new CreateLogGroupCommand({ logGroupName: '/tailed' }));
      await writer.send(new CreateLogGroupCommand({ logGroupName: '/later' }));

      const session = await startLiveTail(reader, '/tailed');
      const page = await consoleTail(cluster.url('n2'), '/tailed');
      // 400 events in all: under StartLiveTail's 500 a second, so none is sampled away.
      const batches = Array.from({ length: 20 }, (_, b) =>
        Array.from({ length: 20 }, (_, i) => `event ${b}-${i}`),
      );
      await burst(writer, '/tailed', batches);
      const all = batches.flat().sort();
      await session.hears(all.length);
      await page.hears(all.length);
      expect([...session.heard].sort()).toEqual(all);
      expect(page.heard().sort()).toEqual(all);
      session.close();
      page.close();

      // A later session on another group hears its events; the ended ones hear nothing more.
      const later = await startLiveTail(reader, '/later');
      await burst(writer, '/later', [['later event']]);
      await later.hears(1);
      expect(later.heard).toEqual(['later event']);
      later.close();
    },
  );
});
