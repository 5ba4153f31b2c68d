import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListEntitiesForPolicy,
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

const ACCOUNT = '000000000000';
const TASK_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

async function newPolicy(path = '/'): Promise<string> {
  const out = await iam.send(
    new CreatePolicyCommand({
      PolicyName: uniqueName('attachable'),
      PolicyDocument: LOGS_POLICY,
      Path: path,
    }),
  );
  return out.Policy!.Arn!;
}

async function newRole(path = '/', boundary?: string): Promise<string> {
  const name = uniqueName('role');
  await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      Path: path,
      AssumeRolePolicyDocument: TRUST_ECS_TASKS,
      ...(boundary ? { PermissionsBoundary: boundary } : {}),
    }),
  );
  return name;
}

async function newUser(path = '/'): Promise<string> {
  const name = uniqueName('user');
  await iam.send(new CreateUserCommand({ UserName: name, Path: path }));
  return name;
}

async function attachedToRole(roleName: string) {
  const out = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  return out.AttachedPolicies!.map((p) => p.PolicyArn);
}

async function attachmentCount(arn: string) {
  return (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount;
}

describe('AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies', () => {
  it('attaches customer and AWS managed policies, once each', async () => {
    const roleName = await newRole();
    const customer = await newPolicy();
    for (const arn of [customer, TASK_EXECUTION, customer]) {
      const out = await iam.send(
        new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }),
      );
      expect(out.$metadata.httpStatusCode).toBe(200);
    }
    const listed = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
    expect(listed.IsTruncated).toBe(false);
    expect(listed.AttachedPolicies).toEqual(
      expect.arrayContaining([
        { PolicyName: customer.split('/').pop(), PolicyArn: customer },
        { PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: TASK_EXECUTION },
      ]),
    );
    expect(listed.AttachedPolicies).toHaveLength(2);
    expect(await attachmentCount(customer)).toBe(1);
  });

  it('finds the role whatever the case of its name', async () => {
    const roleName = await newRole();
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: roleName.toUpperCase(), PolicyArn: ADMIN }),
    );
    expect(await attachedToRole(roleName)).toEqual([ADMIN]);
  });

  it('detaches, and the count follows', async () => {
    const roleName = await newRole();
    const arn = await newPolicy();
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
    expect(await attachedToRole(roleName)).toEqual([]);
    expect(await attachmentCount(arn)).toBe(0);
  });

  it('filters by the policy path and pages', async () => {
    const roleName = await newRole();
    const scoped = [await newPolicy('/scoped/'), await newPolicy('/scoped/deeper/')];
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: await newPolicy() }),
    );
    for (const arn of scoped) {
      await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
    }
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: TASK_EXECUTION }));

    const underScoped = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: roleName, PathPrefix: '/scoped/' }),
    );
    expect(underScoped.AttachedPolicies!.map((p) => p.PolicyArn).sort()).toEqual(scoped.sort());
    const serviceRole = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: roleName, PathPrefix: '/service-role/' }),
    );
    expect(serviceRole.AttachedPolicies!.map((p) => p.PolicyArn)).toEqual([TASK_EXECUTION]);

    const first = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: roleName, MaxItems: 3 }),
    );
    expect(first.AttachedPolicies).toHaveLength(3);
    expect(first.IsTruncated).toBe(true);
    const all: string[] = [];
    for await (const page of paginateListAttachedRolePolicies(
      { client: iam, pageSize: 3 },
      { RoleName: roleName },
    )) {
      all.push(...page.AttachedPolicies!.map((p) => p.PolicyArn!));
    }
    expect(all).toHaveLength(4);
    expect(new Set(all).size).toBe(4);
  });

  it('allows ten managed policies on a role, and refuses the eleventh', async () => {
    const roleName = await newRole();
    const arns: string[] = [];
    for (let i = 0; i < 10; i++) {
      arns.push(await newPolicy());
      await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arns[i] }));
    }
    // Attaching one already there is still fine.
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arns[0] }));
    const failure = await iamError(
      iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: TASK_EXECUTION })),
    );
    expect(failure).toEqual({
      name: 'LimitExceeded',
      message: 'Cannot exceed quota for PoliciesPerRole: 10',
      status: 409,
    });
    expect(await attachedToRole(roleName)).toHaveLength(10);
  });

  it.each([
    ['a customer policy that does not exist', `arn:aws:iam::${ACCOUNT}:policy/absent`],
    ["another account's policy", 'arn:aws:iam::111122223333:policy/theirs'],
    ['an AWS managed policy teiki does not know', 'arn:aws:iam::aws:policy/NotAPolicy'],
  ])('refuses to attach %s', async (_what, arn) => {
    const roleName = await newRole();
    const failure = await iamError(
      iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn })),
    );
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} does not exist or is not attachable.`,
      status: 404,
    });
  });

  it('says NoSuchEntity for a role that does not exist', async () => {
    for (const command of [
      new AttachRolePolicyCommand({ RoleName: 'ghost', PolicyArn: ADMIN }),
      new DetachRolePolicyCommand({ RoleName: 'ghost', PolicyArn: ADMIN }),
      new ListAttachedRolePoliciesCommand({ RoleName: 'ghost' }),
    ]) {
      const failure = await iamError(iam.send(command as AttachRolePolicyCommand));
      expect(failure).toEqual({
        name: 'NoSuchEntity',
        message: 'The role with name ghost cannot be found.',
        status: 404,
      });
    }
  });

  it('says NoSuchEntity when detaching a policy that is not attached', async () => {
    const roleName = await newRole();
    const failure = await iamError(
      iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: ADMIN })),
    );
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${ADMIN} was not found.`,
      status: 404,
    });
  });

  it('says InvalidInput for something that is no policy ARN', async () => {
    const roleName = await newRole();
    const arn = `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
    const failure = await iamError(
      iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn })),
    );
    expect(failure).toEqual({
      name: 'InvalidInput',
      message: `ARN ${arn} is not valid.`,
      status: 400,
    });
  });
});

describe('AttachUserPolicy, DetachUserPolicy, ListAttachedUserPolicies', () => {
  it('attaches, lists, counts and detaches', async () => {
    const userName = await newUser();
    const arn = await newPolicy();
    await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: arn }));
    await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: ADMIN }));
    const listed = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName }));
    expect(listed.AttachedPolicies!.map((p) => p.PolicyArn).sort()).toEqual([arn, ADMIN].sort());
    expect(await attachmentCount(arn)).toBe(1);
    await iam.send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: arn }));
    const after = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName }));
    expect(after.AttachedPolicies).toEqual([
      { PolicyName: 'AdministratorAccess', PolicyArn: ADMIN },
    ]);
  });

  it('allows ten managed policies on a user, and refuses the eleventh', async () => {
    const userName = await newUser();
    for (let i = 0; i < 10; i++) {
      await iam.send(
        new AttachUserPolicyCommand({ UserName: userName, PolicyArn: await newPolicy() }),
      );
    }
    const failure = await iamError(
      iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: ADMIN })),
    );
    expect(failure).toEqual({
      name: 'LimitExceeded',
      message: 'Cannot exceed quota for PoliciesPerUser: 10',
      status: 409,
    });
  });

  it('says NoSuchEntity for a user that does not exist, or a policy not attached', async () => {
    const missing = await iamError(
      iam.send(new AttachUserPolicyCommand({ UserName: 'nobody', PolicyArn: ADMIN })),
    );
    expect(missing).toEqual({
      name: 'NoSuchEntity',
      message: 'The user with name nobody cannot be found.',
      status: 404,
    });
    const userName = await newUser();
    const notAttached = await iamError(
      iam.send(new DetachUserPolicyCommand({ UserName: userName, PolicyArn: ADMIN })),
    );
    expect(notAttached.message).toBe(`Policy ${ADMIN} was not found.`);
  });
});

describe('ListEntitiesForPolicy', () => {
  let arn: string;
  let roles: string[];
  let users: string[];
  let boundedRole: string;
  beforeAll(async () => {
    arn = await newPolicy();
    roles = [await newRole('/app/'), await newRole('/ops/')];
    users = [await newUser('/app/')];
    for (const roleName of roles) {
      await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
    }
    await iam.send(new AttachUserPolicyCommand({ UserName: users[0], PolicyArn: arn }));
    boundedRole = await newRole('/app/', arn);
  });

  const names = (out: {
    PolicyRoles?: { RoleName?: string }[];
    PolicyUsers?: { UserName?: string }[];
  }) => ({
    roles: out.PolicyRoles!.map((r) => r.RoleName).sort(),
    users: out.PolicyUsers!.map((u) => u.UserName).sort(),
  });

  it('lists the roles and users that hold the policy or use it as a boundary', async () => {
    const out = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(out.PolicyGroups).toEqual([]);
    expect(out.IsTruncated).toBe(false);
    expect(names(out)).toEqual({ roles: [...roles, boundedRole].sort(), users });
    expect(out.PolicyRoles![0]!.RoleId).toMatch(/^AROA/);
    expect(out.PolicyUsers![0]!.UserId).toMatch(/^AIDA/);
  });

  it('filters by entity kind, path and kind of use', async () => {
    const only = async (
      input: Partial<ConstructorParameters<typeof ListEntitiesForPolicyCommand>[0]>,
    ) => names(await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, ...input })));
    expect(await only({ EntityFilter: 'Role' })).toEqual({
      roles: [...roles, boundedRole].sort(),
      users: [],
    });
    expect(await only({ EntityFilter: 'User' })).toEqual({ roles: [], users });
    expect(await only({ EntityFilter: 'Group' })).toEqual({ roles: [], users: [] });
    expect(await only({ EntityFilter: 'AWSManagedPolicy' })).toEqual({ roles: [], users: [] });
    expect(await only({ EntityFilter: 'LocalManagedPolicy', PathPrefix: '/ops/' })).toEqual({
      roles: [roles[1]],
      users: [],
    });
    expect(await only({ PolicyUsageFilter: 'PermissionsBoundary' })).toEqual({
      roles: [boundedRole],
      users: [],
    });
    expect(await only({ PolicyUsageFilter: 'PermissionsPolicy', PathPrefix: '/app/' })).toEqual({
      roles: [roles[0]],
      users,
    });
  });

  it('pages across users and roles', async () => {
    const first = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.PolicyUsers!.length + first.PolicyRoles!.length).toBe(2);
    const seen: string[] = [];
    for await (const page of paginateListEntitiesForPolicy(
      { client: iam, pageSize: 1 },
      { PolicyArn: arn },
    )) {
      seen.push(
        ...page.PolicyUsers!.map((u) => u.UserName!),
        ...page.PolicyRoles!.map((r) => r.RoleName!),
      );
    }
    expect(seen.sort()).toEqual([...roles, boundedRole, ...users].sort());
  });

  it('works for AWS managed policies, per account', async () => {
    const roleName = await newRole('/aws-managed-check/');
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: TASK_EXECUTION }));
    const out = await iam.send(
      new ListEntitiesForPolicyCommand({
        PolicyArn: TASK_EXECUTION,
        EntityFilter: 'AWSManagedPolicy',
        PathPrefix: '/aws-managed-check/',
      }),
    );
    expect(out.PolicyRoles!.map((r) => r.RoleName)).toEqual([roleName]);
    const other = new IAMClient(teiki.clientConfig({ accessKeyId: '222233334444' }));
    const theirs = await other.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: TASK_EXECUTION }),
    );
    expect(theirs.PolicyRoles).toEqual([]);
  });

  it('says NoSuchEntity for a policy that does not exist', async () => {
    const missing = `arn:aws:iam::${ACCOUNT}:policy/absent`;
    const failure = await iamError(
      iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: missing })),
    );
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${missing} was not found.`,
      status: 404,
    });
  });
});
