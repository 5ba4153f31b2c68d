/**
 * STS sessions under `--auth enforce`: an assumed role acts with its role's policies
 * intersected with its session policies (`Policy`, `PolicyArns`); AssumeRole itself needs
 * the caller's permission unless the trust policy names the caller; GetSessionToken's
 * credentials act as the user but cannot call IAM; GetCallerIdentity needs no permission;
 * the global condition keys come from the request and the teiki clock.
 */
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  ListUsersCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import { uniqueName } from '../../helpers/errors.js';
import type { TestTeiki } from '../../helpers/teiki.js';
import {
  ACCOUNT,
  ROOT,
  denyAll,
  document,
  expectDenied,
  explicitlyDenied,
  makeSession,
  makeUser,
  notAllowed,
  startEnforcingTeiki,
  type Keys,
} from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startEnforcingTeiki([
    '--clock',
    'virtual',
    '--clock-start',
    '2026-06-01T00:00:00Z',
  ]);
});
afterAll(() => teiki.close());

const ecs = (keys: Keys) => new ECSClient(teiki.clientConfig(keys));
const logs = (keys: Keys) => new CloudWatchLogsClient(teiki.clientConfig(keys));
const sts = (keys: Keys) => new STSClient(teiki.clientConfig(keys));
const admin = () => new IAMClient(teiki.clientConfig(ROOT));
const roleAllows = [{ Effect: 'Allow', Action: ['ecs:List*', 'logs:Describe*'], Resource: '*' }];

describe('assumed-role sessions', () => {
  it('name the session in denials and act with the role policies', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    const session = await makeSession(teiki, user, {
      statements: roleAllows,
      sessionName: 'build',
    });
    expect(session.sessionArn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/${session.roleName}/build`,
    );
    await ecs(session).send(new ListClustersCommand({}));
    const { CreateClusterCommand } = await import('@aws-sdk/client-ecs');
    await expectDenied(
      ecs(session).send(new CreateClusterCommand({ clusterName: 'nope' })),
      'AccessDeniedException',
      400,
      notAllowed(
        session.sessionArn,
        'ecs:CreateCluster',
        `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/nope`,
      ),
    );
  });

  it('are limited by an inline session policy', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    const session = await makeSession(teiki, user, {
      statements: roleAllows,
      sessionPolicy: [{ Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' }],
    });
    await logs(session).send(new DescribeLogGroupsCommand({}));
    await expectDenied(
      ecs(session).send(new ListClustersCommand({})),
      'AccessDeniedException',
      400,
      notAllowed(session.sessionArn, 'ecs:ListClusters', '*', 'session policy'),
    );
  });

  it('are limited by managed session policies and denied explicitly by them', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    const policy = await admin().send(
      new CreatePolicyCommand({
        PolicyName: uniqueName('session'),
        PolicyDocument: document([
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'ecs:ListClusters', Resource: '*' },
        ]),
      }),
    );
    const session = await makeSession(teiki, user, {
      statements: roleAllows,
      sessionPolicyArns: [policy.Policy?.Arn ?? ''],
    });
    await logs(session).send(new DescribeLogGroupsCommand({}));
    await expectDenied(
      ecs(session).send(new ListClustersCommand({})),
      'AccessDeniedException',
      400,
      explicitlyDenied(session.sessionArn, 'ecs:ListClusters', '*', 'a session policy'),
    );
  });

  it('test aws:PrincipalArn against the role and aws:PrincipalTag against its tags', async () => {
    const user = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    const session = await makeSession(teiki, user, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ecs:ListClusters',
          Resource: '*',
          Condition: {
            ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/role-*` },
            StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:PrincipalAccount': ACCOUNT },
          },
        },
      ],
    });
    await expectDenied(
      ecs(session).send(new ListClustersCommand({})),
      'AccessDeniedException',
      400,
      notAllowed(session.sessionArn, 'ecs:ListClusters', '*'),
    );
    await admin().send(
      new TagRoleCommand({ RoleName: session.roleName, Tags: [{ Key: 'team', Value: 'blue' }] }),
    );
    await ecs(session).send(new ListClustersCommand({}));
  });
});

describe('AssumeRole itself', () => {
  const trusting = async (principal: string) => {
    const roleName = uniqueName('trusting');
    const role = await admin().send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    return role.Role?.Arn ?? '';
  };

  it('needs the caller permission when the role trusts the account', async () => {
    const roleArn = await trusting(`arn:aws:iam::${ACCOUNT}:root`);
    const user = await makeUser(teiki);
    await expectDenied(
      sts(user).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'work' })),
      'AccessDenied',
      403,
      `User: ${user.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
    const allowed = await makeUser(teiki, {
      statements: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }],
    });
    const out = await sts(allowed).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'work' }),
    );
    expect(out.AssumedRoleUser?.Arn).toMatch(/:assumed-role\/trusting-/);
  });

  it('needs no permission when the trust policy names the caller, unless a policy denies it', async () => {
    const user = await makeUser(teiki);
    const roleArn = await trusting(user.arn);
    await sts(user).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'work' }));

    const denied = await makeUser(teiki, {
      statements: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    const deniedRole = await trusting(denied.arn);
    await expectDenied(
      sts(denied).send(new AssumeRoleCommand({ RoleArn: deniedRole, RoleSessionName: 'work' })),
      'AccessDenied',
      403,
      `User: ${denied.arn} is not authorized to perform: sts:AssumeRole on resource: ${deniedRole}`,
    );
  });
});

describe('GetSessionToken and GetCallerIdentity', () => {
  it('GetCallerIdentity answers even a user whose only policy denies everything', async () => {
    const user = await makeUser(teiki, { statements: [denyAll] });
    const me = await sts(user).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(user.arn);
  });

  it("GetSessionToken's credentials act as the user, and may not call IAM", async () => {
    const user = await makeUser(teiki, {
      statements: [
        { Effect: 'Allow', Action: ['ecs:ListClusters', 'iam:ListUsers'], Resource: '*' },
      ],
    });
    await new IAMClient(teiki.clientConfig(user)).send(new ListUsersCommand({}));
    const token = await sts(user).send(new GetSessionTokenCommand({}));
    const session: Keys = {
      accessKeyId: token.Credentials?.AccessKeyId ?? '',
      secretAccessKey: token.Credentials?.SecretAccessKey ?? '',
      sessionToken: token.Credentials?.SessionToken ?? '',
    };
    await ecs(session).send(new ListClustersCommand({}));
    const { CreateClusterCommand } = await import('@aws-sdk/client-ecs');
    await expectDenied(
      ecs(session).send(new CreateClusterCommand({ clusterName: 'x' })),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:CreateCluster', `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/x`),
    );
    await expectDenied(
      new IAMClient(teiki.clientConfig(session)).send(new ListUsersCommand({})),
      'InvalidClientTokenId',
      403,
      'The security token included in the request is invalid',
    );
  });
});

describe('global condition keys', () => {
  it('aws:CurrentTime reads the teiki clock', async () => {
    const user = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ecs:ListClusters',
          Resource: '*',
          Condition: { DateLessThan: { 'aws:CurrentTime': '2026-06-02T00:00:00Z' } },
        },
      ],
    });
    await ecs(user).send(new ListClustersCommand({}));
    await (teiki.clock as VirtualClock).advance(2 * 24 * 3600 * 1000);
    await expectDenied(
      ecs(user).send(new ListClustersCommand({})),
      'AccessDeniedException',
      400,
      notAllowed(user.arn, 'ecs:ListClusters', '*'),
    );
  });

  it('aws:SourceIp is the client address, aws:SecureTransport false, aws:RequestedRegion the signed region', async () => {
    const strict = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ecs:ListClusters',
          Resource: '*',
          Condition: {
            IpAddress: { 'aws:SourceIp': ['127.0.0.0/8', '::1/128'] },
            Bool: { 'aws:SecureTransport': 'false' },
            StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
          },
        },
      ],
    });
    await ecs(strict).send(new ListClustersCommand({}));
    await expectDenied(
      new ECSClient(teiki.clientConfig({ ...strict, region: 'eu-west-1' })).send(
        new ListClustersCommand({}),
      ),
      'AccessDeniedException',
      400,
      notAllowed(strict.arn, 'ecs:ListClusters', '*'),
    );
    const remote = await makeUser(teiki, {
      statements: [
        {
          Effect: 'Allow',
          Action: 'ecs:ListClusters',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ],
    });
    await expectDenied(
      ecs(remote).send(new ListClustersCommand({})),
      'AccessDeniedException',
      400,
      notAllowed(remote.arn, 'ecs:ListClusters', '*'),
    );
  });
});
