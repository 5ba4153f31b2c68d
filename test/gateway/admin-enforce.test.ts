/**
 * `--auth enforce` on the admin routes: without credentials every route but
 * `/_teiki/health` (and the console's static pages) answers 401 and changes nothing; a
 * SigV4 signature (the SDK's signer, curl's --aws-sigv4) or the console's HTTP Basic key
 * pair lets the call through.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Sha256 } from '@aws-crypto/sha256-js';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, type HttpAnswer } from '../helpers/http.js';
import { startTestTeiki, virtualClockArgs, type TestTeiki } from '../helpers/teiki.js';

const START = '2026-11-28T00:00:00.000Z';
const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki([...virtualClockArgs(START), '--auth', 'enforce']);
  const logs = new CloudWatchLogsClient(teiki.clientConfig());
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'keep' }));
  const events = new EventBridgeClient(teiki.clientConfig());
  await events.send(new PutRuleCommand({ Name: 'r', ScheduleExpression: 'rate(1 day)' }));
  await events.send(
    new PutTargetsCommand({
      Rule: 'r',
      Targets: [{ Id: 'log', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:fired' }],
    }),
  );
});
afterAll(() => teiki.close());

const basic = (accessKeyId: string, secret: string) =>
  `Basic ${Buffer.from(`${accessKeyId}:${secret}`).toString('base64')}`;
const ROOT_BASIC = basic(ROOT.accessKeyId, ROOT.secretAccessKey);

function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return httpRequest(teiki.url, {
    method,
    path,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The request signed by the AWS SDK's own signer, for the URL teiki really listens on. */
async function signed(
  method: string,
  path: string,
  body: unknown,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<HttpAnswer> {
  const url = new URL(path, teiki.url);
  const text = body === undefined ? '' : JSON.stringify(body);
  const request = await new SignatureV4({
    service: 'teiki',
    region: 'us-east-1',
    sha256: Sha256,
    credentials,
  }).sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, ...(text ? { 'content-type': 'application/json' } : {}) },
    body: text,
  });
  return httpRequest(teiki.url, {
    method,
    path: url.pathname + url.search,
    headers: request.headers,
    body: text || undefined,
  });
}

async function clockNow(): Promise<string> {
  const res = await call('GET', '/_teiki/clock', undefined, { authorization: ROOT_BASIC });
  return (JSON.parse(res.text) as { now: string }).now;
}

async function firedInvocations(): Promise<number> {
  const res = await call('GET', '/_teiki/invocations', undefined, { authorization: ROOT_BASIC });
  return (JSON.parse(res.text) as { invocations: { name: string }[] }).invocations.filter(
    (invocation) => invocation.name === 'r',
  ).length;
}

async function keepExists(): Promise<boolean> {
  const out = await new CloudWatchLogsClient(teiki.clientConfig()).send(
    new DescribeLogGroupsCommand({ logGroupNamePrefix: 'keep' }),
  );
  return (out.logGroups ?? []).length === 1;
}

const GUARDED: [string, string, unknown?][] = [
  ['POST', '/_teiki/reset', {}],
  ['POST', '/_teiki/fire', { rule: 'r' }],
  ['POST', '/_teiki/clock', { advanceSeconds: 3600 }],
  ['GET', '/_teiki/clock'],
  ['GET', '/_teiki/invocations'],
  ['GET', '/_teiki/metrics'],
  ['GET', '/_teiki/api/overview'],
  ['GET', '/_teiki/api/logs/groups'],
  ['GET', '/_teiki/api/logs/tail?group=keep'],
  ['GET', '/_teiki/nowhere'],
  ['DELETE', '/_teiki/health'],
];

describe('without credentials', () => {
  it.each(GUARDED)('%s %s answers 401 and changes nothing', async (method, path, body) => {
    const res = await call(method, path, body);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({
      error: 'Unauthorized',
      message: expect.stringContaining('--auth enforce') as string,
    });
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(await clockNow()).toBe(START);
    expect(await firedInvocations()).toBe(0);
    expect(await keepExists()).toBe(true);
  });

  it.each([
    ['a wrong secret', basic('test', 'wrong')],
    ['an unknown key', basic('AKIANOBODY', 'test')],
    ['no secret', basic('test', '')],
    ['not base64', 'Basic !!!'],
  ])('refuses Basic credentials with %s', async (_name, authorization) => {
    const res = await call('POST', '/_teiki/clock', { advanceSeconds: 60 }, { authorization });
    expect(res.status).toBe(401);
    expect(await clockNow()).toBe(START);
  });

  it('refuses temporary credentials over Basic: their session token has nowhere to go', async () => {
    const { Credentials } = await new STSClient(teiki.clientConfig()).send(
      new GetSessionTokenCommand({}),
    );
    const res = await call(
      'POST',
      '/_teiki/clock',
      { advanceSeconds: 60 },
      { authorization: basic(Credentials!.AccessKeyId!, Credentials!.SecretAccessKey!) },
    );
    expect(res.status).toBe(401);
    expect(await clockNow()).toBe(START);
  });

  it('refuses a signature made with the wrong secret, in the JSON form', async () => {
    const res = await signed(
      'POST',
      '/_teiki/clock',
      { advanceSeconds: 60 },
      {
        ...ROOT,
        secretAccessKey: 'wrong',
      },
    );
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({
      error: expect.stringMatching(/Signature/) as string,
    });
    expect(await clockNow()).toBe(START);
  });

  it('takes ?auth= on the console’s tail only (EventSource sends no headers)', async () => {
    const auth = Buffer.from('test:test').toString('base64');
    expect((await call('GET', `/_teiki/invocations?auth=${auth}`)).status).toBe(401);
    // The tail is a stream that never ends by itself: read its status, then hang up.
    const stop = new AbortController();
    const tail = await fetch(`${teiki.url}/_teiki/api/logs/tail?group=keep&auth=${auth}`, {
      signal: stop.signal,
    });
    stop.abort();
    expect(tail.status).toBe(200);
  });
});

describe('open routes', () => {
  it('serves /_teiki/health, which says what teiki is and nothing it holds', async () => {
    const res = await call('GET', '/_teiki/health');
    expect(res.status).toBe(200);
    const health = JSON.parse(res.text) as Record<string, unknown>;
    expect(Object.keys(health).sort()).toEqual(
      [
        'auth',
        'clock',
        'node',
        'nodes',
        'operations',
        'runtime',
        'services',
        'status',
        'store',
        'version',
      ].sort(),
    );
    expect(health).toMatchObject({ status: 'running', auth: 'enforce' });
    // The nodes serving the store, alive or not: teiki's own make-up, not a user's data.
    expect(Object.keys((health.nodes as object[])[0] ?? {}).sort()).toEqual(
      ['lastSeen', 'nodeId', 'runnerId', 'runtime', 'self', 'startedAt', 'state'].sort(),
    );
    expect(res.text).not.toContain('000000000000');
    expect(res.text).not.toContain('keep');
  });

  it.each([['/_teiki/console/'], ['/_teiki/console/logs'], ['/_teiki/console/assets/app.js']])(
    'serves the console page %s: the sign-in form is in it',
    async (path) => {
      expect((await call('GET', path)).status).toBe(200);
    },
  );
});

describe('with credentials', () => {
  it('moves the clock for the console key (Basic) and for a SigV4 signature', async () => {
    const byBasic = await call(
      'POST',
      '/_teiki/clock',
      { advanceSeconds: 60 },
      { authorization: ROOT_BASIC },
    );
    expect(byBasic.status).toBe(200);
    expect(await clockNow()).toBe('2026-11-28T00:01:00.000Z');
    const bySigV4 = await signed('POST', '/_teiki/clock', { advanceSeconds: 60 }, ROOT);
    expect(bySigV4.status).toBe(200);
    expect(await clockNow()).toBe('2026-11-28T00:02:00.000Z');
  });

  it('fires a rule for an IAM user signing with its own key, and for STS session keys', async () => {
    const iam = new IAMClient(teiki.clientConfig());
    await iam.send(new CreateUserCommand({ UserName: 'operator' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'operator' }));
    const user = {
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    };
    expect((await signed('POST', '/_teiki/fire', { rule: 'r' }, user)).status).toBe(200);
    expect(await firedInvocations()).toBe(1);

    const { Credentials } = await new STSClient(teiki.clientConfig()).send(
      new GetSessionTokenCommand({}),
    );
    const session = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
    expect((await signed('POST', '/_teiki/fire', { rule: 'r' }, session)).status).toBe(200);
    expect(await firedInvocations()).toBe(2);
    const { sessionToken: _dropped, ...withoutToken } = session;
    expect((await signed('POST', '/_teiki/fire', { rule: 'r' }, withoutToken)).status).toBe(401);
    expect(await firedInvocations()).toBe(2);
  });

  it.each([
    ['GET', '/_teiki/invocations?limit=5'],
    ['GET', '/_teiki/metrics'],
    ['GET', '/_teiki/api/overview'],
  ])('reads %s %s with a SigV4 signature or Basic', async (method, path) => {
    expect((await signed(method, path, undefined, ROOT)).status).toBe(200);
    expect((await call(method, path, undefined, { authorization: ROOT_BASIC })).status).toBe(200);
  });

  it('answers curl --aws-sigv4 (a client that is not an AWS SDK)', async () => {
    // Asynchronously: teiki answers from this very process.
    const { stdout, stderr } = await promisify(execFile)('curl', [
      '-sS',
      '-o',
      '-',
      '-w',
      '\n%{http_code}',
      '--aws-sigv4',
      'aws:amz:us-east-1:teiki',
      '--user',
      'test:test',
      '-H',
      'content-type: application/json',
      '-d',
      '{"advanceSeconds": 60}',
      `${teiki.url}/_teiki/clock`,
    ]);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n').at(-1)).toBe('200');
    const refused = await promisify(execFile)('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--aws-sigv4',
      'aws:amz:us-east-1:teiki',
      '--user',
      'test:wrong',
      '-d',
      '{"advanceSeconds": 60}',
      `${teiki.url}/_teiki/clock`,
    ]);
    expect(refused.stdout).toBe('401');
  });

  it('wipes everything on POST /_teiki/reset with the key, and only then', async () => {
    expect(await keepExists()).toBe(true);
    const res = await call('POST', '/_teiki/reset', {}, { authorization: ROOT_BASIC });
    expect(res.status).toBe(200);
    expect(await keepExists()).toBe(false);
  });
});
