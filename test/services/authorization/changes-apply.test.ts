/**
 * What enforce keeps between requests (a key's secret and user, a caller's policies, the
 * decisions made from them) never outlives the IAM change that makes it wrong: each change
 * below is made after the caller's previous request was answered from what was kept, and
 * the very next request must see it, in both directions (a permission lost, one gained).
 */
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeleteRolePolicyCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  IAMClient,
  ListAttachedUserPoliciesCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  SetDefaultPolicyVersionCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../helpers/errors.js';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ROOT,
  document,
  expectDenied,
  explicitlyDenied,
  makeSession,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
  type Statement,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startEnforcingTeiki();
});
afterAll(() => teiki.close());

const iam = () => new IAMClient(teiki.clientConfig(ROOT));
const listClusters = (keys: Keys) =>
  new ECSClient(teiki.clientConfig(keys)).send(new ListClustersCommand({}));

const allowEcs: Statement = { Effect: 'Allow', Action: 'ecs:ListClusters', Resource: '*' };
const denyEcs: Statement = { Effect: 'Deny', Action: 'ecs:ListClusters', Resource: '*' };
const allowLogsOnly: Statement = { Effect: 'Allow', Action: 'logs:*', Resource: '*' };

/** The user's only attached managed policy's ARN. */
async function attachedArn(userName: string): Promise<string> {
  const out = await iam().send(new ListAttachedUserPoliciesCommand({ UserName: userName }));
  const arn = out.AttachedPolicies?.[0]?.PolicyArn;
  if (!arn) throw new Error(`${userName} has no attached policy`);
  return arn;
}

async function newPolicy(statements: Statement[]): Promise<string> {
  const out = await iam().send(
    new CreatePolicyCommand({
      PolicyName: uniqueName('policy'),
      PolicyDocument: document(statements),
    }),
  );
  return out.Policy?.Arn ?? '';
}

describe('an IAM change applies to the very next request', () => {
  const losing: Array<{
    change: string;
    user: Parameters<typeof makeUser>[1];
    apply: (userName: string) => Promise<unknown>;
    denied: (arn: string) => string;
  }> = [
    {
      change: 'DeleteUserPolicy of the inline policy that allowed',
      user: { statements: [allowEcs] },
      apply: (userName) =>
        iam().send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: 'inline' })),
      denied: (arn) => notAllowed(arn, 'ecs:ListClusters', '*'),
    },
    {
      change: 'DetachUserPolicy of the managed policy that allowed',
      user: { managed: [[allowEcs]] },
      apply: async (userName) =>
        iam().send(
          new DetachUserPolicyCommand({
            UserName: userName,
            PolicyArn: await attachedArn(userName),
          }),
        ),
      denied: (arn) => notAllowed(arn, 'ecs:ListClusters', '*'),
    },
    {
      change: 'a new default version of the managed policy that allowed, which denies',
      user: { managed: [[allowEcs]] },
      apply: async (userName) =>
        iam().send(
          new CreatePolicyVersionCommand({
            PolicyArn: await attachedArn(userName),
            PolicyDocument: document([denyEcs]),
            SetAsDefault: true,
          }),
        ),
      denied: (arn) => explicitlyDenied(arn, 'ecs:ListClusters', '*'),
    },
    {
      change: 'AttachUserPolicy of a policy that denies',
      user: { statements: [allowEcs] },
      apply: async (userName) =>
        iam().send(
          new AttachUserPolicyCommand({
            UserName: userName,
            PolicyArn: await newPolicy([denyEcs]),
          }),
        ),
      denied: (arn) => explicitlyDenied(arn, 'ecs:ListClusters', '*'),
    },
    {
      change: 'PutUserPermissionsBoundary with a boundary that allows only logs',
      user: { statements: [allowEcs] },
      apply: async (userName) =>
        iam().send(
          new PutUserPermissionsBoundaryCommand({
            UserName: userName,
            PermissionsBoundary: await newPolicy([allowLogsOnly]),
          }),
        ),
      denied: (arn) => notAllowed(arn, 'ecs:ListClusters', '*', 'permissions boundary'),
    },
  ];

  it.each(losing)('$change: denied at once', async ({ user: options, apply, denied }) => {
    const user = await makeUser(teiki, options);
    // Twice: the second answer comes from what the first one kept.
    await listClusters(user);
    await listClusters(user);
    await apply(user.userName);
    await expectDenied(listClusters(user), 'AccessDeniedException', 400, denied(user.arn));
  });

  it('a managed policy set back to its allowing version: allowed at once', async () => {
    const user = await makeUser(teiki, { managed: [[allowEcs]] });
    const policyArn = await attachedArn(user.userName);
    await iam().send(
      new CreatePolicyVersionCommand({
        PolicyArn: policyArn,
        PolicyDocument: document([denyEcs]),
        SetAsDefault: true,
      }),
    );
    await expectDenied(
      listClusters(user),
      'AccessDeniedException',
      400,
      explicitlyDenied(user.arn, 'ecs:ListClusters', '*'),
    );
    await iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: policyArn, VersionId: 'v1' }));
    expect((await listClusters(user)).$metadata.httpStatusCode).toBe(200);
  });

  it('DeleteUserPermissionsBoundary of the boundary that denied: allowed at once', async () => {
    const user = await makeUser(teiki, { statements: [allowEcs], boundary: [allowLogsOnly] });
    await expectDenied(
      listClusters(user),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:ListClusters', '*', 'permissions boundary'),
    );
    await iam().send(new DeleteUserPermissionsBoundaryCommand({ UserName: user.userName }));
    expect((await listClusters(user)).$metadata.httpStatusCode).toBe(200);
  });

  it('AttachUserPolicy to a user with no policy: allowed at once', async () => {
    const user = await makeUser(teiki);
    await expectDenied(
      listClusters(user),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:ListClusters', '*'),
    );
    await iam().send(
      new AttachUserPolicyCommand({
        UserName: user.userName,
        PolicyArn: await newPolicy([allowEcs]),
      }),
    );
    expect((await listClusters(user)).$metadata.httpStatusCode).toBe(200);
  });

  it("a role's policy removed or replaced: its session is denied, then allowed, at once", async () => {
    const assumer = await makeUser(teiki, { statements: [{ ...allowEcs, Action: '*' }] });
    const session = await makeSession(teiki, assumer, { statements: [allowEcs] });
    await listClusters(session);
    await listClusters(session);
    await iam().send(
      new DeleteRolePolicyCommand({ RoleName: session.roleName, PolicyName: 'inline' }),
    );
    await expectDenied(
      listClusters(session),
      'AccessDeniedException',
      400,
      notAllowed(session.sessionArn, 'ecs:ListClusters', '*'),
    );
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: session.roleName,
        PolicyName: 'inline',
        PolicyDocument: document([allowEcs]),
      }),
    );
    expect((await listClusters(session)).$metadata.httpStatusCode).toBe(200);
  });

  it('a key rotated: the deactivated key is refused at once, the new one signs at once', async () => {
    const user = await makeUser(teiki, { statements: [allowEcs] });
    await listClusters(user);
    const created = await iam().send(new CreateAccessKeyCommand({ UserName: user.userName }));
    const next = {
      accessKeyId: created.AccessKey?.AccessKeyId ?? '',
      secretAccessKey: created.AccessKey?.SecretAccessKey ?? '',
    };
    await iam().send(
      new UpdateAccessKeyCommand({
        UserName: user.userName,
        AccessKeyId: user.accessKeyId,
        Status: 'Inactive',
      }),
    );
    await expectDenied(
      listClusters(user),
      'UnrecognizedClientException',
      400,
      'The security token included in the request is invalid.',
    );
    expect((await listClusters(next)).$metadata.httpStatusCode).toBe(200);
  });
});
