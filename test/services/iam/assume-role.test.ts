/** STS AssumeRole over IAM's roles: real role ids, session limits, paths, trust in enforce mode. */
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { TRUST_ECS_TASKS } from './helpers.js';

async function stsFailure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(STSServiceException);
    const e = error as STSServiceException;
    return { name: e.name, message: e.message, status: e.$metadata.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const trusting = (aws: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' }],
  });

describe('open auth mode', () => {
  let teiki: TestTeiki;
  let iam: IAMClient;
  let sts: STSClient;
  beforeAll(async () => {
    teiki = await startTestTeiki();
    iam = new IAMClient(teiki.clientConfig());
    sts = new STSClient(teiki.clientConfig());
  });
  afterAll(() => teiki.close());

  it("answers with the IAM role's id and name", async () => {
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: 'BatchRunner',
        Path: '/jobs/',
        AssumeRolePolicyDocument: TRUST_ECS_TASKS,
        MaxSessionDuration: 7200,
      }),
    );
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/jobs/batchrunner',
        RoleSessionName: 'nightly',
        DurationSeconds: 7200,
      }),
    );
    expect(out.AssumedRoleUser).toEqual({
      AssumedRoleId: `${Role!.RoleId}:nightly`,
      Arn: 'arn:aws:sts::000000000000:assumed-role/BatchRunner/nightly',
    });
  });

  it("refuses a session longer than the role's MaxSessionDuration", async () => {
    expect(
      await stsFailure(
        sts.send(
          new AssumeRoleCommand({
            RoleArn: 'arn:aws:iam::000000000000:role/jobs/BatchRunner',
            RoleSessionName: 'too-long',
            DurationSeconds: 7201,
          }),
        ),
      ),
    ).toEqual({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      status: 400,
    });
  });

  it('does not take an ARN with the wrong path for the role', async () => {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/BatchRunner',
        RoleSessionName: 'pathless',
      }),
    );
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: 'Other', AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
    );
    // Open mode still lets an unknown role be assumed, but it is not the IAM role.
    expect(out.AssumedRoleUser!.AssumedRoleId).not.toMatch(new RegExp(`^${Role!.RoleId}`));
    expect(out.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:pathless$/);
  });
});

describe('enforce auth mode', () => {
  let teiki: TestTeiki;
  const root = { accessKeyId: 'AKIAROOTROOTROOTROOT', secretAccessKey: 'root-secret' };
  let asUser: STSClient;
  let asRoot: STSClient;
  let userArn: string;
  beforeAll(async () => {
    teiki = await startTestTeiki([
      '--in-memory',
      '--auth',
      'enforce',
      '--root-access-key-id',
      root.accessKeyId,
      '--root-secret-access-key',
      root.secretAccessKey,
    ]);
    const iam = new IAMClient(teiki.clientConfig(root));
    const { User } = await iam.send(new CreateUserCommand({ UserName: 'operator' }));
    userArn = User!.Arn!;
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'operator' }));
    asUser = new STSClient(
      teiki.clientConfig({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      }),
    );
    asRoot = new STSClient(teiki.clientConfig(root));
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'trusts-operator',
        AssumeRolePolicyDocument: trusting(userArn),
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'service-only',
        AssumeRolePolicyDocument: TRUST_ECS_TASKS,
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'trusts-account',
        Path: '/team/',
        AssumeRolePolicyDocument: trusting('arn:aws:iam::000000000000:root'),
      }),
    );
  });
  afterAll(() => teiki.close());

  const assume = (client: STSClient, RoleArn: string) =>
    client.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'session' }));

  it('lets a principal the trust policy names assume the role', async () => {
    const out = await assume(asUser, 'arn:aws:iam::000000000000:role/trusts-operator');
    expect(out.AssumedRoleUser!.Arn).toBe(
      'arn:aws:sts::000000000000:assumed-role/trusts-operator/session',
    );
    const viaAccount = await assume(asRoot, 'arn:aws:iam::000000000000:role/team/trusts-account');
    expect(viaAccount.AssumedRoleUser!.Arn).toBe(
      'arn:aws:sts::000000000000:assumed-role/trusts-account/session',
    );
  });

  it.each([
    [
      'a role whose trust policy does not name the caller',
      'operator',
      'arn:aws:iam::000000000000:role/service-only',
    ],
    ['a role the caller is not named in', 'root', 'arn:aws:iam::000000000000:role/trusts-operator'],
    ['an ARN with the wrong path', 'root', 'arn:aws:iam::000000000000:role/trusts-account'],
    ['a role that does not exist', 'operator', 'arn:aws:iam::000000000000:role/nope'],
  ])('refuses %s with AccessDenied', async (_what, who, roleArn) => {
    const client = who === 'root' ? asRoot : asUser;
    const caller = who === 'root' ? 'arn:aws:iam::000000000000:root' : userArn;
    expect(await stsFailure(assume(client, roleArn))).toEqual({
      name: 'AccessDenied',
      message: `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      status: 403,
    });
  });
});
