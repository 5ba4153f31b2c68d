import { describe, expect, it } from 'vitest';
import {
  evaluateTrust,
  type ConditionContext,
  type Decision,
  type NamedPolicy,
  type Principal,
} from '../../../src/engine/iam-policy/index.js';
import { ACCOUNT, policy } from './helpers.js';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/EcsEventsRole-sample`;
const SOURCE = `role/EcsEventsRole-sample`;

const events: Principal = { kind: 'service', service: 'events.amazonaws.com' };
const scheduler: Principal = { kind: 'service', service: 'scheduler.amazonaws.com' };
const alice: Principal = {
  kind: 'aws',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
};
const root: Principal = { kind: 'aws', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };
const stranger: Principal = {
  kind: 'aws',
  arn: 'arn:aws:iam::999999999999:user/mallory',
  accountId: '999999999999',
};
const deployerSession: Principal = {
  kind: 'aws',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/ci-run-1`,
  accountId: ACCOUNT,
};
const github: Principal = {
  kind: 'federated',
  provider: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
};

function trustPolicy(
  principal: unknown,
  extra: Record<string, unknown> = {},
  version = '2012-10-17',
): NamedPolicy {
  return policy(
    SOURCE,
    [{ Sid: '', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
    version,
  );
}

function assume(
  p: NamedPolicy,
  principal: Principal,
  context: ConditionContext = {},
  action = 'sts:AssumeRole',
): Decision {
  return evaluateTrust(p, { principal, action, resource: ROLE, context });
}

type Case = [string, NamedPolicy, Principal, Decision['decision']];

const cases: Case[] = [
  [
    'the article: events trusts events.amazonaws.com',
    trustPolicy({ Service: 'events.amazonaws.com' }),
    events,
    'Allow',
  ],
  [
    'another service is not trusted',
    trustPolicy({ Service: 'events.amazonaws.com' }),
    scheduler,
    'ImplicitDeny',
  ],
  [
    'a 2008-10-17 trust policy (the seed task role)',
    trustPolicy({ Service: 'ecs-tasks.amazonaws.com' }, {}, '2008-10-17'),
    { kind: 'service', service: 'ecs-tasks.amazonaws.com' },
    'Allow',
  ],
  [
    'a list of services',
    trustPolicy({ Service: ['events.amazonaws.com', 'scheduler.amazonaws.com'] }),
    scheduler,
    'Allow',
  ],
  [
    'a service does not match an AWS principal',
    trustPolicy({ Service: 'events.amazonaws.com' }),
    alice,
    'ImplicitDeny',
  ],
  [
    'account root names a user of the account',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    alice,
    'Allow',
  ],
  [
    'account root names the root',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    root,
    'Allow',
  ],
  [
    'account root names role sessions of the account',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    deployerSession,
    'Allow',
  ],
  [
    'account root does not name another account',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    stranger,
    'ImplicitDeny',
  ],
  ['a bare account id', trustPolicy({ AWS: ACCOUNT }), alice, 'Allow'],
  ['a bare account id, other account', trustPolicy({ AWS: ACCOUNT }), stranger, 'ImplicitDeny'],
  [
    'account root does not name a service',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    events,
    'ImplicitDeny',
  ],
  ['"*" names anyone', trustPolicy('*'), stranger, 'Allow'],
  ['"*" names a service', trustPolicy('*'), events, 'Allow'],
  ['AWS "*" names anyone', trustPolicy({ AWS: '*' }), stranger, 'Allow'],
  ['an exact user ARN', trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }), alice, 'Allow'],
  [
    'a different user',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }),
    alice,
    'ImplicitDeny',
  ],
  [
    'a role ARN names its sessions',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/Deployer` }),
    deployerSession,
    'Allow',
  ],
  [
    'a role ARN with a path names its sessions',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci/Deployer` }),
    deployerSession,
    'Allow',
  ],
  [
    'another role does not',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` }),
    deployerSession,
    'ImplicitDeny',
  ],
  [
    'the same role name in another account does not',
    trustPolicy({ AWS: 'arn:aws:iam::999999999999:role/Deployer' }),
    deployerSession,
    'ImplicitDeny',
  ],
  [
    'the exact session ARN',
    trustPolicy({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/ci-run-1` }),
    deployerSession,
    'Allow',
  ],
  [
    'a known role path must be the one named',
    trustPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/other-path/Deployer` }),
    { ...deployerSession, roleArn: `arn:aws:iam::${ACCOUNT}:role/ci/Deployer` },
    'ImplicitDeny',
  ],
  [
    'a federated provider',
    trustPolicy({
      Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    }),
    github,
    'Allow',
  ],
  [
    'NotPrincipal trusts everyone else',
    policy(SOURCE, [
      {
        Effect: 'Allow',
        NotPrincipal: { AWS: 'arn:aws:iam::999999999999:root' },
        Action: 'sts:AssumeRole',
      },
    ]),
    alice,
    'Allow',
  ],
  [
    'NotPrincipal excludes who it names',
    policy(SOURCE, [
      {
        Effect: 'Allow',
        NotPrincipal: { AWS: 'arn:aws:iam::999999999999:root' },
        Action: 'sts:AssumeRole',
      },
    ]),
    stranger,
    'ImplicitDeny',
  ],
  [
    'a Deny for a principal beats an Allow for everyone',
    policy(SOURCE, [
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      {
        Effect: 'Deny',
        Principal: { AWS: stranger.kind === 'aws' ? stranger.arn : '' },
        Action: 'sts:AssumeRole',
      },
    ]),
    stranger,
    'ExplicitDeny',
  ],
  [
    'a statement for another action does not trust',
    trustPolicy({ Service: 'events.amazonaws.com' }, { Action: 'sts:TagSession' }),
    events,
    'ImplicitDeny',
  ],
  [
    'an action wildcard',
    trustPolicy({ Service: 'events.amazonaws.com' }, { Action: 'sts:Assume*' }),
    events,
    'Allow',
  ],
];

describe('trust policy evaluation', () => {
  it.each(cases)('%s', (_name, p, principal, expected) => {
    expect(assume(p, principal).decision).toBe(expected);
  });

  const confused = trustPolicy(
    { Service: 'events.amazonaws.com' },
    {
      Condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': `arn:aws:events:us-east-1:${ACCOUNT}:rule/*` },
      },
    },
  );

  it('a confused-deputy condition holds for the account’s own rule', () => {
    const decision = assume(confused, events, {
      'aws:SourceAccount': ACCOUNT,
      'aws:SourceArn': `arn:aws:events:us-east-1:${ACCOUNT}:rule/ecs-scheduled-task`,
    });
    expect(decision.decision).toBe('Allow');
  });

  it('a confused-deputy condition fails for another account’s rule, and says which', () => {
    const decision = assume(confused, events, {
      'aws:SourceAccount': '999999999999',
      'aws:SourceArn': 'arn:aws:events:us-east-1:999999999999:rule/x',
    });
    expect(decision).toEqual({
      decision: 'ImplicitDeny',
      reason:
        'Denied: no statement in the trust policy of role/EcsEventsRole-sample allows events.amazonaws.com to perform sts:AssumeRole (statement 0 of role/EcsEventsRole-sample would allow it, but its condition StringEquals on aws:SourceAccount does not hold)',
    });
  });

  it('names the allowing statement', () => {
    expect(assume(trustPolicy({ Service: 'events.amazonaws.com' }), events)).toEqual({
      decision: 'Allow',
      statement: { source: SOURCE, index: 0 },
      reason: `Allowed by statement 0 of ${SOURCE}`,
    });
  });

  it('explains an untrusted service', () => {
    expect(assume(trustPolicy({ Service: 'ecs-tasks.amazonaws.com' }), events)).toEqual({
      decision: 'ImplicitDeny',
      reason: `Denied: no statement in the trust policy of ${SOURCE} allows events.amazonaws.com to perform sts:AssumeRole`,
    });
  });

  it('explains an explicit deny', () => {
    const p = policy(SOURCE, [
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      { Sid: 'NoStrangers', Effect: 'Deny', Principal: { AWS: '999999999999' }, Action: 'sts:*' },
    ]);
    expect(assume(p, stranger)).toEqual({
      decision: 'ExplicitDeny',
      statement: { source: SOURCE, sid: 'NoStrangers', index: 1 },
      reason: `Denied: statement 1 (Sid "NoStrangers") of ${SOURCE} explicitly denies sts:AssumeRole to arn:aws:iam::999999999999:user/mallory`,
    });
  });
});
