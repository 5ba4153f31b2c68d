import { GetCallerIdentityCommand, AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestTeiki, type TestTeiki, virtualClockArgs } from '../helpers/teiki.js';

const START = '2026-01-01T02:19:30.000Z';

let teiki: TestTeiki;
let real: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs(START));
  real = await startTestTeiki(['--in-memory']);
});
afterAll(async () => {
  await teiki.close();
  await real.close();
});

const admin = async (server: TestTeiki, method: string, path: string, body?: unknown) => {
  const res = await raw(server.url, {
    method,
    path,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
};

describe('/_teiki/health', () => {
  it('says running, with what this teiki is made of', async () => {
    const { status, body } = await admin(teiki, 'GET', '/_teiki/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'running',
      store: 'memory',
      clock: 'virtual',
      runtime: 'process',
      auth: 'open',
    });
    expect(body.services).toEqual(
      expect.arrayContaining(['sts', 'iam', 'ec2', 'ecs', 'logs', 'events', 'scheduler']),
    );
  });
});

describe('/_teiki/clock', () => {
  it('reads, advances and sets a virtual clock', async () => {
    expect((await admin(teiki, 'GET', '/_teiki/clock')).body).toEqual({
      now: START,
      mode: 'virtual',
    });
    expect((await admin(teiki, 'POST', '/_teiki/clock', { advanceSeconds: 60 })).body).toEqual({
      now: '2026-01-01T02:20:30.000Z',
      mode: 'virtual',
    });
    expect(
      (await admin(teiki, 'POST', '/_teiki/clock', { set: '2026-03-01T00:00:00Z' })).body.now,
    ).toBe('2026-03-01T00:00:00.000Z');
  });

  it('makes STS expirations follow the virtual clock', async () => {
    await admin(teiki, 'POST', '/_teiki/clock', { set: '2030-06-01T00:00:00Z' });
    const sts = new STSClient(teiki.clientConfig());
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        RoleSessionName: 'clock',
      }),
    );
    expect(out.Credentials!.Expiration!.toISOString()).toBe('2030-06-01T01:00:00.000Z');
  });

  it.each([
    [{}, 400],
    [{ advanceSeconds: -5 }, 400],
    [{ advanceSeconds: 'soon' }, 400],
    [{ set: 'yesterday' }, 400],
    [{ advanceSeconds: 1, set: '2030-01-01T00:00:00Z' }, 400],
    // Values the clock cannot represent, or past its horizon (the end of year 9999).
    [{ advanceSeconds: 1e300 }, 400],
    [{ advanceSeconds: 1e15 }, 400],
    [{ advanceSeconds: Number.MAX_VALUE }, 400],
    [{ advanceSeconds: '60' }, 400],
    [{ advanceSeconds: null }, 400],
    [{ advanceSeconds: [60] }, 400],
    [{ set: '+275760-09-13T00:00:00Z' }, 400],
    [{ set: '10000-01-01T00:00:00Z' }, 400],
    [{ set: '1969-12-31T23:59:59Z' }, 400],
    [{ set: '2026-02-30T00:00:00Z' }, 400],
    [{ set: '2026-11-28T02:20:00' }, 400],
    [{ set: 1795832400000 }, 400],
    [{ set: '' }, 400],
  ])('refuses %j', async (body, status) => {
    const before = (await admin(teiki, 'GET', '/_teiki/clock')).body.now;
    const res = await admin(teiki, 'POST', '/_teiki/clock', body);
    expect(res.status).toBe(status);
    expect(res.body.message).toEqual(expect.any(String));
    expect((await admin(teiki, 'GET', '/_teiki/clock')).body.now).toBe(before);
  });

  it('names the limits when a move would pass them, and keeps answering afterwards', async () => {
    const far = await admin(teiki, 'POST', '/_teiki/clock', { advanceSeconds: 1e300 });
    expect(far.status).toBe(400);
    expect(far.body.message).toMatch(
      /would move the clock past 9999-12-31T23:59:59\.999Z: it reads from 1970-01-01T00:00:00\.000Z to 9999-12-31T23:59:59\.999Z, so from now it can advance at most \d+ seconds\./,
    );
    const extended = await admin(teiki, 'POST', '/_teiki/clock', {
      set: '+275760-09-13T00:00:00Z',
    });
    expect(extended.body.message).toBe(
      '"set" +275760-09-13T00:00:00Z is outside the clock\'s range: it reads from 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z.',
    );
    expect((await admin(teiki, 'GET', '/_teiki/clock')).status).toBe(200);
    const before = (await admin(teiki, 'GET', '/_teiki/clock')).body.now as string;
    const last = await admin(teiki, 'POST', '/_teiki/clock', { set: '9999-12-31T23:59:59.999Z' });
    expect(last.body.now).toBe('9999-12-31T23:59:59.999Z');
    expect((await admin(teiki, 'POST', '/_teiki/clock', { advanceSeconds: 0.001 })).status).toBe(
      400,
    );
    expect((await admin(teiki, 'POST', '/_teiki/clock', { set: before })).body.now).toBe(before);
  });

  it('refuses to move a real clock', async () => {
    const res = await admin(real, 'POST', '/_teiki/clock', { advanceSeconds: 60 });
    expect(res.status).toBe(409);
    expect((await admin(real, 'GET', '/_teiki/clock')).body.mode).toBe('real');
  });

  it('refuses malformed JSON', async () => {
    const res = await raw(teiki.url, { path: '/_teiki/clock', body: '{nope' });
    expect(res.status).toBe(400);
  });
});

describe('/_teiki/reset', () => {
  it('forgets issued credentials', async () => {
    const sts = new STSClient(real.clientConfig());
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        RoleSessionName: 'reset',
      }),
    );
    const c = out.Credentials!;
    const asRole = new STSClient(
      real.clientConfig({
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      }),
    );
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Arn).toContain(
      'assumed-role/r/reset',
    );
    expect((await admin(real, 'POST', '/_teiki/reset')).status).toBe(200);
    // In open mode an unknown key is the default account's root again.
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:iam::000000000000:root',
    );
  });
});

describe('other admin paths', () => {
  it('answer 404 and 405 in JSON', async () => {
    expect((await admin(teiki, 'GET', '/_teiki/nothing-here')).status).toBe(404);
    expect((await admin(teiki, 'DELETE', '/_teiki/health')).status).toBe(405);
  });

  it('count requests in /_teiki/metrics', async () => {
    await new STSClient(teiki.clientConfig()).send(new GetCallerIdentityCommand({}));
    const res = await raw(teiki.url, { method: 'GET', path: '/_teiki/metrics' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /teiki_requests_total\{service="sts",operation="GetCallerIdentity",status="200"\} [1-9]/,
    );
  });
});
