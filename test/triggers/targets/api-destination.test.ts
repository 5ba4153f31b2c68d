/**
 * API destinations as rule targets: the event really sent to a local HTTP server, with the
 * destination's method and endpoint, the target's HttpParameters, the connection's
 * authorization (all three kinds, the OAuth token from a local token server) and
 * parameters; retries on 429 and 5xx, none on other 4xx; the invocation rate on the
 * teiki clock; outcomes in /_teiki/invocations.
 */
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DescribeApiDestinationCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type CreateConnectionCommandInput,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../helpers/errors.js';
import { startHttpServer, until, type TestHttpServer } from '../../helpers/http-server.js';
import { createServiceRole } from '../../helpers/roles.js';
import { startTestTeiki, virtualClockArgs, type TestTeiki } from '../../helpers/teiki.js';
import { advanceClock, invocationWith, invocationsOf, setClock } from './invocations.js';

let teiki: TestTeiki;
let events: EventBridgeClient;
let roleArn: string;
let api: TestHttpServer;
let oauth: TestHttpServer;

beforeAll(async () => {
  teiki = await startTestTeiki([
    ...virtualClockArgs('2026-05-01T00:00:00Z'),
    '--allow-http-destinations',
  ]);
  events = new EventBridgeClient(teiki.clientConfig());
  roleArn = await createServiceRole(
    new IAMClient(teiki.clientConfig()),
    'invoke-destinations',
    ['events.amazonaws.com'],
    [{ Effect: 'Allow', Action: 'events:InvokeApiDestination', Resource: '*' }],
  );
  api = await startHttpServer();
  oauth = await startHttpServer();
});
afterAll(async () => {
  await teiki.close();
  await api.close();
  await oauth.close();
});

async function destination(
  auth: Pick<CreateConnectionCommandInput, 'AuthorizationType' | 'AuthParameters'>,
  options: { path?: string; method?: 'POST' | 'PUT' | 'GET'; rate?: number } = {},
): Promise<string> {
  const connection = await events.send(
    new CreateConnectionCommand({ Name: uniqueName('conn'), ...auth }),
  );
  const out = await events.send(
    new CreateApiDestinationCommand({
      Name: uniqueName('dest'),
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: `${api.url}${options.path ?? '/hooks'}`,
      HttpMethod: options.method ?? 'POST',
      ...(options.rate !== undefined ? { InvocationRateLimitPerSecond: options.rate } : {}),
    }),
  );
  return out.ApiDestinationArn!;
}

async function eventRule(target: Omit<Target, 'Id'>): Promise<{ rule: string; source: string }> {
  const rule = uniqueName('rule');
  const source = `test.${rule}`;
  await events.send(
    new PutRuleCommand({ Name: rule, EventPattern: JSON.stringify({ source: [source] }) }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: rule,
      Targets: [{ Id: 'webhook', RoleArn: roleArn, ...target }],
    }),
  );
  return { rule, source };
}

async function put(source: string, detail: Record<string, unknown>, count = 1) {
  const out = await events.send(
    new PutEventsCommand({
      Entries: Array.from({ length: count }, () => ({
        Source: source,
        DetailType: 'Order Placed',
        Detail: JSON.stringify(detail),
      })),
    }),
  );
  expect(out.FailedEntryCount).toBe(0);
}

const BASIC = {
  AuthorizationType: 'BASIC',
  AuthParameters: { BasicAuthParameters: { Username: 'hook-user', Password: 'hook-pass' } },
} as const;

describe('a scheduled rule calling an API destination', () => {
  it('sends the cron instant as the HTTP request the destination, target and connection describe', async () => {
    const arn = await destination(
      {
        ...BASIC,
        AuthParameters: {
          ...BASIC.AuthParameters,
          InvocationHttpParameters: {
            HeaderParameters: [{ Key: 'x-team', Value: 'platform', IsValueSecret: true }],
            QueryStringParameters: [{ Key: 'tenant', Value: 'connection-wins' }],
            BodyParameters: [{ Key: 'signed', Value: 'yes' }],
          },
        },
      },
      { path: '/orders/*/events', method: 'PUT' },
    );
    const rule = uniqueName('daily');
    await events.send(new PutRuleCommand({ Name: rule, ScheduleExpression: 'cron(30 3 * * ? *)' }));
    await events.send(
      new PutTargetsCommand({
        Rule: rule,
        Targets: [
          {
            Id: 'webhook',
            Arn: arn,
            RoleArn: roleArn,
            HttpParameters: {
              PathParameterValues: ['order-42'],
              HeaderParameters: { 'x-source': 'teiki', 'User-Agent': 'not-this' },
              QueryStringParameters: { tenant: 'target', kind: '$.detail-type' },
            },
            InputTransformer: {
              InputPathsMap: { time: '$.time', rule: '$.resources[0]' },
              InputTemplate: '{"at": <time>, "from": <rule>}',
            },
          },
        ],
      }),
    );
    const before = api.requests.length;
    await setClock(teiki, '2026-05-01T03:30:00Z');
    const [request] = (await api.waitForRequests(before + 1)).slice(before);
    expect(request!.method).toBe('PUT');
    expect(request!.path).toBe('/orders/order-42/events');
    expect(Object.fromEntries(request!.query)).toEqual({
      tenant: 'connection-wins',
      kind: 'Scheduled Event',
    });
    expect(request!.headers).toMatchObject({
      authorization: `Basic ${Buffer.from('hook-user:hook-pass').toString('base64')}`,
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Amazon/EventBridge/ApiDestinations',
      'x-source': 'teiki',
      'x-team': 'platform',
      range: 'bytes=0-1048575',
    });
    expect(JSON.parse(request!.body)).toEqual({
      at: '2026-05-01T03:30:00Z',
      from: `arn:aws:events:us-east-1:000000000000:rule/${rule}`,
      signed: 'yes',
    });
    const invocation = await invocationWith(teiki, rule, ['delivered']);
    expect(invocation).toMatchObject({
      source: 'rule',
      attempts: 1,
      target: { id: 'webhook', arn },
    });
  });
});

describe('authorization kinds', () => {
  it('sends an API key as the header the connection names', async () => {
    const arn = await destination({
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-777' } },
    });
    const { source } = await eventRule({ Arn: arn });
    const before = api.requests.length;
    await put(source, { order: 7 });
    const [request] = (await api.waitForRequests(before + 1)).slice(before);
    expect(request!.headers['x-api-key']).toBe('k-777');
    expect(request!.method).toBe('POST');
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ source, 'detail-type': 'Order Placed', detail: { order: 7 } });
  });

  it('fetches an OAuth token, sends it as a bearer, and fetches a new one after a 401', async () => {
    oauth.respond(
      { status: 200, body: JSON.stringify({ access_token: 'tok-1', expires_in: 3600 }) },
      { status: 200, body: JSON.stringify({ access_token: 'tok-2', expires_in: 3600 }) },
    );
    const tokensBefore = oauth.requests.length;
    const arn = await destination({
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: {
          AuthorizationEndpoint: `${oauth.url}/token`,
          HttpMethod: 'POST',
          ClientParameters: { ClientID: 'cid', ClientSecret: 'csecret' },
        },
      },
    });
    const { rule, source } = await eventRule({
      Arn: arn,
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 },
    });
    await until(
      () => events.send(new DescribeApiDestinationCommand({ Name: arn.split('/')[1] })),
      (out) => out.ApiDestinationState === 'ACTIVE',
    );
    api.respond({ status: 401, body: 'expired' }, { status: 200, body: '{}' });
    const before = api.requests.length;
    await put(source, { n: 1 });
    const [first] = (await api.waitForRequests(before + 1)).slice(before);
    expect(first!.headers.authorization).toBe('Bearer tok-1');
    const retrying = await invocationWith(teiki, rule, ['retrying']);
    expect(retrying.error?.code).toBe('HTTP401');
    await advanceClock(teiki, 2);
    const [, second] = (await api.waitForRequests(before + 2)).slice(before);
    expect(second!.headers.authorization).toBe('Bearer tok-2');
    const delivered = await invocationWith(teiki, rule, ['delivered']);
    expect(delivered.attempts).toBe(2);
    const tokenRequests = oauth.requests.slice(tokensBefore);
    expect(tokenRequests.length).toBe(2);
    expect(tokenRequests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('cid:csecret').toString('base64')}`,
    );
    api.respond({ status: 200, body: '{}' });
  });
});

describe('retries and failures', () => {
  it('retries a 429 and delivers on the 200 that follows', async () => {
    const arn = await destination(BASIC);
    const { rule, source } = await eventRule({
      Arn: arn,
      RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
    });
    api.respond({ status: 429, headers: { 'retry-after': '3' } }, { status: 200, body: '{}' });
    const before = api.requests.length;
    await put(source, { n: 2 });
    await api.waitForRequests(before + 1);
    const retrying = await invocationWith(teiki, rule, ['retrying']);
    expect(retrying).toMatchObject({ attempts: 1, httpStatus: 429, error: { code: 'HTTP429' } });
    expect(retrying.error?.message).toBe(
      'Unable to invoke ApiDestination endpoint: the endpoint answered HTTP 429.',
    );
    await advanceClock(teiki, 3);
    await api.waitForRequests(before + 2);
    const delivered = await invocationWith(teiki, rule, ['delivered']);
    expect(delivered).toMatchObject({ attempts: 2, httpStatus: 200 });
    expect(delivered.error).toBeUndefined();
    api.respond({ status: 200, body: '{}' });
  });

  it('does not retry a 400: failed, or dead-lettered with a DeadLetterConfig', async () => {
    const arn = await destination(BASIC);
    const plain = await eventRule({ Arn: arn });
    const lettered = await eventRule({
      Arn: arn,
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
    });
    api.respond({ status: 400, body: 'bad' });
    await put(plain.source, { n: 3 });
    const failed = await invocationWith(teiki, plain.rule, ['failed']);
    expect(failed).toMatchObject({ attempts: 1, httpStatus: 400, error: { code: 'HTTP400' } });
    await put(lettered.source, { n: 4 });
    const dead = await invocationWith(teiki, lettered.rule, ['dead-lettered']);
    expect(dead.attempts).toBe(1);
    api.respond({ status: 200, body: '{}' });
  });

  it('refuses a role that may not invoke the destination', async () => {
    const arn = await destination(BASIC);
    const weak = await createServiceRole(
      new IAMClient(teiki.clientConfig()),
      uniqueName('weak'),
      ['events.amazonaws.com'],
      [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: '*' }],
    );
    const { rule, source } = await eventRule({ Arn: arn, RoleArn: weak });
    await put(source, { n: 5 });
    const failed = await invocationWith(teiki, rule, ['failed']);
    expect(failed.error?.code).toBe('AccessDeniedException');
    // The role's session is asked as a caller is: IAM's sentence naming the destination.
    expect(failed.error?.message).toBe(
      `User: arn:aws:sts::000000000000:assumed-role/${weak.split('/').pop()}/events is not authorized to perform: events:InvokeApiDestination on resource: ${arn} because no identity-based policy allows the events:InvokeApiDestination action`,
    );
  });
});

describe('the invocation rate', () => {
  it('lets one invocation through per second at a rate of 1, as the teiki clock moves', async () => {
    const arn = await destination(BASIC, { rate: 1 });
    const { rule, source } = await eventRule({ Arn: arn });
    const before = api.requests.length;
    await put(source, { n: 6 }, 3);
    await api.waitForRequests(before + 1);
    await invocationWith(teiki, rule, ['delivered']);
    expect(api.requests.length).toBe(before + 1);
    await advanceClock(teiki, 1);
    await api.waitForRequests(before + 2);
    await advanceClock(teiki, 1);
    await api.waitForRequests(before + 3);
    // Each record is written once its answer is in: wait for the third, not only its request.
    const delivered = await until(
      () => invocationsOf(teiki, rule),
      (list) => list.filter((i) => i.outcome === 'delivered').length >= 3,
    );
    expect(delivered.filter((i) => i.outcome === 'delivered')).toHaveLength(3);
    expect(api.requests.length).toBe(before + 3);
  });
});
