/** Access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed. */
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { iamError } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  iam = new IAMClient(teiki.clientConfig());
  await iam.send(new CreateUserCommand({ UserName: 'keyholder' }));
  await iam.send(new CreateUserCommand({ UserName: 'other' }));
});
afterAll(() => teiki.close());

describe('CreateAccessKey', () => {
  it('creates an Active key pair in AWS format', async () => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'KeyHolder' }));
    expect(AccessKey).toMatchObject({ UserName: 'keyholder', Status: 'Active' });
    expect(AccessKey!.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(AccessKey!.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(AccessKey!.CreateDate).toBeInstanceOf(Date);
  });

  it('refuses a third key', async () => {
    await iam.send(new CreateAccessKeyCommand({ UserName: 'keyholder' }));
    expect(await iamError(iam.send(new CreateAccessKeyCommand({ UserName: 'keyholder' })))).toEqual(
      {
        name: 'LimitExceeded',
        message: 'Cannot exceed quota for AccessKeysPerUser: 2',
        status: 409,
      },
    );
  });

  it('says NoSuchEntity for a missing user, and needs a user name from a root caller', async () => {
    expect(await iamError(iam.send(new CreateAccessKeyCommand({ UserName: 'ghost' })))).toEqual({
      name: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
      status: 404,
    });
    expect(await iamError(iam.send(new CreateAccessKeyCommand({})))).toEqual({
      name: 'ValidationError',
      message: 'Must specify userName when calling with non-User credentials',
      status: 400,
    });
  });
});

describe('ListAccessKeys, UpdateAccessKey, DeleteAccessKey', () => {
  it('lists the keys, changes their status, and deletes them', async () => {
    const { AccessKeyMetadata, IsTruncated } = await iam.send(
      new ListAccessKeysCommand({ UserName: 'keyholder' }),
    );
    expect(IsTruncated).toBe(false);
    expect(AccessKeyMetadata).toHaveLength(2);
    for (const key of AccessKeyMetadata!) {
      expect(Object.keys(key).sort()).toEqual(['AccessKeyId', 'CreateDate', 'Status', 'UserName']);
      expect(key).toMatchObject({ UserName: 'keyholder', Status: 'Active' });
    }
    const [first, second] = AccessKeyMetadata!.map((key) => key.AccessKeyId!) as [string, string];

    await iam.send(
      new UpdateAccessKeyCommand({ UserName: 'keyholder', AccessKeyId: first, Status: 'Inactive' }),
    );
    const after = await iam.send(new ListAccessKeysCommand({ UserName: 'keyholder' }));
    expect(after.AccessKeyMetadata!.find((key) => key.AccessKeyId === first)!.Status).toBe(
      'Inactive',
    );
    expect(after.AccessKeyMetadata!.find((key) => key.AccessKeyId === second)!.Status).toBe(
      'Active',
    );

    const page = await iam.send(new ListAccessKeysCommand({ UserName: 'keyholder', MaxItems: 1 }));
    expect(page.AccessKeyMetadata).toHaveLength(1);
    expect(page.IsTruncated).toBe(true);

    await iam.send(new DeleteAccessKeyCommand({ UserName: 'keyholder', AccessKeyId: first }));
    const left = await iam.send(new ListAccessKeysCommand({ UserName: 'keyholder' }));
    expect(left.AccessKeyMetadata!.map((key) => key.AccessKeyId)).toEqual([second]);
    // A deleted key frees its place under the quota.
    await iam.send(new CreateAccessKeyCommand({ UserName: 'keyholder' }));
  });

  it("does not find another user's key, or a key that does not exist", async () => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'other' }));
    const id = AccessKey!.AccessKeyId!;
    const notFound = {
      name: 'NoSuchEntity',
      message: `The Access Key with id ${id} cannot be found.`,
      status: 404,
    };
    expect(
      await iamError(
        iam.send(
          new UpdateAccessKeyCommand({
            UserName: 'keyholder',
            AccessKeyId: id,
            Status: 'Inactive',
          }),
        ),
      ),
    ).toEqual(notFound);
    expect(
      await iamError(
        iam.send(new DeleteAccessKeyCommand({ UserName: 'keyholder', AccessKeyId: id })),
      ),
    ).toEqual(notFound);
    expect(
      await iamError(
        iam.send(
          new DeleteAccessKeyCommand({ UserName: 'other', AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' }),
        ),
      ),
    ).toEqual({
      name: 'NoSuchEntity',
      message: 'The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found.',
      status: 404,
    });
  });

  it('refuses a status other than Active or Inactive', async () => {
    const { AccessKeyMetadata } = await iam.send(new ListAccessKeysCommand({ UserName: 'other' }));
    const id = AccessKeyMetadata![0]!.AccessKeyId!;
    expect(
      await iamError(
        iam.send(
          new UpdateAccessKeyCommand({ UserName: 'other', AccessKeyId: id, Status: 'Expired' }),
        ),
      ),
    ).toMatchObject({ name: 'ValidationError', status: 400 });
    const error = await iamError(
      iam.send(
        new UpdateAccessKeyCommand({
          UserName: 'other',
          AccessKeyId: id,
          Status: 'Paused' as never,
        }),
      ),
    );
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain("Value 'Paused' at 'status' failed to satisfy constraint");
  });

  it('acts on the calling user when no user name is given', async () => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'other' }));
    const asOther = new IAMClient(
      teiki.clientConfig({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      }),
    );
    const own = await asOther.send(new ListAccessKeysCommand({}));
    expect(own.AccessKeyMetadata!.map((key) => key.UserName)).toEqual(['other', 'other']);
    await asOther.send(
      new UpdateAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId!, Status: 'Inactive' }),
    );
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: 'other' }));
    expect(
      listed.AccessKeyMetadata!.find((k) => k.AccessKeyId === AccessKey!.AccessKeyId)!.Status,
    ).toBe('Inactive');
  });

  it('says NoSuchEntity for a missing user', async () => {
    expect(await iamError(iam.send(new ListAccessKeysCommand({ UserName: 'ghost' })))).toEqual({
      name: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
      status: 404,
    });
  });
});

describe('GetAccessKeyLastUsed', () => {
  it("names the key's user and reports a never-used key as N/A", async () => {
    await iam.send(new CreateUserCommand({ UserName: 'fresh' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'fresh' }));
    const out = await iam.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey!.AccessKeyId! }),
    );
    expect(out.UserName).toBe('fresh');
    expect(out.AccessKeyLastUsed).toEqual({ Region: 'N/A', ServiceName: 'N/A' });
  });

  it('does not find a key of another account', async () => {
    const elsewhere = new IAMClient(teiki.clientConfig({ accessKeyId: '999988887777' }));
    const { AccessKeyMetadata } = await iam.send(new ListAccessKeysCommand({ UserName: 'fresh' }));
    const id = AccessKeyMetadata![0]!.AccessKeyId!;
    expect(
      await iamError(elsewhere.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }))),
    ).toEqual({
      name: 'NoSuchEntity',
      message: `The Access Key with id ${id} cannot be found.`,
      status: 404,
    });
  });
});

describe('keys sign requests in enforce mode', () => {
  let strict: TestTeiki;
  const root = { accessKeyId: 'AKIAROOTROOTROOTROOT', secretAccessKey: 'root-secret' };
  beforeAll(async () => {
    strict = await startTestTeiki([
      '--in-memory',
      '--auth',
      'enforce',
      '--root-access-key-id',
      root.accessKeyId,
      '--root-secret-access-key',
      root.secretAccessKey,
    ]);
  });
  afterAll(() => strict.close());

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

  it('accepts an Active key as its user, and refuses it once Inactive or deleted', async () => {
    const admin = new IAMClient(strict.clientConfig(root));
    const { User } = await admin.send(
      new CreateUserCommand({ UserName: 'signer', Path: '/robots/' }),
    );
    const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: 'signer' }));
    const asSigner = new STSClient(
      strict.clientConfig({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      }),
    );
    expect(await asSigner.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:user/robots/signer',
      UserId: User!.UserId,
    });

    const wrongSecret = new STSClient(
      strict.clientConfig({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: 'x'.repeat(40),
      }),
    );
    expect((await stsFailure(wrongSecret.send(new GetCallerIdentityCommand({})))).name).toBe(
      'SignatureDoesNotMatch',
    );

    const refused = {
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    };
    await admin.send(
      new UpdateAccessKeyCommand({
        UserName: 'signer',
        AccessKeyId: AccessKey!.AccessKeyId!,
        Status: 'Inactive',
      }),
    );
    expect(await stsFailure(asSigner.send(new GetCallerIdentityCommand({})))).toEqual(refused);

    await admin.send(
      new UpdateAccessKeyCommand({
        UserName: 'signer',
        AccessKeyId: AccessKey!.AccessKeyId!,
        Status: 'Active',
      }),
    );
    expect((await asSigner.send(new GetCallerIdentityCommand({}))).UserId).toBe(User!.UserId);

    await admin.send(
      new DeleteAccessKeyCommand({ UserName: 'signer', AccessKeyId: AccessKey!.AccessKeyId! }),
    );
    expect(await stsFailure(asSigner.send(new GetCallerIdentityCommand({})))).toEqual(refused);
  });

  /** A new user and an STS client signing with its key, used once so the key is known. */
  async function signingUser(userName: string) {
    const admin = new IAMClient(strict.clientConfig(root));
    await admin.send(new CreateUserCommand({ UserName: userName }));
    const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: userName }));
    const asUser = new STSClient(
      strict.clientConfig({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      }),
    );
    expect((await asUser.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:iam::000000000000:user/${userName}`,
    );
    return { admin, asUser };
  }

  it('signs as the renamed user from the request after UpdateUser', async () => {
    const { admin, asUser } = await signingUser('before');
    await admin.send(new UpdateUserCommand({ UserName: 'before', NewUserName: 'after' }));
    expect((await asUser.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:iam::000000000000:user/after',
    );
  });

  it('refuses a key from the first request after POST /_teiki/reset', async () => {
    const { asUser } = await signingUser('wiped');
    const basic = Buffer.from(`${root.accessKeyId}:${root.secretAccessKey}`).toString('base64');
    const reset = await fetch(`${strict.url}/_teiki/reset`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reset.status).toBe(200);
    expect((await stsFailure(asUser.send(new GetCallerIdentityCommand({})))).name).toBe(
      'InvalidClientTokenId',
    );
  });
});
