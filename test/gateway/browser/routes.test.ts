/**
 * The browser policy over HTTP, route by route and protocol by protocol: what a page on
 * another origin (or a DNS-rebound name) can send without a preflight is refused with 403
 * and changes nothing (checked through the SDKs); the same request from an origin listed
 * in `--cors-origins` does what it says and carries CORS headers, which proves each
 * refused request would have worked.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  EventBridgeClient,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoleForm } from '../../helpers/attack-page.js';
import { httpRequest, rawExchange, statusOf, type HttpAnswer } from '../../helpers/http.js';
import { startTestTeiki, virtualClockArgs, type TestTeiki } from '../../helpers/teiki.js';

const LISTED = 'http://localhost:3000';
let teiki: TestTeiki;
let port: string;
beforeAll(async () => {
  teiki = await startTestTeiki([
    ...virtualClockArgs('2026-11-28T00:00:00Z'),
    '--cors-origins',
    LISTED,
  ]);
  port = new URL(teiki.url).port;
});
afterAll(() => teiki.close());

const client = <C>(make: new (config: ReturnType<TestTeiki['clientConfig']>) => C): C =>
  new make(teiki.clientConfig());

/** What a browser page can send without a preflight, each way a page might try. */
function foreignVariants(): Record<string, Record<string, string>> {
  return {
    'another port on 127.0.0.1': { origin: 'http://127.0.0.1:9', 'sec-fetch-site': 'same-site' },
    'localhost for 127.0.0.1': {
      origin: `http://localhost:${port}`,
      'sec-fetch-site': 'cross-site',
    },
    'a public site': { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    'a sandboxed frame': { origin: 'null', 'sec-fetch-site': 'cross-site' },
    'a no-cors request without Origin': {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'no-cors',
    },
    'a DNS-rebound name': { host: `evil.example:${port}` },
  };
}

interface Mutation {
  name: string;
  method?: string;
  path?: string;
  headers: Record<string, string>;
  body: string;
  /** Whether the request's effect is there, read through the SDK or an admin route. */
  happened(): Promise<boolean>;
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const text = { 'content-type': 'text/plain;charset=UTF-8' };
const notFound = (error: unknown) => {
  if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
    return false;
  if ((error as { name?: string }).name === 'NoSuchEntity') return false;
  throw error;
};

const MUTATIONS: Mutation[] = [
  {
    name: 'awsQuery (IAM CreateRole, a form post)',
    headers: form,
    body: createRoleForm('pwn'),
    happened: () =>
      client(IAMClient)
        .send(new GetRoleCommand({ RoleName: 'pwn' }))
        .then(() => true, notFound),
  },
  {
    name: 'ec2Query (EC2 CreateSecurityGroup, a form post)',
    headers: form,
    body: 'Action=CreateSecurityGroup&Version=2016-11-15&GroupName=pwn&GroupDescription=pwn',
    happened: async () => {
      const out = await client(EC2Client).send(
        new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['pwn'] }] }),
      );
      return (out.SecurityGroups ?? []).length > 0;
    },
  },
  {
    name: 'awsJson1_1 (ECS CreateCluster, text/plain)',
    headers: { ...text, 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.CreateCluster' },
    body: JSON.stringify({ clusterName: 'pwn' }),
    happened: async () => {
      const out = await client(ECSClient).send(new DescribeClustersCommand({ clusters: ['pwn'] }));
      return (out.clusters ?? []).length > 0;
    },
  },
  {
    name: 'awsJson1_1 (Logs CreateLogGroup, text/plain)',
    headers: { ...text, 'x-amz-target': 'Logs_20140328.CreateLogGroup' },
    body: JSON.stringify({ logGroupName: 'pwn' }),
    happened: async () => {
      const out = await client(CloudWatchLogsClient).send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: 'pwn' }),
      );
      return (out.logGroups ?? []).length > 0;
    },
  },
  {
    name: 'awsJson1_1 (EventBridge PutRule, text/plain)',
    headers: { ...text, 'x-amz-target': 'AWSEvents.PutRule' },
    body: JSON.stringify({ Name: 'pwn', ScheduleExpression: 'rate(1 hour)' }),
    happened: async () => {
      const out = await client(EventBridgeClient).send(new ListRulesCommand({ NamePrefix: 'pwn' }));
      return (out.Rules ?? []).length > 0;
    },
  },
  {
    name: 'awsJson1_1 (SSM PutParameter, text/plain)',
    headers: { ...text, 'x-amz-target': 'AmazonSSM.PutParameter' },
    body: JSON.stringify({ Name: 'pwn', Value: 'x', Type: 'String' }),
    happened: () =>
      client(SSMClient)
        .send(new GetParameterCommand({ Name: 'pwn' }))
        .then(
          () => true,
          (error: Error) => (error.name === 'ParameterNotFound' ? false : Promise.reject(error)),
        ),
  },
  {
    name: 'awsJson1_1 (Secrets Manager CreateSecret, text/plain)',
    headers: { ...text, 'x-amz-target': 'secretsmanager.CreateSecret' },
    body: JSON.stringify({
      Name: 'pwn',
      SecretString: 'x',
      ClientRequestToken: '6b1d8f8e-2a4c-4c3e-9a57-1f0f0a0b0c0d',
    }),
    happened: () =>
      client(SecretsManagerClient)
        .send(new DescribeSecretCommand({ SecretId: 'pwn' }))
        .then(
          () => true,
          (error: Error) =>
            error.name === 'ResourceNotFoundException' ? false : Promise.reject(error),
        ),
  },
  {
    name: 'restJson1 (Scheduler POST /schedules/pwn, text/plain)',
    path: '/schedules/pwn',
    headers: text,
    body: JSON.stringify({
      ScheduleExpression: 'rate(1 hour)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default',
        RoleArn: 'arn:aws:iam::000000000000:role/pwn',
      },
    }),
    happened: () =>
      client(SchedulerClient)
        .send(new GetScheduleCommand({ Name: 'pwn' }))
        .then(() => true, notFound),
  },
  {
    name: 'admin POST /_teiki/clock (text/plain)',
    path: '/_teiki/clock',
    headers: text,
    body: JSON.stringify({ advanceSeconds: 3600 }),
    happened: async () => {
      const res = await httpRequest(teiki.url, { method: 'GET', path: '/_teiki/clock' });
      return (JSON.parse(res.text) as { now: string }).now !== '2026-11-28T00:00:00.000Z';
    },
  },
  {
    name: 'admin POST /_teiki/fire (text/plain)',
    path: '/_teiki/fire',
    headers: text,
    body: JSON.stringify({ rule: 'fire-me' }),
    happened: async () => {
      // Other rows (the schedule above, due when the clock moved) are not this rule's.
      const res = await httpRequest(teiki.url, { method: 'GET', path: '/_teiki/invocations' });
      const { invocations } = JSON.parse(res.text) as { invocations: { name: string }[] };
      return invocations.some((invocation) => invocation.name === 'fire-me');
    },
  },
];

describe.each(MUTATIONS)('$name', (mutation) => {
  const send = (extra: Record<string, string>) =>
    httpRequest(teiki.url, {
      method: mutation.method ?? 'POST',
      path: mutation.path ?? '/',
      headers: { ...mutation.headers, ...extra },
      body: mutation.body,
    });

  it('is refused from every foreign origin and name, and changes nothing', async () => {
    if (mutation.path === '/_teiki/fire') {
      await client(EventBridgeClient).send(
        new PutTargetsCommand({
          Rule: await ruleToFire(),
          Targets: [{ Id: 'log', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:fired' }],
        }),
      );
    }
    for (const [variant, headers] of Object.entries(foreignVariants())) {
      const res = await send(headers);
      expect([variant, res.status]).toEqual([variant, 403]);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(await mutation.happened()).toBe(false);
  });

  it('works from the origin listed in --cors-origins, with CORS headers', async () => {
    const res = await send({ origin: LISTED, 'sec-fetch-site': 'same-site' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(LISTED);
    expect(res.headers['access-control-expose-headers']).toContain('x-amzn-requestid');
    expect(res.headers.vary).toContain('Origin');
    expect(await mutation.happened()).toBe(true);
  });
});

async function ruleToFire(): Promise<string> {
  await client(EventBridgeClient).send(
    new PutRuleCommand({ Name: 'fire-me', ScheduleExpression: 'rate(1 day)' }),
  );
  return 'fire-me';
}

describe('reads', () => {
  it.each([
    ['GET', '/?Action=GetCallerIdentity&Version=2011-06-15'],
    ['GET', '/_teiki/health'],
    ['GET', '/_teiki/clock'],
    ['GET', '/_teiki/invocations'],
    ['GET', '/_teiki/metrics'],
    ['GET', '/_teiki/api/overview'],
    ['GET', '/_teiki/api/logs/groups'],
    ['GET', '/_teiki/console/'],
    ['GET', '/_teiki/console/assets/app.js'],
    ['GET', '/_teiki/nowhere'],
  ])('%s %s answers a foreign page nothing it could read', async (method, path) => {
    for (const [variant, headers] of Object.entries(foreignVariants())) {
      const res = await httpRequest(teiki.url, { method, path, headers });
      expect([variant, res.status]).toEqual([variant, 403]);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.text).not.toContain('000000000000');
    }
    const own = await httpRequest(teiki.url, {
      method,
      path,
      headers: { origin: teiki.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).not.toBe(403);
  });
});

describe('the 403', () => {
  const sendForeign = (path: string, headers: Record<string, string>) =>
    httpRequest(teiki.url, {
      path,
      headers: { ...text, host: `evil.example:${port}`, ...headers },
      body: '{}',
    });

  it('is JSON naming --allowed-hosts on an admin route', async () => {
    const res = await sendForeign('/_teiki/reset', {});
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.text)).toEqual({
      error: 'Forbidden',
      message: expect.stringContaining('--allowed-hosts evil.example') as string,
    });
  });

  it("is the protocol's AccessDenied when the headers name the service", async () => {
    const res = await sendForeign('/', { 'x-amz-target': 'Logs_20140328.CreateLogGroup' });
    expect(res.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(JSON.parse(res.text)).toMatchObject({
      message: expect.stringContaining('--allowed-hosts') as string,
    });
  });

  it('is plain text when nothing before the body names the service', async () => {
    const res = await httpRequest(teiki.url, {
      headers: { ...form, origin: 'https://evil.example' },
      body: 'Action=CreateRole&RoleName=x',
    });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toContain('--cors-origins');
  });
});

describe('Host forms', () => {
  it.each([
    [`127.0.0.1:${'PORT'}`],
    ['localhost:PORT'],
    ['LOCALHOST:PORT'],
    ['app.localhost:PORT'],
    ['[::1]:PORT'],
    ['localhost'],
  ])('serves Host %s', async (host) => {
    const res = await httpRequest(teiki.url, {
      method: 'GET',
      path: '/_teiki/clock',
      headers: { host: host.replace('PORT', port) },
    });
    expect(res.status).toBe(200);
  });

  it('judges the authority of an absolute-form request line, not the Host header', async () => {
    const answer = await rawExchange(
      teiki.url,
      `POST http://evil.example:${port}/_teiki/clock HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: text/plain\r\nContent-Length: 22\r\nConnection: close\r\n\r\n{"advanceSeconds": 60}`,
    );
    expect(statusOf(answer)).toBe(403);
    expect(answer).toContain('--allowed-hosts evil.example');
    const fine = await rawExchange(
      teiki.url,
      `GET http://127.0.0.1:${port}/_teiki/clock HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(fine)).toBe(200);
  });

  it('answers from the headers, before reading a body (even one past the size limit)', async () => {
    const headers = (extra: string) =>
      `POST /_teiki/reset HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: text/plain\r\nContent-Length: 50000000\r\n${extra}\r\n`;
    const refused = await rawExchange(teiki.url, headers('Origin: https://evil.example\r\n'));
    expect(statusOf(refused)).toBe(403);
    expect(refused.toLowerCase()).toContain('connection: close');
    // The same headers from a program: the body is read, and found too large.
    expect(statusOf(await rawExchange(teiki.url, headers('')))).toBe(413);
  });

  it('serves HTTP/1.0 without a Host: no browser sends that', async () => {
    const answer = await rawExchange(teiki.url, 'GET /_teiki/clock HTTP/1.0\r\n\r\n');
    expect(statusOf(answer)).toBe(200);
  });
});

describe('preflight', () => {
  const preflight = (path: string, origin: string) =>
    httpRequest(teiki.url, {
      method: 'OPTIONS',
      path,
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'authorization,content-type,x-amz-date,x-amz-target,x-amz-security-token,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request',
        'sec-fetch-site': 'same-site',
      },
    });

  it.each([['/'], ['/schedules/pwn'], ['/_teiki/fire']])(
    'is answered on %s for the listed origin only',
    async (path) => {
      const listed = await preflight(path, LISTED);
      expect(listed.status).toBe(204);
      expect(listed.headers).toMatchObject({
        'access-control-allow-origin': LISTED,
        'access-control-allow-headers':
          'authorization,content-type,x-amz-date,x-amz-target,x-amz-security-token,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request',
      });
      expect(listed.headers['access-control-allow-methods']).toContain('POST');
      for (const origin of ['http://localhost:3001', 'https://evil.example', 'null']) {
        const refused = await preflight(path, origin);
        expect(refused.status).toBe(403);
        expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      }
    },
  );

  it('grants Private Network Access to the listed origin only', async () => {
    const ask = (origin: string) =>
      httpRequest(teiki.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-private-network': 'true',
        },
      });
    expect((await ask(LISTED)).headers['access-control-allow-private-network']).toBe('true');
    expect((await ask('https://evil.example')).status).toBe(403);
  });
});

describe('POST /_teiki/reset', () => {
  it('is refused cross-origin and wipes nothing; without Origin (curl) it wipes', async () => {
    const groups = client(CloudWatchLogsClient);
    await groups.send(new CreateLogGroupCommand({ logGroupName: 'keep' }));
    const exists = async () =>
      (
        (await groups.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'keep' })))
          .logGroups ?? []
      ).length > 0;
    for (const [variant, headers] of Object.entries(foreignVariants())) {
      const res: HttpAnswer = await httpRequest(teiki.url, {
        path: '/_teiki/reset',
        headers: { ...text, ...headers },
        body: '{}',
      });
      expect([variant, res.status]).toEqual([variant, 403]);
    }
    expect(await exists()).toBe(true);
    const res = await httpRequest(teiki.url, { path: '/_teiki/reset', headers: text, body: '{}' });
    expect(res.status).toBe(200);
    expect(await exists()).toBe(false);
  });
});
