/**
 * EventBridge beyond ECS targets:
 * - PutEvents (10 entries a request) onto a bus whose archive keeps every event, teiki
 *   beside moto, with the archive's event count read back afterwards;
 * - API destination invocations per second against a local HTTP server (in this process),
 *   with PutEvents sending more events than the destination's rate limit lets through:
 *   teiki only, since moto makes no HTTP call to an API destination.
 */
import http from 'node:http';
import { CONCURRENCY, throughput } from './core.mjs';
import { authorization, fmt, jsonCall, post, startPeer } from './peers.mjs';

const EVENTS = 'AWSEvents';
const ENTRIES_PER_REQUEST = 10;
const RATE_LIMIT = 300;

const putEvents = (source) => ({
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `${EVENTS}.PutEvents`,
    authorization: authorization('events'),
  },
  body: JSON.stringify({
    Entries: Array.from({ length: ENTRIES_PER_REQUEST }, (_, i) => ({
      EventBusName: 'bench',
      Source: source,
      DetailType: 'bench',
      Detail: JSON.stringify({ i, payload: 'x'.repeat(200) }),
    })),
  }),
});

async function archiveThroughput(name, seconds) {
  const peer = await startPeer(name);
  const agent = new http.Agent({ keepAlive: true });
  try {
    const call = (target, input) =>
      jsonCall(agent, peer.port, 'events', `${EVENTS}.${target}`, input);
    const bus = await call('CreateEventBus', { Name: 'bench' });
    await call('CreateArchive', {
      ArchiveName: 'bench-archive',
      EventSourceArn: bus.EventBusArn,
      EventPattern: JSON.stringify({ source: ['bench'] }),
    });
    // One round of warm-up: moto takes a large part of a second per archived PutEvents.
    const { rps, failed } = await throughput(peer.port, putEvents('bench'), seconds, {
      warmUp: CONCURRENCY,
    });
    const archive = await call('DescribeArchive', { ArchiveName: 'bench-archive' });
    return { name, rps, failed, eventCount: archive.EventCount };
  } finally {
    agent.destroy();
    await peer.stop();
  }
}

/** A form-encoded IAM call; throws unless it answers 200. */
async function iamCall(agent, port, params) {
  const res = await post(agent, port, {
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: authorization('iam'),
    },
    body: new URLSearchParams({ Version: '2010-05-08', ...params }).toString(),
  });
  if (res.status !== 200) throw new Error(`${params.Action} answered ${res.status}: ${res.text}`);
}

async function apiDestinationRate(seconds) {
  const arrivals = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      arrivals.push(performance.now());
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}/hook`;
  const peer = await startPeer('teiki', ['--allow-http-destinations']);
  const agent = new http.Agent({ keepAlive: true });
  try {
    const call = (target, input) =>
      jsonCall(agent, peer.port, 'events', `${EVENTS}.${target}`, input);
    await iamCall(agent, peer.port, {
      Action: 'CreateRole',
      RoleName: 'bench-hook',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    });
    await iamCall(agent, peer.port, {
      Action: 'PutRolePolicy',
      RoleName: 'bench-hook',
      PolicyName: 'invoke',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'events:InvokeApiDestination', Resource: '*' }],
      }),
    });
    await call('CreateEventBus', { Name: 'bench' });
    const connection = await call('CreateConnection', {
      Name: 'bench',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' } },
    });
    const destination = await call('CreateApiDestination', {
      Name: 'bench',
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: endpoint,
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: RATE_LIMIT,
    });
    await call('PutRule', {
      Name: 'hook',
      EventBusName: 'bench',
      EventPattern: JSON.stringify({ source: ['hook'] }),
    });
    await call('PutTargets', {
      Rule: 'hook',
      EventBusName: 'bench',
      Targets: [
        {
          Id: 'hook',
          Arn: destination.ApiDestinationArn,
          RoleArn: 'arn:aws:iam::000000000000:role/bench-hook',
        },
      ],
    });
    // The warm-up's events arrive too; count from the measured window's start.
    const started = performance.now();
    const sent = await throughput(peer.port, putEvents('hook'), seconds);
    const ended = performance.now();
    const inWindow = arrivals.filter((at) => at >= started && at < ended).length;
    return {
      perSecond: inWindow / ((ended - started) / 1000),
      offeredPerSecond: sent.rps * ENTRIES_PER_REQUEST,
    };
  } finally {
    agent.destroy();
    await peer.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function runEvents({ seconds, log }) {
  const rows = [];
  for (const name of ['teiki', 'moto']) {
    log(`events: PutEvents onto an archived bus, ${name}`);
    rows.push(await archiveThroughput(name, seconds));
  }
  log('events: API destination invocations at the rate limit, teiki');
  const destination = await apiDestinationRate(seconds);
  return [
    '## EventBridge: archives and API destinations',
    '',
    `PutEvents with ${ENTRIES_PER_REQUEST} entries of about 250 bytes a request, ${CONCURRENCY} keep-alive clients, onto a custom bus whose archive matches every event; the archive's EventCount read back afterwards (warm-up included).`,
    '',
    '| peer | PutEvents requests/s | events/s | failed | archive EventCount |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.rps)} | ${fmt(r.rps * ENTRIES_PER_REQUEST)} | ${fmt(r.failed)} | ${r.eventCount === undefined ? '—' : fmt(r.eventCount)} |`,
    ),
    '',
    `API destination invocations: a rule sends every event to a destination with InvocationRateLimitPerSecond ${RATE_LIMIT} calling a local HTTP server (teiki started with --allow-http-destinations, real clock); PutEvents offers more events than the limit. moto makes no HTTP call to an API destination, so it has no figure.`,
    '',
    '| events offered/s | requests received/s | rate limit |',
    '|---:|---:|---:|',
    `| ${fmt(destination.offeredPerSecond)} | ${fmt(destination.perSecond)} | ${RATE_LIMIT} |`,
    '',
  ];
}
