import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  AttachRolePolicyCommand,
  DeletePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  IAMClient,
  ListPoliciesCommand,
  paginateListPolicies,
  type Policy,
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

async function createPolicy(
  name: string,
  extra: Partial<ConstructorParameters<typeof CreatePolicyCommand>[0]> = {},
): Promise<Policy> {
  const out = await iam.send(
    new CreatePolicyCommand({ PolicyName: name, PolicyDocument: LOGS_POLICY, ...extra }),
  );
  return out.Policy!;
}

/** A valid managed policy document of exactly `size` characters that are not whitespace. */
function documentOfSize(size: number, indent = 0): string {
  const shape = (padding: number) => ({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'a'.repeat(padding)}` },
    ],
  });
  const base = JSON.stringify(shape(0)).length;
  return JSON.stringify(shape(size - base), null, indent);
}

describe('CreatePolicy', () => {
  it('creates v1 as the default version and answers as AWS does', async () => {
    const before = teiki.clock.nowMs();
    const policy = await createPolicy('EcsEventsPolicy');
    expect(policy).toEqual({
      PolicyName: 'EcsEventsPolicy',
      PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:policy/EcsEventsPolicy`,
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: expect.any(Date),
      UpdateDate: expect.any(Date),
    });
    expect(policy.CreateDate!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(policy.UpdateDate).toEqual(policy.CreateDate);
  });

  it('keeps the path in the ARN, echoes tags, and keeps the description for GetPolicy', async () => {
    const policy = await createPolicy('scheduled-task-logs', {
      Path: '/scheduler/jobs/',
      Description: 'Lets the nightly task write its logs',
      Tags: [{ Key: 'Team', Value: 'platform' }],
    });
    expect(policy.Arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/scheduler/jobs/scheduled-task-logs`);
    expect(policy.Path).toBe('/scheduler/jobs/');
    expect(policy.Tags).toEqual([{ Key: 'Team', Value: 'platform' }]);
    // CreatePolicy's answer leaves the description out; GetPolicy has it.
    expect(policy).not.toHaveProperty('Description');
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }));
    expect(got.Policy!.Description).toBe('Lets the nightly task write its logs');
  });

  it('refuses a second policy of the same name, whatever its case or path', async () => {
    await createPolicy('DuplicateMe');
    for (const [name, path] of [
      ['DuplicateMe', '/'],
      ['duplicateme', '/other/'],
    ] as const) {
      const failure = await iamError(createPolicy(name, { Path: path }));
      expect(failure).toEqual({
        name: 'EntityAlreadyExists',
        message: `A policy called ${name} already exists. Duplicate names are not allowed.`,
        status: 409,
      });
    }
  });

  it.each([
    ['bad JSON', '{"Version":"2012-10-17",', 'Syntax errors in policy.'],
    [
      "a principal (the article's ecs-tasks trust document given as a managed policy)",
      '{"Version":"2008-10-17","Statement":[{"Sid":"","Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
      'Policy document should not specify a principal.',
    ],
    [
      'an old policy language version',
      '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      'Policy document must be version 2012-10-17 or greater.',
    ],
  ])('refuses %s with MalformedPolicyDocument', async (_what, document, message) => {
    const name = uniqueName('malformed');
    const failure = await iamError(createPolicy(name, { PolicyDocument: document }));
    expect(failure).toEqual({ name: 'MalformedPolicyDocument', message, status: 400 });
    const missing = await iamError(
      iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/${name}` })),
    );
    expect(missing.name).toBe('NoSuchEntity');
  });

  it('allows 6,144 characters not counting whitespace, and refuses one more', async () => {
    const roomy = documentOfSize(6144, 8);
    expect(roomy.length).toBeGreaterThan(6144);
    await createPolicy(uniqueName('at-the-limit'), { PolicyDocument: roomy });

    const failure = await iamError(
      createPolicy(uniqueName('too-big'), { PolicyDocument: documentOfSize(6145) }),
    );
    expect(failure).toEqual({
      name: 'LimitExceeded',
      message: 'Cannot exceed quota for PolicySize: 6144',
      status: 409,
    });
  });

  it('refuses tag keys repeated in any case', async () => {
    const failure = await iamError(
      createPolicy(uniqueName('tags'), {
        Tags: [
          { Key: 'team', Value: 'a' },
          { Key: 'Team', Value: 'b' },
        ],
      }),
    );
    expect(failure).toEqual({
      name: 'InvalidInput',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      status: 400,
    });
  });

  it('refuses a path that does not start and end with a slash (model validation)', async () => {
    const failure = await iamError(createPolicy(uniqueName('path'), { Path: 'no-slashes' }));
    expect(failure.name).toBe('ValidationError');
    expect(failure.status).toBe(400);
    expect(failure.message).toContain("Value 'no-slashes' at 'path' failed to satisfy constraint");
  });
});

describe('GetPolicy', () => {
  it('answers with tags, description and the usage counts derived from attachments', async () => {
    const policy = await createPolicy('counted', {
      Description: 'counted policy',
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    const roleName = uniqueName('counted-role');
    await iam.send(
      new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: uniqueName('bounded-role'),
        AssumeRolePolicyDocument: TRUST_ECS_TASKS,
        PermissionsBoundary: policy.Arn,
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.Arn }));

    const got = (await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }))).Policy!;
    expect(got).toEqual({
      ...policy,
      Description: 'counted policy',
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 1,
    });
  });

  it.each([
    ['an unknown policy', `arn:aws:iam::${ACCOUNT}:policy/nope`],
    ["another account's policy", 'arn:aws:iam::111122223333:policy/EcsEventsPolicy'],
    ['a policy named with the wrong path', `arn:aws:iam::${ACCOUNT}:policy/other/EcsEventsPolicy`],
  ])('says NoSuchEntity for %s', async (_what, arn) => {
    const failure = await iamError(iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
  });

  it.each([
    `arn:aws:iam::${ACCOUNT}:role/EcsEventsPolicy`,
    'arn:aws:s3:::bucket/EcsEventsPolicy',
    'not-an-arn-but-twenty-chars',
  ])('says InvalidInput for %s', async (arn) => {
    const failure = await iamError(iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    expect(failure).toEqual({
      name: 'InvalidInput',
      message: `ARN ${arn} is not valid.`,
      status: 400,
    });
  });

  it('keeps each account to its own policies', async () => {
    const other = new IAMClient(teiki.clientConfig({ accessKeyId: '111122223333' }));
    const mine = await createPolicy(uniqueName('mine'));
    const failure = await iamError(other.send(new GetPolicyCommand({ PolicyArn: mine.Arn })));
    expect(failure.name).toBe('NoSuchEntity');
    // The same name is free in the other account.
    const theirs = await other.send(
      new CreatePolicyCommand({ PolicyName: mine.PolicyName, PolicyDocument: LOGS_POLICY }),
    );
    expect(theirs.Policy!.Arn).toBe(`arn:aws:iam::111122223333:policy/${mine.PolicyName}`);
  });
});

describe('DeletePolicy', () => {
  it('deletes a policy with one version', async () => {
    const policy = await createPolicy(uniqueName('doomed'));
    const out = await iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    const failure = await iamError(iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn })));
    expect(failure.name).toBe('NoSuchEntity');
    // The name is free again.
    await createPolicy(policy.PolicyName!);
  });

  it('refuses while the policy is attached, and deletes once detached', async () => {
    const policy = await createPolicy(uniqueName('attached'));
    const roleName = uniqueName('holder');
    await iam.send(
      new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.Arn }));
    const failure = await iamError(iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })));
    expect(failure).toEqual({
      name: 'DeleteConflict',
      message: 'Cannot delete a policy attached to entities.',
      status: 409,
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.Arn }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }));
  });

  it('refuses while non-default versions exist', async () => {
    const policy = await createPolicy(uniqueName('versioned'));
    await iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: policy.Arn, PolicyDocument: LOGS_POLICY }),
    );
    const failure = await iamError(iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })));
    expect(failure).toEqual({
      name: 'DeleteConflict',
      message:
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      status: 409,
    });
  });

  it('says NoSuchEntity for a policy that does not exist', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/never-was`;
    const failure = await iamError(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
  });
});

describe('ListPolicies', () => {
  const PREFIX = '/listing/';
  let created: Policy[];
  beforeAll(async () => {
    created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await createPolicy(`listed-${i}`, { Path: `${PREFIX}${i % 2 ? 'odd/' : ''}` }));
    }
    const roleName = 'listing-role';
    await iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: TRUST_ECS_TASKS,
        PermissionsBoundary: created[4]!.Arn,
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: created[0]!.Arn }));
  });

  async function names(input: ConstructorParameters<typeof ListPoliciesCommand>[0]) {
    const out = await iam.send(new ListPoliciesCommand({ PathPrefix: PREFIX, ...input }));
    return out.Policies!.map((p) => p.PolicyName).sort();
  }

  it('lists local policies under a path prefix, without description or tags', async () => {
    const out = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: PREFIX }));
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    expect(out.Policies!.map((p) => p.PolicyName).sort()).toEqual(
      created.map((p) => p.PolicyName).sort(),
    );
    const first = out.Policies!.find((p) => p.PolicyName === 'listed-0')!;
    expect(first).toEqual({ ...created[0], AttachmentCount: 1 });
    expect(await names({ Scope: 'Local', PathPrefix: `${PREFIX}odd/` })).toEqual([
      'listed-1',
      'listed-3',
    ]);
  });

  it('filters by attachment and by use as a permissions boundary', async () => {
    expect(await names({ OnlyAttached: true })).toEqual(['listed-0']);
    expect(await names({ PolicyUsageFilter: 'PermissionsPolicy' })).toEqual(['listed-0']);
    expect(await names({ PolicyUsageFilter: 'PermissionsBoundary' })).toEqual(['listed-4']);
  });

  it('keeps AWS managed policies out of Scope=Local and customer ones out of Scope=AWS', async () => {
    const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    expect(aws.Policies!.length).toBeGreaterThan(0);
    expect(aws.Policies!.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/'))).toBe(true);
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies!.every((p) => p.Arn!.startsWith(`arn:aws:iam::${ACCOUNT}:`))).toBe(true);
    const all = await iam.send(new ListPoliciesCommand({ MaxItems: 1000 }));
    expect(all.Policies!.length).toBe(aws.Policies!.length + local.Policies!.length);
  });

  it('pages with MaxItems and Marker, and the SDK paginator walks every page once', async () => {
    const first = await iam.send(
      new ListPoliciesCommand({ Scope: 'Local', PathPrefix: PREFIX, MaxItems: 2 }),
    );
    expect(first.Policies).toHaveLength(2);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toEqual(expect.any(String));

    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListPolicies(
      { client: iam, pageSize: 2 },
      { Scope: 'Local', PathPrefix: PREFIX },
    )) {
      pages++;
      seen.push(...page.Policies!.map((p) => p.PolicyName!));
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(created.map((p) => p.PolicyName).sort());
  });

  it('refuses a marker it did not issue', async () => {
    const failure = await iamError(
      iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: 'made-up-marker' })),
    );
    expect(failure).toEqual({ name: 'ValidationError', message: 'Invalid Marker.', status: 400 });
  });

  it('refuses MaxItems out of range (model validation)', async () => {
    const failure = await iamError(iam.send(new ListPoliciesCommand({ MaxItems: 1001 })));
    expect(failure.name).toBe('ValidationError');
    expect(failure.message).toContain("Value '1001' at 'maxItems' failed to satisfy constraint");
  });
});
