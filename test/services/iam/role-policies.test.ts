/** A role's inline policies: PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies. */
import {
  CreateRoleCommand,
  DeleteRolePolicyCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  paginateListRolePolicies,
  PutRolePolicyCommand,
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
    new CreateRoleCommand({ RoleName: 'Runner', AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
  );
});
afterAll(() => teiki.close());

const put = (PolicyName: string, PolicyDocument = LOGS_POLICY, RoleName = 'Runner') =>
  iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument }));

describe('PutRolePolicy and GetRolePolicy', () => {
  it('stores a document and returns it URL-encoded, with the role name as written', async () => {
    const document = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "ecs:RunTask", "Resource": "arn:aws:ecs:*:*:task-definition/app:*"}]
}`;
    await put('run-task', document, 'runner');
    const out = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'RUNNER', PolicyName: 'run-task' }),
    );
    expect(out).toMatchObject({
      RoleName: 'Runner',
      PolicyName: 'run-task',
      PolicyDocument: encodeURIComponent(document),
    });
    expect(decodeURIComponent(out.PolicyDocument!)).toBe(document);
  });

  it('replaces a policy of the same name', async () => {
    const next = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'ecs:RunTask', Resource: '*' }],
    });
    await put('run-task', next);
    const out = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'Runner', PolicyName: 'run-task' }),
    );
    expect(out.PolicyDocument).toBe(encodeURIComponent(next));
  });

  it.each([
    ['text that is not JSON', 'not a policy', 'Syntax errors in policy.'],
    [
      'a principal in an identity policy',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
      }),
      'Policy document should not specify a principal.',
    ],
  ])('refuses %s as a MalformedPolicyDocument', async (_what, document, message) => {
    expect(await iamError(put('broken', document))).toEqual({
      name: 'MalformedPolicyDocument',
      message,
      status: 400,
    });
    expect(
      (
        await iamError(
          iam.send(new GetRolePolicyCommand({ RoleName: 'Runner', PolicyName: 'broken' })),
        )
      ).name,
    ).toBe('NoSuchEntity');
  });

  it('refuses a policy name with bad characters with the model message', async () => {
    expect(await iamError(put('bad name'))).toEqual({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'bad name' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
      status: 400,
    });
  });

  it("refuses to pass the role's 10,240 character inline policy quota", async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: 'Full', AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
    );
    const big = (n: number) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(n)}/*` },
        ],
      });
    await put('first', big(5000), 'Full');
    expect(await iamError(put('second', big(5100), 'Full'))).toEqual({
      name: 'LimitExceeded',
      message: 'Maximum policy size of 10240 bytes exceeded for role Full',
      status: 409,
    });
    await put('second', big(4000), 'Full');
  });

  it('says NoSuchEntity for a missing role or policy', async () => {
    expect(await iamError(put('p', LOGS_POLICY, 'ghost'))).toEqual({
      name: 'NoSuchEntity',
      message: 'The role with name ghost cannot be found.',
      status: 404,
    });
    expect(
      await iamError(iam.send(new GetRolePolicyCommand({ RoleName: 'ghost', PolicyName: 'p' }))),
    ).toEqual({
      name: 'NoSuchEntity',
      message: 'The role with name ghost cannot be found.',
      status: 404,
    });
    expect(
      await iamError(
        iam.send(new GetRolePolicyCommand({ RoleName: 'Runner', PolicyName: 'absent' })),
      ),
    ).toEqual({
      name: 'NoSuchEntity',
      message: 'The role policy with name absent cannot be found.',
      status: 404,
    });
  });
});

describe('ListRolePolicies and DeleteRolePolicy', () => {
  beforeAll(async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: 'Many', AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
    );
    for (const name of ['gamma', 'alpha', 'beta', 'delta']) await put(name, LOGS_POLICY, 'Many');
  });

  it('lists policy names in order, in pages', async () => {
    const all = await iam.send(new ListRolePoliciesCommand({ RoleName: 'Many' }));
    expect(all.PolicyNames).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(all.IsTruncated).toBe(false);
    const pages: string[][] = [];
    for await (const page of paginateListRolePolicies(
      { client: iam, pageSize: 3 },
      { RoleName: 'Many' },
    )) {
      pages.push(page.PolicyNames!);
    }
    expect(pages).toEqual([['alpha', 'beta', 'delta'], ['gamma']]);
  });

  it('deletes a policy, then says it cannot be found', async () => {
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'Many', PolicyName: 'beta' }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'Many' }))).PolicyNames).toEqual(
      ['alpha', 'delta', 'gamma'],
    );
    expect(
      await iamError(
        iam.send(new DeleteRolePolicyCommand({ RoleName: 'Many', PolicyName: 'beta' })),
      ),
    ).toEqual({
      name: 'NoSuchEntity',
      message: 'The role policy with name beta cannot be found.',
      status: 404,
    });
  });

  it('answers an empty list for a role without inline policies, and NoSuchEntity for no role', async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: 'Empty', AssumeRolePolicyDocument: TRUST_ECS_TASKS }),
    );
    const out = await iam.send(new ListRolePoliciesCommand({ RoleName: 'Empty' }));
    expect(out.PolicyNames).toEqual([]);
    expect(out.IsTruncated).toBe(false);
    expect(await iamError(iam.send(new ListRolePoliciesCommand({ RoleName: 'ghost' })))).toEqual({
      name: 'NoSuchEntity',
      message: 'The role with name ghost cannot be found.',
      status: 404,
    });
  });
});
