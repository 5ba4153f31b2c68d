/** Users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser. */
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListGroupsForUserCommand,
  ListUsersCommand,
  paginateListUsers,
  PutUserPolicyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { iamError, LOGS_POLICY, TRUST_ECS_TASKS } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  iam = new IAMClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

describe('CreateUser', () => {
  it('creates a user with AWS defaults', async () => {
    const { User } = await iam.send(new CreateUserCommand({ UserName: 'deployer' }));
    expect(User).toMatchObject({
      UserName: 'deployer',
      Path: '/',
      Arn: 'arn:aws:iam::000000000000:user/deployer',
    });
    expect(User!.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(User!.CreateDate).toBeInstanceOf(Date);
    expect(User).not.toHaveProperty('Tags');
    expect(User).not.toHaveProperty('PermissionsBoundary');
  });

  it('keeps path, tags and boundary', async () => {
    const { User } = await iam.send(
      new CreateUserCommand({
        UserName: 'ci-bot',
        Path: '/automation/',
        Tags: [{ Key: 'purpose', Value: 'ci' }],
        PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    expect(User).toMatchObject({
      Arn: 'arn:aws:iam::000000000000:user/automation/ci-bot',
      Path: '/automation/',
      Tags: [{ Key: 'purpose', Value: 'ci' }],
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
      },
    });
  });

  it('refuses a name already taken, whatever its case', async () => {
    expect(await iamError(iam.send(new CreateUserCommand({ UserName: 'DEPLOYER' })))).toEqual({
      name: 'EntityAlreadyExists',
      message: 'User with name DEPLOYER already exists.',
      status: 409,
    });
  });

  it.each([
    [
      { UserName: 'who am i' },
      "1 validation error detected: Value 'who am i' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    [
      { UserName: 'u'.repeat(65) },
      `1 validation error detected: Value '${'u'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
    [
      { UserName: 'p', Path: '/no-trailing' },
      "1 validation error detected: Value '/no-trailing' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    ],
  ])('refuses bad input with the model message (%o)', async (input, message) => {
    expect(await iamError(iam.send(new CreateUserCommand(input)))).toEqual({
      name: 'ValidationError',
      message,
      status: 400,
    });
  });

  it('refuses repeated tag keys', async () => {
    const error = await iamError(
      iam.send(
        new CreateUserCommand({
          UserName: 'dup-tags',
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'A', Value: '2' },
          ],
        }),
      ),
    );
    expect(error).toEqual({
      name: 'InvalidInput',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      status: 400,
    });
  });
});

describe('GetUser', () => {
  it('reads a user by name in any case', async () => {
    const { User } = await iam.send(new GetUserCommand({ UserName: 'CI-BOT' }));
    expect(User).toMatchObject({ UserName: 'ci-bot', Tags: [{ Key: 'purpose', Value: 'ci' }] });
  });

  it('without a name, answers for the root caller with its root form', async () => {
    const { User } = await iam.send(new GetUserCommand({}));
    expect(User!.UserId).toBe('000000000000');
    expect(User!.Arn).toBe('arn:aws:iam::000000000000:root');
    expect(User!.CreateDate).toBeInstanceOf(Date);
    expect(User).not.toHaveProperty('UserName');
    expect(User).not.toHaveProperty('Path');
    const again = await iam.send(new GetUserCommand({}));
    expect(again.User!.CreateDate).toEqual(User!.CreateDate);
  });

  it('without a name, answers for the calling IAM user', async () => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-bot' }));
    const asUser = new IAMClient(
      teiki.clientConfig({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      }),
    );
    const { User } = await asUser.send(new GetUserCommand({}));
    expect(User).toMatchObject({
      UserName: 'ci-bot',
      Arn: 'arn:aws:iam::000000000000:user/automation/ci-bot',
    });
    await iam.send(
      new DeleteAccessKeyCommand({ UserName: 'ci-bot', AccessKeyId: AccessKey!.AccessKeyId! }),
    );
  });

  it('without a name, refuses a role session', async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'session-role',
        AssumeRolePolicyDocument: TRUST_ECS_TASKS,
      }),
    );
    const { Credentials } = await new STSClient(teiki.clientConfig()).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/session-role',
        RoleSessionName: 'session',
      }),
    );
    const asRole = new IAMClient(
      teiki.clientConfig({
        accessKeyId: Credentials!.AccessKeyId!,
        secretAccessKey: Credentials!.SecretAccessKey!,
        sessionToken: Credentials!.SessionToken!,
      }),
    );
    expect(await iamError(asRole.send(new GetUserCommand({})))).toEqual({
      name: 'ValidationError',
      message: 'Must specify userName when calling with non-User credentials',
      status: 400,
    });
  });

  it('says NoSuchEntity for a missing user', async () => {
    expect(await iamError(iam.send(new GetUserCommand({ UserName: 'nobody' })))).toEqual({
      name: 'NoSuchEntity',
      message: 'The user with name nobody cannot be found.',
      status: 404,
    });
  });
});

describe('ListUsers', () => {
  let lister: IAMClient;
  beforeAll(async () => {
    lister = new IAMClient(teiki.clientConfig({ accessKeyId: '222233334444' }));
    for (const [UserName, Path] of [
      ['amy', '/eng/'],
      ['bob', '/eng/backend/'],
      ['cat', '/ops/'],
      ['dan', '/'],
    ] as const) {
      await lister.send(
        new CreateUserCommand({ UserName, Path, Tags: [{ Key: 'k', Value: 'v' }] }),
      );
    }
  });

  it('lists the users of the account without tags or boundary', async () => {
    const out = await lister.send(new ListUsersCommand({}));
    expect(out.IsTruncated).toBe(false);
    expect(out.Users!.map((user) => user.UserName)).toEqual(['amy', 'bob', 'cat', 'dan']);
    expect(Object.keys(out.Users![0]!).sort()).toEqual([
      'Arn',
      'CreateDate',
      'Path',
      'UserId',
      'UserName',
    ]);
  });

  it('filters by path prefix and pages with the SDK paginator', async () => {
    const eng = await lister.send(new ListUsersCommand({ PathPrefix: '/eng/' }));
    expect(eng.Users!.map((user) => user.UserName)).toEqual(['amy', 'bob']);
    const seen: string[][] = [];
    for await (const page of paginateListUsers({ client: lister, pageSize: 3 }, {})) {
      seen.push(page.Users!.map((user) => user.UserName!));
    }
    expect(seen).toEqual([['amy', 'bob', 'cat'], ['dan']]);
  });
});

describe('UpdateUser', () => {
  it('renames and moves a user, keeping its id, keys and policies', async () => {
    const { User: before } = await iam.send(new CreateUserCommand({ UserName: 'old-name' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'old-name' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'old-name',
        PolicyName: 'logs',
        PolicyDocument: LOGS_POLICY,
      }),
    );
    await iam.send(
      new UpdateUserCommand({ UserName: 'old-name', NewUserName: 'New-Name', NewPath: '/moved/' }),
    );

    const { User } = await iam.send(new GetUserCommand({ UserName: 'new-name' }));
    expect(User).toMatchObject({
      UserName: 'New-Name',
      Path: '/moved/',
      Arn: 'arn:aws:iam::000000000000:user/moved/New-Name',
      UserId: before!.UserId,
      CreateDate: before!.CreateDate,
    });
    expect((await iamError(iam.send(new GetUserCommand({ UserName: 'old-name' })))).name).toBe(
      'NoSuchEntity',
    );
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'New-Name' }));
    expect(keys.AccessKeyMetadata).toEqual([
      expect.objectContaining({ AccessKeyId: AccessKey!.AccessKeyId, UserName: 'New-Name' }),
    ]);

    // The key now signs as the renamed user.
    const asUser = new IAMClient(
      teiki.clientConfig({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      }),
    );
    expect((await asUser.send(new GetUserCommand({}))).User!.Arn).toBe(
      'arn:aws:iam::000000000000:user/moved/New-Name',
    );
  });

  it('changes only the case of a name', async () => {
    await iam.send(new UpdateUserCommand({ UserName: 'new-name', NewUserName: 'new-name' }));
    const { User } = await iam.send(new GetUserCommand({ UserName: 'NEW-NAME' }));
    expect(User!.UserName).toBe('new-name');
    expect(User!.Path).toBe('/moved/');
  });

  it('refuses a new name already taken, and a missing user', async () => {
    expect(
      await iamError(
        iam.send(new UpdateUserCommand({ UserName: 'new-name', NewUserName: 'Deployer' })),
      ),
    ).toEqual({
      name: 'EntityAlreadyExists',
      message: 'User with name Deployer already exists.',
      status: 409,
    });
    expect(
      await iamError(iam.send(new UpdateUserCommand({ UserName: 'ghost', NewPath: '/x/' }))),
    ).toEqual({
      name: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
      status: 404,
    });
  });
});

describe('ListGroupsForUser', () => {
  it('answers no groups (teiki has none), and NoSuchEntity for a missing user', async () => {
    const out = await iam.send(new ListGroupsForUserCommand({ UserName: 'deployer' }));
    expect(out.Groups).toEqual([]);
    expect(out.IsTruncated).toBe(false);
    expect(await iamError(iam.send(new ListGroupsForUserCommand({ UserName: 'ghost' })))).toEqual({
      name: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
      status: 404,
    });
  });
});

describe('DeleteUser', () => {
  it('refuses while the user has access keys, inline or attached policies', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'leaving' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'leaving' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'leaving',
        PolicyName: 'logs',
        PolicyDocument: LOGS_POLICY,
      }),
    );
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: 'leaving',
        PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
      }),
    );
    const conflict = async (message: string) =>
      expect(await iamError(iam.send(new DeleteUserCommand({ UserName: 'leaving' })))).toEqual({
        name: 'DeleteConflict',
        message,
        status: 409,
      });
    await conflict('Cannot delete entity, must delete access keys first.');
    await iam.send(
      new DeleteAccessKeyCommand({ UserName: 'leaving', AccessKeyId: AccessKey!.AccessKeyId! }),
    );
    await conflict('Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'leaving', PolicyName: 'logs' }));
    await conflict('Cannot delete entity, must detach all policies first.');
    await iam.send(
      new DetachUserPolicyCommand({
        UserName: 'leaving',
        PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
      }),
    );
    await iam.send(new DeleteUserCommand({ UserName: 'LEAVING' }));
    expect((await iamError(iam.send(new GetUserCommand({ UserName: 'leaving' })))).name).toBe(
      'NoSuchEntity',
    );
  });

  it('says NoSuchEntity for a missing user', async () => {
    expect(await iamError(iam.send(new DeleteUserCommand({ UserName: 'ghost' })))).toEqual({
      name: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
      status: 404,
    });
  });
});
