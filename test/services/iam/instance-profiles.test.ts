/** Instance profiles and their (one) role. */
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  GetInstanceProfileCommand,
  IAMClient,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  paginateListInstanceProfiles,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { iamError, TRUST_ECS_TASKS } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  iam = new IAMClient(teiki.clientConfig());
  for (const RoleName of ['ec2-role', 'other-role']) {
    await iam.send(
      new CreateRoleCommand({
        RoleName,
        Path: '/nodes/',
        AssumeRolePolicyDocument: TRUST_ECS_TASKS,
      }),
    );
  }
});
afterAll(() => teiki.close());

const missingProfile = (name: string) => ({
  name: 'NoSuchEntity',
  message: `Instance Profile ${name} cannot be found.`,
  status: 404,
});

describe('CreateInstanceProfile and GetInstanceProfile', () => {
  it('creates an empty profile and reads it back', async () => {
    const { InstanceProfile } = await iam.send(
      new CreateInstanceProfileCommand({
        InstanceProfileName: 'web',
        Path: '/fleet/',
        Tags: [{ Key: 'tier', Value: 'web' }],
      }),
    );
    expect(InstanceProfile).toMatchObject({
      InstanceProfileName: 'web',
      Path: '/fleet/',
      Arn: 'arn:aws:iam::000000000000:instance-profile/fleet/web',
      Roles: [],
      Tags: [{ Key: 'tier', Value: 'web' }],
    });
    expect(InstanceProfile!.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    expect(InstanceProfile!.CreateDate).toBeInstanceOf(Date);
    const { InstanceProfile: got } = await iam.send(
      new GetInstanceProfileCommand({ InstanceProfileName: 'WEB' }),
    );
    expect(got).toEqual(InstanceProfile);
  });

  it('refuses a duplicate name, bad names, and says NoSuchEntity for a missing profile', async () => {
    expect(
      await iamError(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'Web' }))),
    ).toEqual({
      name: 'EntityAlreadyExists',
      message: 'Instance Profile Web already exists.',
      status: 409,
    });
    const bad = await iamError(
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'no spaces' })),
    );
    expect(bad).toEqual({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'no spaces' at 'instanceProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
      status: 400,
    });
    expect(
      await iamError(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'absent' }))),
    ).toEqual(missingProfile('absent'));
  });
});

describe('roles in instance profiles', () => {
  it('adds one role, refuses a second, lists profiles for the role, and removes it', async () => {
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'EC2-ROLE' }),
    );
    const { InstanceProfile } = await iam.send(
      new GetInstanceProfileCommand({ InstanceProfileName: 'web' }),
    );
    expect(InstanceProfile!.Roles).toHaveLength(1);
    expect(InstanceProfile!.Roles![0]).toMatchObject({
      RoleName: 'ec2-role',
      Path: '/nodes/',
      Arn: 'arn:aws:iam::000000000000:role/nodes/ec2-role',
      AssumeRolePolicyDocument: encodeURIComponent(TRUST_ECS_TASKS),
    });
    expect(InstanceProfile!.Roles![0]).not.toHaveProperty('RoleLastUsed');

    for (const RoleName of ['other-role', 'ec2-role']) {
      expect(
        await iamError(
          iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName })),
        ),
      ).toEqual({
        name: 'LimitExceeded',
        message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
        status: 409,
      });
    }

    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'batch' }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'batch', RoleName: 'ec2-role' }),
    );
    const forRole = await iam.send(
      new ListInstanceProfilesForRoleCommand({ RoleName: 'ec2-role' }),
    );
    expect(forRole.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(['batch', 'web']);
    expect(forRole.IsTruncated).toBe(false);
    const firstOnly = await iam.send(
      new ListInstanceProfilesForRoleCommand({ RoleName: 'ec2-role', MaxItems: 1 }),
    );
    expect(firstOnly.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(['batch']);
    expect(firstOnly.IsTruncated).toBe(true);
    const none = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'other-role' }));
    expect(none.InstanceProfiles).toEqual([]);

    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({
        InstanceProfileName: 'batch',
        RoleName: 'ec2-role',
      }),
    );
    expect(
      (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'batch' })))
        .InstanceProfile!.Roles,
    ).toEqual([]);
    expect(
      await iamError(
        iam.send(
          new RemoveRoleFromInstanceProfileCommand({
            InstanceProfileName: 'batch',
            RoleName: 'ec2-role',
          }),
        ),
      ),
    ).toEqual({
      name: 'NoSuchEntity',
      message: 'The role with name ec2-role cannot be found.',
      status: 404,
    });
  });

  it('says NoSuchEntity for a missing role or profile', async () => {
    const noRole = {
      name: 'NoSuchEntity',
      message: 'The role with name ghost cannot be found.',
      status: 404,
    };
    expect(
      await iamError(
        iam.send(
          new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'batch', RoleName: 'ghost' }),
        ),
      ),
    ).toEqual(noRole);
    expect(
      await iamError(
        iam.send(
          new AddRoleToInstanceProfileCommand({
            InstanceProfileName: 'ghost',
            RoleName: 'ec2-role',
          }),
        ),
      ),
    ).toEqual(missingProfile('ghost'));
    expect(
      await iamError(
        iam.send(
          new RemoveRoleFromInstanceProfileCommand({
            InstanceProfileName: 'ghost',
            RoleName: 'ec2-role',
          }),
        ),
      ),
    ).toEqual(missingProfile('ghost'));
    expect(
      await iamError(iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'ghost' }))),
    ).toEqual(noRole);
  });
});

describe('ListInstanceProfiles', () => {
  it('lists profiles without tags, by path prefix, in pages', async () => {
    const all = await iam.send(new ListInstanceProfilesCommand({}));
    expect(all.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(['batch', 'web']);
    expect(all.InstanceProfiles![1]).not.toHaveProperty('Tags');
    expect(all.InstanceProfiles![1]!.Roles!.map((r) => r.RoleName)).toEqual(['ec2-role']);
    const fleet = await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/fleet/' }));
    expect(fleet.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(['web']);
    const pages: string[][] = [];
    for await (const page of paginateListInstanceProfiles({ client: iam, pageSize: 1 }, {})) {
      pages.push(page.InstanceProfiles!.map((p) => p.InstanceProfileName!));
    }
    expect(pages).toEqual([['batch'], ['web']]);
  });
});

describe('instance profile tags', () => {
  it('tags, lists and untags', async () => {
    await iam.send(
      new TagInstanceProfileCommand({
        InstanceProfileName: 'batch',
        Tags: [
          { Key: 'b', Value: '2' },
          { Key: 'a', Value: '1' },
        ],
      }),
    );
    expect(
      (await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'batch' }))).Tags,
    ).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    await iam.send(
      new UntagInstanceProfileCommand({ InstanceProfileName: 'batch', TagKeys: ['a'] }),
    );
    expect(
      (await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'batch' }))).Tags,
    ).toEqual([{ Key: 'b', Value: '2' }]);
    expect(
      await iamError(
        iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'ghost' })),
      ),
    ).toEqual(missingProfile('ghost'));
  });
});

describe('DeleteInstanceProfile', () => {
  it('refuses while a role is in the profile, then deletes', async () => {
    expect(
      await iamError(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }))),
    ).toEqual({
      name: 'DeleteConflict',
      message: 'Cannot delete entity, must remove roles from instance profile first.',
      status: 409,
    });
    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({
        InstanceProfileName: 'web',
        RoleName: 'ec2-role',
      }),
    );
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }));
    expect(
      await iamError(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }))),
    ).toEqual(missingProfile('web'));
    expect(
      await iamError(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }))),
    ).toEqual(missingProfile('web'));
  });
});
