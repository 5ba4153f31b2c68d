/** Roles: ListRoles, UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy, trust principals. */
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  paginateListRoles,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
  type Role,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { iamError, TRUST_ECS_TASKS } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  iam = new IAMClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

async function createRole(
  name: string,
  extra: Partial<ConstructorParameters<typeof CreateRoleCommand>[0]> = {},
) {
  const out = await iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST_ECS_TASKS, ...extra }),
  );
  return out.Role!;
}

describe('ListRoles', () => {
  let lister: IAMClient;
  beforeAll(async () => {
    lister = new IAMClient(teiki.clientConfig({ accessKeyId: '444455556666' }));
    for (const [name, path] of [
      ['app-a', '/app/'],
      ['app-b', '/app/'],
      ['app-c', '/app/inner/'],
      ['ops-a', '/ops/'],
      ['root-a', '/'],
    ] as const) {
      await lister.send(
        new CreateRoleCommand({
          RoleName: name,
          Path: path,
          AssumeRolePolicyDocument: TRUST_ECS_TASKS,
          Description: `role ${name}`,
          Tags: [{ Key: 'k', Value: 'v' }],
          PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
        }),
      );
    }
  });

  it('lists every role of the account, without boundary, tags or last use', async () => {
    const out = await lister.send(new ListRolesCommand({}));
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    expect(out.Roles!.map((role) => role.RoleName)).toEqual([
      'app-a',
      'app-b',
      'app-c',
      'ops-a',
      'root-a',
    ]);
    const first = out.Roles![0] as Role;
    expect(Object.keys(first).sort()).toEqual([
      'Arn',
      'AssumeRolePolicyDocument',
      'CreateDate',
      'Description',
      'MaxSessionDuration',
      'Path',
      'RoleId',
      'RoleName',
    ]);
  });

  it('filters by path prefix', async () => {
    const names = async (PathPrefix: string) =>
      (await lister.send(new ListRolesCommand({ PathPrefix }))).Roles!.map((r) => r.RoleName);
    expect(await names('/app/')).toEqual(['app-a', 'app-b', 'app-c']);
    expect(await names('/app/inner')).toEqual(['app-c']);
    expect(await names('/nothing/')).toEqual([]);
  });

  it('pages with MaxItems and Marker', async () => {
    const first = await lister.send(new ListRolesCommand({ MaxItems: 2 }));
    expect(first.Roles!.map((r) => r.RoleName)).toEqual(['app-a', 'app-b']);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toEqual(expect.any(String));
    const second = await lister.send(new ListRolesCommand({ MaxItems: 2, Marker: first.Marker }));
    expect(second.Roles!.map((r) => r.RoleName)).toEqual(['app-c', 'ops-a']);
    const last = await lister.send(new ListRolesCommand({ MaxItems: 2, Marker: second.Marker }));
    expect(last.Roles!.map((r) => r.RoleName)).toEqual(['root-a']);
    expect(last.IsTruncated).toBe(false);
    expect(last.Marker).toBeUndefined();
  });

  it('pages a path-filtered listing through the SDK paginator', async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListRoles(
      { client: lister, pageSize: 1 },
      { PathPrefix: '/app/' },
    )) {
      pages += 1;
      seen.push(...page.Roles!.map((r) => r.RoleName!));
    }
    expect(seen).toEqual(['app-a', 'app-b', 'app-c']);
    expect(pages).toBe(3);
  });

  it('refuses a marker it did not issue', async () => {
    expect(await iamError(lister.send(new ListRolesCommand({ Marker: 'garbage' })))).toEqual({
      name: 'ValidationError',
      message: 'Invalid Marker.',
      status: 400,
    });
  });

  it('refuses MaxItems out of range with the model message', async () => {
    const error = await iamError(lister.send(new ListRolesCommand({ MaxItems: 0 })));
    expect(error).toEqual({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
  });
});

describe('UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy', () => {
  it('changes the description and the session limit', async () => {
    await createRole('to-update');
    await iam.send(
      new UpdateRoleCommand({
        RoleName: 'to-update',
        Description: 'now described',
        MaxSessionDuration: 43200,
      }),
    );
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'to-update' }));
    expect(Role).toMatchObject({ Description: 'now described', MaxSessionDuration: 43200 });

    await iam.send(new UpdateRoleCommand({ RoleName: 'to-update', MaxSessionDuration: 3600 }));
    const again = await iam.send(new GetRoleCommand({ RoleName: 'to-update' }));
    expect(again.Role).toMatchObject({ Description: 'now described', MaxSessionDuration: 3600 });
  });

  it('UpdateRoleDescription answers with the updated role', async () => {
    const out = await iam.send(
      new UpdateRoleDescriptionCommand({ RoleName: 'to-update', Description: 'second' }),
    );
    expect(out.Role).toMatchObject({ RoleName: 'to-update', Description: 'second' });
  });

  it('replaces the trust policy', async () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    await iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'to-update', PolicyDocument: trust }),
    );
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'to-update' }));
    expect(Role!.AssumeRolePolicyDocument).toBe(encodeURIComponent(trust));
    expect(
      await iamError(
        iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'to-update', PolicyDocument: '[' })),
      ),
    ).toEqual({
      name: 'MalformedPolicyDocument',
      message: 'This policy contains invalid Json',
      status: 400,
    });
    const after = await iam.send(new GetRoleCommand({ RoleName: 'to-update' }));
    expect(after.Role!.AssumeRolePolicyDocument).toBe(encodeURIComponent(trust));
  });

  it('refuses a session limit out of range', async () => {
    const error = await iamError(
      iam.send(new UpdateRoleCommand({ RoleName: 'to-update', MaxSessionDuration: 50000 })),
    );
    expect(error.name).toBe('ValidationError');
    expect(error.status).toBe(400);
  });

  it.each([
    ['UpdateRole', () => new UpdateRoleCommand({ RoleName: 'ghost', Description: 'x' })],
    [
      'UpdateRoleDescription',
      () => new UpdateRoleDescriptionCommand({ RoleName: 'ghost', Description: 'x' }),
    ],
    [
      'UpdateAssumeRolePolicy',
      () =>
        new UpdateAssumeRolePolicyCommand({ RoleName: 'ghost', PolicyDocument: TRUST_ECS_TASKS }),
    ],
    ['DeleteRole', () => new DeleteRoleCommand({ RoleName: 'ghost' })],
  ])('%s says NoSuchEntity for a missing role', async (_op, command) => {
    expect(await iamError(iam.send(command() as never))).toEqual({
      name: 'NoSuchEntity',
      message: 'The role with name ghost cannot be found.',
      status: 404,
    });
  });
});

describe('trust policies naming IAM principals', () => {
  it('accepts users and roles that exist, at their path', async () => {
    const target = await createRole('trusted-target', { Path: '/deep/' });
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: target.Arn }, Action: 'sts:AssumeRole' }],
    });
    const role = await createRole('trusts-a-role', { AssumeRolePolicyDocument: trust });
    expect(role.AssumeRolePolicyDocument).toBe(encodeURIComponent(trust));
  });

  it.each([
    ['a role that does not exist', 'arn:aws:iam::000000000000:role/NoSuchRole'],
    ['a role under another path', 'arn:aws:iam::000000000000:role/trusted-target'],
    ['a user that does not exist', 'arn:aws:iam::000000000000:user/nobody'],
  ])('refuses %s as AWS does', async (_what, arn) => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' }],
    });
    expect(
      await iamError(createRole('trusts-nobody', { AssumeRolePolicyDocument: trust })),
    ).toEqual({
      name: 'MalformedPolicyDocument',
      message: `Invalid principal in policy: "AWS":"${arn}"`,
      status: 400,
    });
    expect(
      await iamError(
        iam.send(
          new UpdateAssumeRolePolicyCommand({ RoleName: 'trusts-a-role', PolicyDocument: trust }),
        ),
      ),
    ).toEqual({
      name: 'MalformedPolicyDocument',
      message: `Invalid principal in policy: "AWS":"${arn}"`,
      status: 400,
    });
  });
});
