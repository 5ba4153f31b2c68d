import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
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
import { iamError, LOGS_POLICY, TRUST_ECS_TASKS, uniqueName } from './helpers.js';

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

describe('CreateRole', () => {
  it('creates a role with AWS defaults and answers with it', async () => {
    const before = teiki.clock.nowMs();
    const role = await createRole('EcsTaskExecution');
    expect(role).toMatchObject({
      RoleName: 'EcsTaskExecution',
      Path: '/',
      Arn: 'arn:aws:iam::000000000000:role/EcsTaskExecution',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: encodeURIComponent(TRUST_ECS_TASKS),
    });
    expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role.CreateDate).toBeInstanceOf(Date);
    expect(role.CreateDate!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(role).not.toHaveProperty('Tags');
    expect(role).not.toHaveProperty('Description');
    expect(role).not.toHaveProperty('PermissionsBoundary');
  });

  it('keeps path, description, session limit, boundary and tags', async () => {
    const role = await createRole('scheduled-runner', {
      Path: '/service/batch/',
      Description: 'Runs the nightly task',
      MaxSessionDuration: 7200,
      PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      Tags: [
        { Key: 'team', Value: 'data' },
        { Key: 'env', Value: '' },
      ],
    });
    expect(role).toMatchObject({
      Path: '/service/batch/',
      Arn: 'arn:aws:iam::000000000000:role/service/batch/scheduled-runner',
      Description: 'Runs the nightly task',
      MaxSessionDuration: 7200,
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
      },
      Tags: [
        { Key: 'team', Value: 'data' },
        { Key: 'env', Value: '' },
      ],
    });
  });

  it('puts each account in its own namespace', async () => {
    const other = new IAMClient(teiki.clientConfig({ accessKeyId: '111122223333' }));
    const out = await other.send(
      new CreateRoleCommand({
        RoleName: 'EcsTaskExecution',
        AssumeRolePolicyDocument: TRUST_ECS_TASKS,
      }),
    );
    expect(out.Role!.Arn).toBe('arn:aws:iam::111122223333:role/EcsTaskExecution');
  });

  it('refuses a name already taken, whatever its case', async () => {
    await createRole('Dup-Role');
    for (const name of ['Dup-Role', 'dup-role', 'DUP-ROLE']) {
      expect(await iamError(createRole(name))).toEqual({
        name: 'EntityAlreadyExists',
        message: `Role with name ${name} already exists.`,
        status: 409,
      });
    }
  });

  it.each([
    [
      'a name with bad characters',
      { RoleName: 'bad name!' },
      "1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    [
      'a name over 64 characters',
      { RoleName: 'r'.repeat(65) },
      `1 validation error detected: Value '${'r'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
    [
      'a path without slashes',
      { RoleName: 'p1', Path: 'service' },
      "1 validation error detected: Value 'service' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    ],
    [
      'a session limit under an hour',
      { RoleName: 'm1', MaxSessionDuration: 3599 },
      "1 validation error detected: Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    ],
    [
      'a session limit over twelve hours',
      { RoleName: 'm2', MaxSessionDuration: 43201 },
      "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200",
    ],
  ])('refuses %s with the model validation message', async (_what, input, message) => {
    const error = await iamError(
      iam.send(new CreateRoleCommand({ AssumeRolePolicyDocument: TRUST_ECS_TASKS, ...input })),
    );
    expect(error).toEqual({ name: 'ValidationError', message, status: 400 });
  });

  it('refuses more than 50 tags', async () => {
    const Tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const error = await iamError(createRole('many-tags', { Tags }));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toMatch(
      /^1 validation error detected: Value '.*' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    );
    expect(error.status).toBe(400);
  });

  it('refuses tag keys repeated in any case', async () => {
    const error = await iamError(
      createRole('dup-tags', {
        Tags: [
          { Key: 'Env', Value: 'a' },
          { Key: 'env', Value: 'b' },
        ],
      }),
    );
    expect(error).toEqual({
      name: 'InvalidInput',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      status: 400,
    });
  });

  it('refuses a trust policy that is not a policy', async () => {
    const error = await iamError(
      createRole('bad-trust', { AssumeRolePolicyDocument: '{not json' }),
    );
    expect(error).toEqual({
      name: 'MalformedPolicyDocument',
      message: 'This policy contains invalid Json',
      status: 400,
    });
    expect((await iamError(iam.send(new GetRoleCommand({ RoleName: 'bad-trust' })))).name).toBe(
      'NoSuchEntity',
    );
  });

  it('refuses a boundary that is not a policy ARN, or a policy that does not exist', async () => {
    expect(
      await iamError(
        createRole('bad-boundary', { PermissionsBoundary: 'arn:aws:s3:::my-bucket/x' }),
      ),
    ).toEqual({
      name: 'InvalidInput',
      message: 'Value (arn:aws:s3:::my-bucket/x) for parameter PermissionsBoundary is invalid.',
      status: 400,
    });
    const missing = 'arn:aws:iam::000000000000:policy/NoSuchBoundary';
    expect(await iamError(createRole('bad-boundary', { PermissionsBoundary: missing }))).toEqual({
      name: 'NoSuchEntity',
      message: `Scope ARN: ${missing} does not exist or is not attachable.`,
      status: 404,
    });
  });
});

describe('GetRole', () => {
  it('returns the role with its trust policy URL-encoded and an empty RoleLastUsed', async () => {
    const document = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'events & scheduler',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'scheduler.amazonaws.com'] },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      null,
      2,
    );
    const created = await createRole('EventsInvoke', {
      AssumeRolePolicyDocument: document,
      Tags: [{ Key: 'owner', Value: 'ops' }],
    });
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'EventsInvoke' }));
    expect(Role).toEqual({
      Path: '/',
      RoleName: 'EventsInvoke',
      RoleId: created.RoleId,
      Arn: 'arn:aws:iam::000000000000:role/EventsInvoke',
      CreateDate: created.CreateDate,
      AssumeRolePolicyDocument: encodeURIComponent(document),
      MaxSessionDuration: 3600,
      Tags: [{ Key: 'owner', Value: 'ops' }],
      RoleLastUsed: {},
    });
    expect(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).toBe(document);
    expect(Role!.AssumeRolePolicyDocument).toContain('%0A%20%20');
  });

  it('finds a role by its name in any case and answers with the name as written', async () => {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'ecstaskexecution' }));
    expect(Role!.RoleName).toBe('EcsTaskExecution');
  });

  it('says NoSuchEntity for a role that does not exist', async () => {
    expect(await iamError(iam.send(new GetRoleCommand({ RoleName: 'nope' })))).toEqual({
      name: 'NoSuchEntity',
      message: 'The role with name nope cannot be found.',
      status: 404,
    });
  });
});

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

describe('DeleteRole', () => {
  it('refuses while the role has inline policies, attached policies or instance profiles', async () => {
    await createRole('busy');
    const conflict = async (message: string) =>
      expect(await iamError(iam.send(new DeleteRoleCommand({ RoleName: 'busy' })))).toEqual({
        name: 'DeleteConflict',
        message,
        status: 409,
      });

    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'busy',
        PolicyName: 'logs',
        PolicyDocument: LOGS_POLICY,
      }),
    );
    await conflict('Cannot delete entity, must delete policies first.');
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: 'busy',
        PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      }),
    );
    await conflict('Cannot delete entity, must detach all policies first.');
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'busy-profile' }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({
        InstanceProfileName: 'busy-profile',
        RoleName: 'busy',
      }),
    );
    await conflict('Cannot delete entity, must remove roles from instance profile first.');

    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({
        InstanceProfileName: 'busy-profile',
        RoleName: 'busy',
      }),
    );
    await conflict('Cannot delete entity, must detach all policies first.');
    await iam.send(
      new DetachRolePolicyCommand({
        RoleName: 'busy',
        PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      }),
    );
    await conflict('Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'busy', PolicyName: 'logs' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'busy' }));
    expect((await iamError(iam.send(new GetRoleCommand({ RoleName: 'busy' })))).name).toBe(
      'NoSuchEntity',
    );
  });

  it('deletes a role, and its name can be used again', async () => {
    const first = await createRole(uniqueName('short-lived'));
    await iam.send(new DeleteRoleCommand({ RoleName: first.RoleName!.toUpperCase() }));
    expect((await iamError(iam.send(new GetRoleCommand({ RoleName: first.RoleName })))).name).toBe(
      'NoSuchEntity',
    );
    const second = await createRole(first.RoleName!);
    expect(second.RoleId).not.toBe(first.RoleId);
  });
});
