/**
 * decideIdentityRemembered: a remembered decision is reused only when every context key
 * the evaluation read has the same values, and then it is decideIdentity's answer; a new
 * policies object (IAM changed) starts over.
 */
import { describe, expect, it } from 'vitest';
import {
  decideIdentity,
  decideIdentityRemembered,
  type ConditionContext,
  type IdentityEvaluation,
} from '../../../src/engine/iam-policy/index.js';
import { ACCOUNT, policy, userPrincipal } from './helpers.js';

const BUCKETS = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:`;

/** Statements that read time, addresses, tags, variables, and some that read nothing. */
const POLICIES: IdentityEvaluation = {
  identityPolicies: [
    policy('identity', [
      { Effect: 'Allow', Action: 'ecs:List*', Resource: '*' },
      // The boundary decides this one, by a principal tag.
      { Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'logs:PutLogEvents',
        Resource: `${BUCKETS}/home/\${aws:username}/*`,
      },
      {
        Effect: 'Allow',
        Action: 'ecs:RunTask',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' } },
      },
      {
        Effect: 'Deny',
        Action: 'ecs:*',
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      },
      {
        Effect: 'Allow',
        Action: 'ecs:TagResource',
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
      },
    ]),
  ],
  boundary: policy('boundary', [
    { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    {
      Effect: 'Allow',
      Action: 'iam:GetUser',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/role': 'admin' } },
    },
  ]),
};

const BEFORE = Date.parse('2026-05-31T23:59:59.999Z');
const AFTER = Date.parse('2026-06-01T00:00:00.000Z');

function context(options: {
  nowMs?: number;
  ip?: string;
  tagKeys?: string[];
  role?: string;
}): ConditionContext {
  const out: ConditionContext = {
    'aws:CurrentTime': new Date(options.nowMs ?? BEFORE),
    'aws:EpochTime': Math.floor((options.nowMs ?? BEFORE) / 1000),
    'aws:SourceIp': options.ip ?? '10.1.2.3',
  };
  if (options.tagKeys) out['aws:TagKeys'] = options.tagKeys;
  if (options.role) out['aws:PrincipalTag/role'] = options.role;
  return out;
}

/** A request as the authorizer asks it, counting how often its context is built. */
function ask(
  action: string,
  resource: string,
  given: ConditionContext,
  policies: IdentityEvaluation = POLICIES,
) {
  let built = 0;
  const decision = decideIdentityRemembered(
    {
      principal: userPrincipal,
      action,
      resource,
      context: () => {
        built++;
        return given;
      },
    },
    policies,
  );
  const direct = decideIdentity(
    { principal: userPrincipal, action, resource, context: given },
    policies,
  );
  return { decision, direct, built };
}

describe('decideIdentityRemembered', () => {
  it('reuses a decision that read no context without building one', () => {
    const policies = { ...POLICIES };
    // No statement names iam:ListUsers, so no condition is read.
    const first = ask('iam:ListUsers', '*', context({}), policies);
    expect(first.decision).toEqual({ decision: 'ImplicitDeny', layer: 'identity' });
    const again = ask('iam:ListUsers', '*', context({ nowMs: AFTER }), policies);
    expect(again.decision).toBe(first.decision);
    expect(again.built).toBe(0);
  });

  it('builds the context to compare what was read, and reuses the decision when it holds', () => {
    const policies = { ...POLICIES };
    const first = ask('ecs:ListClusters', '*', context({}), policies);
    expect(first.decision.decision).toBe('Allow');
    // The Deny on ecs:* reads aws:SourceIp; the time is not read, so a later one reuses.
    const again = ask('ecs:ListClusters', '*', context({ nowMs: AFTER }), policies);
    expect(again.built).toBe(1);
    expect(again.decision).toBe(first.decision);
    // ${aws:username} in a Resource reads the principal's name.
    const resource = `${BUCKETS}/home/alice/app`;
    const named = ask('logs:PutLogEvents', resource, context({}), policies);
    expect(named.decision.decision).toBe('Allow');
    expect(ask('logs:PutLogEvents', resource, context({}), policies).decision).toBe(named.decision);
  });

  // [what changes between two requests, action, resource, first context, second context]
  const changes: Array<[string, string, string, ConditionContext, ConditionContext]> = [
    ['the time passes a DateLessThan', 'ecs:RunTask', '*', context({}), context({ nowMs: AFTER })],
    ['the time stays before it', 'ecs:RunTask', '*', context({}), context({ nowMs: BEFORE - 1 })],
    [
      'the source address leaves 10/8',
      'ecs:ListClusters',
      '*',
      context({}),
      context({ ip: '192.0.2.1' }),
    ],
    [
      'the source address comes back',
      'ecs:ListClusters',
      '*',
      context({ ip: '192.0.2.1' }),
      context({}),
    ],
    [
      'a tag key outside the allowed set',
      'ecs:TagResource',
      '*',
      context({ tagKeys: ['team'] }),
      context({ tagKeys: ['team', 'owner'] }),
    ],
    [
      'tag keys given, then none',
      'ecs:TagResource',
      '*',
      context({ tagKeys: ['env'] }),
      context({}),
    ],
    ['a principal tag appears', 'iam:GetUser', '*', context({}), context({ role: 'admin' })],
    [
      'a principal tag changes',
      'iam:GetUser',
      '*',
      context({ role: 'admin' }),
      context({ role: 'dev' }),
    ],
    [
      'the same instant in another Date object',
      'ecs:RunTask',
      '*',
      context({ nowMs: BEFORE }),
      context({ nowMs: BEFORE }),
    ],
  ];

  it.each(changes)('%s: answers as decideIdentity', (_, action, resource, first, second) => {
    const policies = { ...POLICIES };
    const a = ask(action, resource, first, policies);
    expect(a.decision).toEqual(a.direct);
    const b = ask(action, resource, second, policies);
    expect(b.decision).toEqual(b.direct);
    expect(b.built).toBe(1);
  });

  it('answers as decideIdentity over many mixed requests in any order', () => {
    const policies = { ...POLICIES };
    const actions = ['ecs:ListClusters', 'ecs:RunTask', 'ecs:TagResource', 'iam:GetUser'];
    const resources = ['*', `${BUCKETS}/home/alice/x`, `${BUCKETS}/home/bob/x`];
    const times = [BEFORE - 1000, BEFORE, AFTER, AFTER + 1000];
    const ips = ['10.1.2.3', '192.0.2.1'];
    const tagKeys = [undefined, ['team'], ['team', 'owner']];
    const roles = [undefined, 'admin', 'dev'];
    // A fixed linear congruential sequence: the same requests on every run.
    let seed = 12345;
    const pick = <T>(list: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return list[seed % list.length]!;
    };
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const action = pick([...actions, 'logs:PutLogEvents']);
      const given = context({
        nowMs: pick(times),
        ip: pick(ips),
        ...(pick(tagKeys) ? { tagKeys: pick(tagKeys)! } : {}),
        ...(pick(roles) ? { role: pick(roles)! } : {}),
      });
      const { decision, direct } = ask(action, pick(resources), given, policies);
      seen.add(decision.decision);
      expect(decision).toEqual(direct);
    }
    // The sequence exercises every kind of answer.
    expect([...seen].sort()).toEqual(['Allow', 'ExplicitDeny', 'ImplicitDeny']);
  });

  it('starts over for a new policies object (what an IAM change gives the caller)', () => {
    const before = { ...POLICIES };
    expect(ask('ecs:ListClusters', '*', context({}), before).decision.decision).toBe('Allow');
    const after: IdentityEvaluation = {
      identityPolicies: [policy('identity', [{ Effect: 'Deny', Action: 'ecs:*', Resource: '*' }])],
    };
    const changed = ask('ecs:ListClusters', '*', context({}), after);
    expect(changed.decision.decision).toBe('ExplicitDeny');
    expect(changed.decision).toEqual(changed.direct);
  });

  it('does not reuse a decision made for another principal', () => {
    const policies = { ...POLICIES };
    const resource = `${BUCKETS}/home/alice/app`;
    const alice = ask('logs:PutLogEvents', resource, context({}), policies);
    expect(alice.decision.decision).toBe('Allow');
    const bob = decideIdentityRemembered(
      {
        principal: { kind: 'aws', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/bob` },
        action: 'logs:PutLogEvents',
        resource,
        context: () => context({}),
      },
      policies,
    );
    expect(bob.decision).toBe('ImplicitDeny');
  });
});
