/** A user's tags, permissions boundary and inline policies. */
import {
  CreateUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { iamError, LOGS_POLICY } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  iam = new IAMClient(teiki.clientConfig());
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
});
afterAll(() => teiki.close());

const missingUser = {
  name: 'NoSuchEntity',
  message: 'The user with name ghost cannot be found.',
  status: 404,
};

describe('TagUser, UntagUser, ListUserTags', () => {
  it('tags, lists sorted by key, and untags', async () => {
    await iam.send(
      new TagUserCommand({
        UserName: 'alice',
        Tags: [
          { Key: 'team', Value: 'data' },
          { Key: 'cost-center', Value: '42' },
        ],
      }),
    );
    await iam.send(
      new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'TEAM', Value: 'ops' }] }),
    );
    const out = await iam.send(new ListUserTagsCommand({ UserName: 'alice' }));
    expect(out.Tags).toEqual([
      { Key: 'TEAM', Value: 'ops' },
      { Key: 'cost-center', Value: '42' },
    ]);
    expect(out.IsTruncated).toBe(false);
    expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User!.Tags).toHaveLength(2);

    await iam.send(new UntagUserCommand({ UserName: 'alice', TagKeys: ['team', 'cost-center'] }));
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'alice' }))).Tags).toEqual([]);
    expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User).not.toHaveProperty(
      'Tags',
    );
  });

  it('refuses to pass 50 tags', async () => {
    const Tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await iam.send(new TagUserCommand({ UserName: 'alice', Tags: Tags.slice(0, 50) }));
    expect(
      await iamError(iam.send(new TagUserCommand({ UserName: 'alice', Tags: Tags.slice(50) }))),
    ).toEqual({
      name: 'LimitExceeded',
      message: 'Cannot exceed quota for TagsPerUser: 50',
      status: 409,
    });
    const page = await iam.send(new ListUserTagsCommand({ UserName: 'alice', MaxItems: 40 }));
    expect(page.Tags).toHaveLength(40);
    expect(page.IsTruncated).toBe(true);
    const rest = await iam.send(
      new ListUserTagsCommand({ UserName: 'alice', Marker: page.Marker }),
    );
    expect(rest.Tags).toHaveLength(10);
    await iam.send(
      new UntagUserCommand({ UserName: 'alice', TagKeys: Tags.slice(0, 50).map((t) => t.Key) }),
    );
  });

  it('says NoSuchEntity for a missing user', async () => {
    expect(
      await iamError(
        iam.send(new TagUserCommand({ UserName: 'ghost', Tags: [{ Key: 'a', Value: 'b' }] })),
      ),
    ).toEqual(missingUser);
    expect(
      await iamError(iam.send(new UntagUserCommand({ UserName: 'ghost', TagKeys: ['a'] }))),
    ).toEqual(missingUser);
    expect(await iamError(iam.send(new ListUserTagsCommand({ UserName: 'ghost' })))).toEqual(
      missingUser,
    );
  });
});

describe('user permissions boundaries', () => {
  it('puts and deletes a boundary', async () => {
    await iam.send(
      new PutUserPermissionsBoundaryCommand({
        UserName: 'alice',
        PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
      }),
    );
    expect(
      (await iam.send(new GetUserCommand({ UserName: 'alice' }))).User!.PermissionsBoundary,
    ).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
    });
    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'alice' }));
    expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User).not.toHaveProperty(
      'PermissionsBoundary',
    );
  });

  it('refuses a policy that does not exist, and a missing user', async () => {
    const arn = 'arn:aws:iam::000000000000:policy/none';
    expect(
      await iamError(
        iam.send(
          new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: arn }),
        ),
      ),
    ).toEqual({
      name: 'NoSuchEntity',
      message: `Scope ARN: ${arn} does not exist or is not attachable.`,
      status: 404,
    });
    expect(
      await iamError(iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'ghost' }))),
    ).toEqual(missingUser);
  });
});

describe('user inline policies', () => {
  it('puts, reads URL-encoded, lists and deletes', async () => {
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'write-logs',
        PolicyDocument: LOGS_POLICY,
      }),
    );
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'audit',
        PolicyDocument: LOGS_POLICY,
      }),
    );
    const got = await iam.send(
      new GetUserPolicyCommand({ UserName: 'ALICE', PolicyName: 'write-logs' }),
    );
    expect(got).toMatchObject({
      UserName: 'alice',
      PolicyName: 'write-logs',
      PolicyDocument: encodeURIComponent(LOGS_POLICY),
    });
    const listed = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }));
    expect(listed.PolicyNames).toEqual(['audit', 'write-logs']);
    expect(listed.IsTruncated).toBe(false);

    await iam.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'audit' }));
    expect(
      (await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }))).PolicyNames,
    ).toEqual(['write-logs']);
  });

  it("refuses to pass the user's 2,048 character inline policy quota", async () => {
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'x'.repeat(2000)}` },
      ],
    });
    expect(
      await iamError(
        iam.send(
          new PutUserPolicyCommand({
            UserName: 'alice',
            PolicyName: 'huge',
            PolicyDocument: document,
          }),
        ),
      ),
    ).toEqual({
      name: 'LimitExceeded',
      message: 'Maximum policy size of 2048 bytes exceeded for user alice',
      status: 409,
    });
  });

  it('refuses a malformed document, and says NoSuchEntity for missing users and policies', async () => {
    expect(
      await iamError(
        iam.send(
          new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'bad', PolicyDocument: '{' }),
        ),
      ),
    ).toEqual({
      name: 'MalformedPolicyDocument',
      message: 'Syntax errors in policy.',
      status: 400,
    });
    expect(
      await iamError(
        iam.send(
          new PutUserPolicyCommand({
            UserName: 'ghost',
            PolicyName: 'p',
            PolicyDocument: LOGS_POLICY,
          }),
        ),
      ),
    ).toEqual(missingUser);
    expect(
      await iamError(
        iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'absent' })),
      ),
    ).toEqual({
      name: 'NoSuchEntity',
      message: 'The user policy with name absent cannot be found.',
      status: 404,
    });
    expect(
      await iamError(
        iam.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'absent' })),
      ),
    ).toEqual({
      name: 'NoSuchEntity',
      message: 'The user policy with name absent cannot be found.',
      status: 404,
    });
    expect(await iamError(iam.send(new ListUserPoliciesCommand({ UserName: 'ghost' })))).toEqual(
      missingUser,
    );
  });
});
