/** TagRole, UntagRole, ListRoleTags, Put/DeleteRolePermissionsBoundary. */
import {
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  GetRoleCommand,
  IAMClient,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  TagRoleCommand,
  UntagRoleCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { iamError, LOGS_POLICY, TRUST_ECS_TASKS } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  iam = new IAMClient(teiki.clientConfig());
  await iam.send(
    new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
  );
});
afterAll(() => teiki.close());

const tagsOf = async (RoleName = 'tagged') =>
  (await iam.send(new GetRoleCommand({ RoleName }))).Role!.Tags;

describe('TagRole and UntagRole', () => {
  it('adds tags, replaces a key whatever its case, and removes keys', async () => {
    await iam.send(
      new TagRoleCommand({
        RoleName: 'tagged',
        Tags: [
          { Key: 'env', Value: 'dev' },
          { Key: 'team', Value: 'data' },
        ],
      }),
    );
    expect(await tagsOf()).toEqual([
      { Key: 'env', Value: 'dev' },
      { Key: 'team', Value: 'data' },
    ]);
    await iam.send(
      new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'ENV', Value: 'prod' }] }),
    );
    expect(await tagsOf()).toEqual([
      { Key: 'team', Value: 'data' },
      { Key: 'ENV', Value: 'prod' },
    ]);
    await iam.send(new UntagRoleCommand({ RoleName: 'tagged', TagKeys: ['env', 'absent'] }));
    expect(await tagsOf()).toEqual([{ Key: 'team', Value: 'data' }]);
    await iam.send(new UntagRoleCommand({ RoleName: 'tagged', TagKeys: ['team'] }));
    expect(await tagsOf()).toBeUndefined();
  });

  it('refuses to pass 50 tags on a role', async () => {
    const Tags = Array.from({ length: 30 }, (_, i) => ({ Key: `a${i}`, Value: 'v' }));
    await iam.send(new TagRoleCommand({ RoleName: 'tagged', Tags }));
    const more = Array.from({ length: 21 }, (_, i) => ({ Key: `b${i}`, Value: 'v' }));
    expect(
      await iamError(iam.send(new TagRoleCommand({ RoleName: 'tagged', Tags: more }))),
    ).toEqual({
      name: 'LimitExceeded',
      message: 'Cannot exceed quota for TagsPerRole: 50',
      status: 409,
    });
    expect(await tagsOf()).toHaveLength(30);
    await iam.send(
      new UntagRoleCommand({ RoleName: 'tagged', TagKeys: Tags.map((tag) => tag.Key) }),
    );
  });

  it('refuses repeated keys and bad characters', async () => {
    expect(
      await iamError(
        iam.send(
          new TagRoleCommand({
            RoleName: 'tagged',
            Tags: [
              { Key: 'k', Value: '1' },
              { Key: 'K', Value: '2' },
            ],
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidInput',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      status: 400,
    });
    const error = await iamError(
      iam.send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'bad#key', Value: 'v' }] })),
    );
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain(
      "Value 'bad#key' at 'tags.1.member.key' failed to satisfy constraint",
    );
  });

  it('says NoSuchEntity for a missing role', async () => {
    const missing = {
      name: 'NoSuchEntity',
      message: 'The role with name ghost cannot be found.',
      status: 404,
    };
    expect(
      await iamError(
        iam.send(new TagRoleCommand({ RoleName: 'ghost', Tags: [{ Key: 'a', Value: 'b' }] })),
      ),
    ).toEqual(missing);
    expect(
      await iamError(iam.send(new UntagRoleCommand({ RoleName: 'ghost', TagKeys: ['a'] }))),
    ).toEqual(missing);
    expect(await iamError(iam.send(new ListRoleTagsCommand({ RoleName: 'ghost' })))).toEqual(
      missing,
    );
  });
});

describe('ListRoleTags', () => {
  it('lists tags sorted by key, in pages', async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'listed',
        AssumeRolePolicyDocument: TRUST_ECS_TASKS,
        Tags: [
          { Key: 'zeta', Value: '3' },
          { Key: 'alpha', Value: '1' },
          { Key: 'mid', Value: '2' },
        ],
      }),
    );
    const all = await iam.send(new ListRoleTagsCommand({ RoleName: 'listed' }));
    expect(all.Tags).toEqual([
      { Key: 'alpha', Value: '1' },
      { Key: 'mid', Value: '2' },
      { Key: 'zeta', Value: '3' },
    ]);
    expect(all.IsTruncated).toBe(false);

    const first = await iam.send(new ListRoleTagsCommand({ RoleName: 'listed', MaxItems: 2 }));
    expect(first.Tags!.map((tag) => tag.Key)).toEqual(['alpha', 'mid']);
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(
      new ListRoleTagsCommand({ RoleName: 'listed', MaxItems: 2, Marker: first.Marker }),
    );
    expect(rest.Tags!.map((tag) => tag.Key)).toEqual(['zeta']);
    expect(rest.IsTruncated).toBe(false);
  });

  it('answers an empty list for a role without tags', async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: 'bare', AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
    );
    const out = await iam.send(new ListRoleTagsCommand({ RoleName: 'bare' }));
    expect(out.Tags).toEqual([]);
    expect(out.IsTruncated).toBe(false);
  });
});

describe('permissions boundaries', () => {
  it('sets a customer managed boundary, replaces it with an AWS managed one, and removes it', async () => {
    const { Policy } = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'Boundary', PolicyDocument: LOGS_POLICY }),
    );
    await iam.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: 'tagged',
        PermissionsBoundary: Policy!.Arn,
      }),
    );
    expect(
      (await iam.send(new GetRoleCommand({ RoleName: 'tagged' }))).Role!.PermissionsBoundary,
    ).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: 'arn:aws:iam::000000000000:policy/Boundary',
    });
    await iam.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: 'tagged',
        PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    expect(
      (await iam.send(new GetRoleCommand({ RoleName: 'tagged' }))).Role!.PermissionsBoundary!
        .PermissionsBoundaryArn,
    ).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'tagged' }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'tagged' }))).Role).not.toHaveProperty(
      'PermissionsBoundary',
    );
  });

  it.each([
    [
      'arn:aws:iam::000000000000:policy/Missing',
      'NoSuchEntity',
      'Scope ARN: arn:aws:iam::000000000000:policy/Missing does not exist or is not attachable.',
      404,
    ],
    [
      'arn:aws:iam::aws:policy/NotAManagedPolicy',
      'NoSuchEntity',
      'Scope ARN: arn:aws:iam::aws:policy/NotAManagedPolicy does not exist or is not attachable.',
      404,
    ],
    [
      'arn:aws:iam::000000000000:role/tagged',
      'InvalidInput',
      'Value (arn:aws:iam::000000000000:role/tagged) for parameter PermissionsBoundary is invalid.',
      400,
    ],
  ])('refuses %s', async (arn, name, message, status) => {
    expect(
      await iamError(
        iam.send(
          new PutRolePermissionsBoundaryCommand({ RoleName: 'tagged', PermissionsBoundary: arn }),
        ),
      ),
    ).toEqual({ name, message, status });
  });

  it('says NoSuchEntity for a missing role', async () => {
    const missing = {
      name: 'NoSuchEntity',
      message: 'The role with name ghost cannot be found.',
      status: 404,
    };
    expect(
      await iamError(
        iam.send(
          new PutRolePermissionsBoundaryCommand({
            RoleName: 'ghost',
            PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
          }),
        ),
      ),
    ).toEqual(missing);
    expect(
      await iamError(iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'ghost' }))),
    ).toEqual(missing);
  });
});
