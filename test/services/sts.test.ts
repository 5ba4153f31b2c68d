import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../helpers/teiki.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const sts = (overrides?: Parameters<TestTeiki['clientConfig']>[0]) =>
  new STSClient(teiki.clientConfig(overrides));

async function stsError(promise: Promise<unknown>): Promise<STSServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(STSServiceException);
    return error as STSServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('GetCallerIdentity', () => {
  it('is the root of the default account for an ordinary key', async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:root',
      UserId: '000000000000',
    });
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes the account from a 12-digit access key id', async () => {
    const out = await sts({ accessKeyId: '123456789012' }).send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
    expect(out.Arn).toBe('arn:aws:iam::123456789012:root');
  });
});

describe('AssumeRole', () => {
  it('issues temporary credentials that then identify the assumed role', async () => {
    const out = await sts({ accessKeyId: '111122223333' }).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::111122223333:role/service/batch-runner',
        RoleSessionName: 'nightly',
        DurationSeconds: 900,
      }),
    );
    const creds = out.Credentials!;
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.SecretAccessKey).toHaveLength(40);
    expect(creds.SessionToken!.length).toBeGreaterThan(100);
    const expiresInSeconds = (creds.Expiration!.getTime() - teiki.clock.nowMs()) / 1000;
    expect(expiresInSeconds).toBeGreaterThan(890);
    expect(expiresInSeconds).toBeLessThanOrEqual(900);
    expect(out.AssumedRoleUser!.Arn).toBe(
      'arn:aws:sts::111122223333:assumed-role/batch-runner/nightly',
    );
    expect(out.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:nightly$/);

    const who = await sts({
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({
      Account: '111122223333',
      Arn: out.AssumedRoleUser!.Arn,
      UserId: out.AssumedRoleUser!.AssumedRoleId,
    });
  });

  it('gives the same role id to two sessions of one role', async () => {
    const assume = (session: string) =>
      sts().send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::000000000000:role/app',
          RoleSessionName: session,
        }),
      );
    const [a, b] = await Promise.all([assume('one'), assume('two')]);
    expect(a.AssumedRoleUser!.AssumedRoleId!.split(':')[0]).toBe(
      b.AssumedRoleUser!.AssumedRoleId!.split(':')[0],
    );
    expect(a.Credentials!.AccessKeyId).not.toBe(b.Credentials!.AccessKeyId);
  });

  it.each([
    [
      { RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 'x' },
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      { RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 'bad session' },
      "1 validation error detected: Value 'bad session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    ],
    [
      { RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 'ok', DurationSeconds: 60 },
      "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
    [
      {
        RoleArn: 'arn:aws:iam::000000000000:role/app',
        RoleSessionName: 'ok',
        DurationSeconds: 7200,
      },
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    ],
    [
      { RoleArn: 'not-an-arn-but-long-enough', RoleSessionName: 'ok' },
      'not-an-arn-but-long-enough is invalid',
    ],
  ])('refuses %j with ValidationError', async (input, message) => {
    const error = await stsError(sts().send(new AssumeRoleCommand(input)));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe(message);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$fault).toBe('client');
  });
});

describe('GetSessionToken', () => {
  it('issues credentials that keep the caller identity', async () => {
    const out = await sts({ accessKeyId: '444455556666' }).send(
      new GetSessionTokenCommand({ DurationSeconds: 900 }),
    );
    const creds = out.Credentials!;
    const who = await sts({
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:iam::444455556666:root');
  });

  it('caps a root session at one hour', async () => {
    const out = await sts().send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    const seconds = (out.Credentials!.Expiration!.getTime() - teiki.clock.nowMs()) / 1000;
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(seconds).toBeGreaterThan(3590);
  });

  it('is refused to session credentials', async () => {
    const role = await sts().send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/app',
        RoleSessionName: 's' + 'x',
      }),
    );
    const c = role.Credentials!;
    const error = await stsError(
      sts({
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      }).send(new GetSessionTokenCommand({})),
    );
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe('Cannot call GetSessionToken with session credentials');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });
});
