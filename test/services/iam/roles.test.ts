/** Roles: CreateRole, GetRole, DeleteRole. */
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
