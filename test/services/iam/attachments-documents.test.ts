/**
 * policyDocumentsOf: what the scheduler hands the policy engine for a role — the default
 * version of every attached managed policy and every inline policy — and the engine's
 * answer on it.
 */
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateIdentity } from '../../../src/engine/iam-policy/index.js';
import {
  boundaryDocumentOf,
  policyDocumentsOf,
} from '../../../src/services/iam/policy-documents.js';
import { iamScope, nameId, ROLES, type RoleRecord } from '../../../src/services/iam/records.js';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { LOGS_POLICY } from './helpers.js';

let teiki: TestTeiki;
let iam: IAMClient;
beforeAll(async () => {
  teiki = await startTestTeiki();
  iam = new IAMClient(teiki.clientConfig());
});
afterAll(() => teiki.close());

const ACCOUNT = '000000000000';
const EVENTS_ROLE = 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole';
const TRUST_EVENTS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});
const RUN_TASK_V1 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'ecs:RunTask',
      Resource: 'arn:aws:ecs:us-east-1:000000000000:task-definition/old:*',
    },
  ],
});
const RUN_TASK_V2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'ecs:RunTask',
      Resource: 'arn:aws:ecs:us-east-1:000000000000:task-definition/sample:*',
    },
  ],
});

async function role(name: string): Promise<RoleRecord> {
  const record = await teiki.store
    .collection<RoleRecord>(ROLES)
    .get(iamScope(ACCOUNT), nameId(name));
  if (!record) throw new Error(`no role ${name}`);
  return record;
}

describe('policyDocumentsOf', () => {
  it('gives default versions of attached policies, customer and AWS managed, then inline ones', async () => {
    const policy = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'RunTaskPolicy', PolicyDocument: RUN_TASK_V1 }),
    );
    const policyArn = policy.Policy!.Arn!;
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: policyArn,
        PolicyDocument: RUN_TASK_V2,
        SetAsDefault: true,
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'EcsEventsRole',
        AssumeRolePolicyDocument: TRUST_EVENTS,
        PermissionsBoundary: EVENTS_ROLE,
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: 'EcsEventsRole', PolicyArn: policyArn }),
    );
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: 'EcsEventsRole', PolicyArn: EVENTS_ROLE }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'EcsEventsRole',
        PolicyName: 'logs',
        PolicyDocument: LOGS_POLICY,
      }),
    );

    const record = await role('EcsEventsRole');
    const documents = await policyDocumentsOf(teiki.store, ACCOUNT, record);
    expect(documents.map((d) => d.source)).toEqual([
      policyArn,
      EVENTS_ROLE,
      'role/EcsEventsRole inline logs',
    ]);
    expect(documents[0]!.document).toBe(RUN_TASK_V2);
    expect(JSON.parse(documents[1]!.document)).toMatchObject({ Version: '2012-10-17' });
    expect(documents[2]!.document).toBe(LOGS_POLICY);

    const boundary = await boundaryDocumentOf(teiki.store, ACCOUNT, record);
    expect(boundary?.source).toBe(EVENTS_ROLE);

    // The engine reads them: RunTask on the article's task definition is allowed.
    const decision = evaluateIdentity(
      {
        principal: { kind: 'aws', arn: record.arn, accountId: ACCOUNT },
        action: 'ecs:RunTask',
        resource: 'arn:aws:ecs:us-east-1:000000000000:task-definition/sample:3',
      },
      { identityPolicies: documents },
    );
    expect(decision.decision).toBe('Allow');
  });

  it('gives nothing for a role without policies', async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: 'bare', AssumeRolePolicyDocument: TRUST_EVENTS }),
    );
    const record = await role('bare');
    expect(await policyDocumentsOf(teiki.store, ACCOUNT, record)).toEqual([]);
    expect(await boundaryDocumentOf(teiki.store, ACCOUNT, record)).toBeUndefined();
  });
});
