import {
  AttachRolePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from '@aws-sdk/client-iam';
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

const TASK_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const EVENTS_ROLE = 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole';

/** The catalog this suite expects every account to see. */
const EXPECTED = [
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'arn:aws:iam::aws:policy/PowerUserAccess',
  'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
  'arn:aws:iam::aws:policy/IAMFullAccess',
  'arn:aws:iam::aws:policy/AmazonECS_FullAccess',
  'arn:aws:iam::aws:policy/AmazonEventBridgeFullAccess',
  'arn:aws:iam::aws:policy/AmazonEventBridgeSchedulerFullAccess',
  'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess',
  'arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
  TASK_EXECUTION,
  EVENTS_ROLE,
];

describe('AWS managed policies', () => {
  it('GetPolicy answers with the real metadata of the ECS task execution policy', async () => {
    const out = await iam.send(new GetPolicyCommand({ PolicyArn: TASK_EXECUTION }));
    expect(out.Policy).toEqual({
      PolicyName: 'AmazonECSTaskExecutionRolePolicy',
      PolicyId: 'ANPAJG4T4G4PV56DE72PY',
      Arn: TASK_EXECUTION,
      Path: '/service-role/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Description:
        'Provides access to other AWS service resources that are required to run Amazon ECS tasks',
      CreateDate: new Date('2017-11-16T18:48:22Z'),
      UpdateDate: new Date('2017-11-16T18:48:22Z'),
    });
  });

  it('GetPolicyVersion returns the default document, URL-encoded', async () => {
    const out = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: EVENTS_ROLE, VersionId: 'v3' }),
    );
    expect(out.PolicyVersion).toMatchObject({
      VersionId: 'v3',
      IsDefaultVersion: true,
      CreateDate: new Date('2023-03-06T22:25:12Z'),
    });
    const document = JSON.parse(decodeURIComponent(out.PolicyVersion!.Document!)) as {
      Version: string;
      Statement: Array<{ Action: unknown; Condition?: unknown }>;
    };
    expect(document.Version).toBe('2012-10-17');
    expect(document.Statement[0]!.Action).toEqual(['ecs:RunTask']);
    expect(document.Statement[1]).toEqual({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: ['*'],
      Condition: { StringLike: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });

    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: EVENTS_ROLE }));
    expect(versions.Versions!.map((v) => v.VersionId)).toEqual(['v3']);
  });

  it('ListPolicies with Scope=AWS holds the catalog, in every account', async () => {
    for (const accessKeyId of ['test', '123456789012']) {
      const client = new IAMClient(teiki.clientConfig({ accessKeyId }));
      const out = await client.send(new ListPoliciesCommand({ Scope: 'AWS' }));
      const arns = out.Policies!.map((p) => p.Arn);
      for (const arn of EXPECTED) expect(arns).toContain(arn);
      expect(out.Policies!.every((p) => p.Description === undefined)).toBe(true);
    }
    const serviceRoles = await iam.send(
      new ListPoliciesCommand({ Scope: 'AWS', PathPrefix: '/service-role/' }),
    );
    expect(serviceRoles.Policies!.map((p) => p.Arn)).toEqual(
      expect.arrayContaining([TASK_EXECUTION, EVENTS_ROLE]),
    );
    expect(serviceRoles.Policies!.every((p) => p.Path === '/service-role/')).toBe(true);
  });

  it('counts attachments per account', async () => {
    const roleName = 'taskExecutionRole';
    await iam.send(
      new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: TASK_EXECUTION }));
    const mine = await iam.send(new GetPolicyCommand({ PolicyArn: TASK_EXECUTION }));
    expect(mine.Policy!.AttachmentCount).toBe(1);
    const other = new IAMClient(teiki.clientConfig({ accessKeyId: '555566667777' }));
    const theirs = await other.send(new GetPolicyCommand({ PolicyArn: TASK_EXECUTION }));
    expect(theirs.Policy!.AttachmentCount).toBe(0);
    const attached = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }));
    expect(attached.Policies!.map((p) => p.Arn)).toEqual([TASK_EXECUTION]);
  });

  it('says NoSuchEntity for an AWS managed policy teiki does not know', async () => {
    const arn = 'arn:aws:iam::aws:policy/NoSuchManagedPolicy';
    const failure = await iamError(iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    expect(failure).toEqual({
      name: 'NoSuchEntity',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
  });

  it('has no tags', async () => {
    const out = await iam.send(new ListPolicyTagsCommand({ PolicyArn: TASK_EXECUTION }));
    expect(out.Tags).toEqual([]);
    expect(out.IsTruncated).toBe(false);
  });

  it.each([
    ['DeletePolicy', () => iam.send(new DeletePolicyCommand({ PolicyArn: TASK_EXECUTION }))],
    [
      'CreatePolicyVersion',
      () =>
        iam.send(
          new CreatePolicyVersionCommand({
            PolicyArn: TASK_EXECUTION,
            PolicyDocument: LOGS_POLICY,
          }),
        ),
    ],
    [
      'DeletePolicyVersion',
      () =>
        iam.send(new DeletePolicyVersionCommand({ PolicyArn: TASK_EXECUTION, VersionId: 'v1' })),
    ],
    [
      'SetDefaultPolicyVersion',
      () =>
        iam.send(
          new SetDefaultPolicyVersionCommand({ PolicyArn: TASK_EXECUTION, VersionId: 'v1' }),
        ),
    ],
    [
      'TagPolicy',
      () =>
        iam.send(
          new TagPolicyCommand({ PolicyArn: TASK_EXECUTION, Tags: [{ Key: 'a', Value: 'b' }] }),
        ),
    ],
    [
      'UntagPolicy',
      () => iam.send(new UntagPolicyCommand({ PolicyArn: TASK_EXECUTION, TagKeys: ['a'] })),
    ],
  ] as const)('refuses %s with AccessDenied', async (action, command) => {
    const failure = await iamError(command());
    expect(failure).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::000000000000:root is not authorized to perform: iam:${action} on resource: policy ${TASK_EXECUTION} because no resource-based policy allows the iam:${action} action`,
      status: 403,
    });
    const still = await iam.send(new GetPolicyCommand({ PolicyArn: TASK_EXECUTION }));
    expect(still.Policy!.DefaultVersionId).toBe('v1');
  });
});
