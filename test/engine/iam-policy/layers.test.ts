/**
 * decideIdentity: which layer decides, as AWS's evaluation logic states it for one
 * account — an explicit deny in any layer wins (identity, then boundary, then session
 * policies, the order AWS names one of several), then every present layer must allow,
 * else the first layer that allows nothing implicitly denies.
 */
import { describe, expect, it } from 'vitest';
import {
  decideIdentity,
  type IdentityEvaluation,
  type LayeredDecision,
} from '../../../src/engine/iam-policy/index.js';
import { ACCOUNT, policy, userPrincipal } from './helpers.js';

const allow = (action: string, resource = '*') => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});
const deny = (action: string, resource = '*') => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
});
const id = (...statements: unknown[]) => policy('identity', statements);
const boundary = (...statements: unknown[]) => policy('boundary', statements);
const session = (...statements: unknown[]) => policy('session', statements);

type Expected = Pick<LayeredDecision, 'decision' | 'layer'>;

const cases: Array<[string, IdentityEvaluation, string, Expected]> = [
  [
    'no policy at all',
    { identityPolicies: [] },
    'ecs:ListClusters',
    { decision: 'ImplicitDeny', layer: 'identity' },
  ],
  [
    'an identity allow',
    { identityPolicies: [id(allow('ecs:*'))] },
    'ecs:ListClusters',
    { decision: 'Allow' },
  ],
  [
    'Deny * on * beats Allow * on *',
    { identityPolicies: [id(allow('*')), id(deny('*'))] },
    'iam:CreateUser',
    { decision: 'ExplicitDeny', layer: 'identity' },
  ],
  [
    'the boundary caps an identity allow',
    { identityPolicies: [id(allow('*'))], boundary: boundary(allow('logs:*')) },
    'ecs:ListClusters',
    { decision: 'ImplicitDeny', layer: 'boundary' },
  ],
  [
    'the boundary grants nothing by itself',
    { identityPolicies: [], boundary: boundary(allow('*')) },
    'ecs:ListClusters',
    { decision: 'ImplicitDeny', layer: 'identity' },
  ],
  [
    'an explicit deny in the boundary',
    { identityPolicies: [id(allow('*'))], boundary: boundary(allow('*'), deny('ecs:*')) },
    'ecs:ListClusters',
    { decision: 'ExplicitDeny', layer: 'boundary' },
  ],
  [
    'identity and boundary both allowing',
    { identityPolicies: [id(allow('ecs:List*'))], boundary: boundary(allow('ecs:*')) },
    'ecs:ListClusters',
    { decision: 'Allow' },
  ],
  [
    'session policies intersect',
    { identityPolicies: [id(allow('*'))], sessionPolicies: [session(allow('logs:*'))] },
    'ecs:ListClusters',
    { decision: 'ImplicitDeny', layer: 'session' },
  ],
  [
    'any one session policy allowing is enough',
    {
      identityPolicies: [id(allow('*'))],
      sessionPolicies: [session(allow('logs:*')), session(allow('ecs:ListClusters'))],
    },
    'ecs:ListClusters',
    { decision: 'Allow' },
  ],
  [
    'an explicit deny in a session policy',
    { identityPolicies: [id(allow('*'))], sessionPolicies: [session(allow('*'), deny('ecs:*'))] },
    'ecs:ListClusters',
    { decision: 'ExplicitDeny', layer: 'session' },
  ],
  [
    'an identity deny is named before a boundary deny',
    {
      identityPolicies: [id(deny('*'))],
      boundary: boundary(deny('*')),
      sessionPolicies: [session(deny('*'))],
    },
    'ecs:ListClusters',
    { decision: 'ExplicitDeny', layer: 'identity' },
  ],
  [
    'a boundary deny is named before a missing identity allow',
    { identityPolicies: [], boundary: boundary(deny('*')) },
    'ecs:ListClusters',
    { decision: 'ExplicitDeny', layer: 'boundary' },
  ],
  [
    'identity missing is named before boundary missing',
    { identityPolicies: [id(allow('logs:*'))], boundary: boundary(allow('sts:*')) },
    'ecs:ListClusters',
    { decision: 'ImplicitDeny', layer: 'identity' },
  ],
  [
    'all three layers allowing',
    {
      identityPolicies: [id(allow('ecs:*'))],
      boundary: boundary(allow('*')),
      sessionPolicies: [session(allow('ecs:ListClusters'))],
    },
    'ecs:ListClusters',
    { decision: 'Allow' },
  ],
  [
    'NotAction in a boundary allows what it does not name',
    {
      identityPolicies: [id(allow('*'))],
      boundary: boundary({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
    },
    'iam:CreateUser',
    { decision: 'ImplicitDeny', layer: 'boundary' },
  ],
  [
    'a Deny with NotAction denies everything else',
    {
      identityPolicies: [id(allow('*'), { Effect: 'Deny', NotAction: ['logs:*'], Resource: '*' })],
    },
    'ecs:ListClusters',
    { decision: 'ExplicitDeny', layer: 'identity' },
  ],
  [
    'a Deny with NotResource spares the resource it names',
    {
      identityPolicies: [
        id(allow('*'), {
          Effect: 'Deny',
          Action: 'iam:*',
          NotResource: `arn:aws:iam::${ACCOUNT}:user/alice`,
        }),
      ],
    },
    'iam:GetUser',
    { decision: 'Allow' },
  ],
];

describe('decideIdentity', () => {
  it.each(cases)('%s', (_name, policies, action, expected) => {
    const resource = action === 'iam:GetUser' ? `arn:aws:iam::${ACCOUNT}:user/alice` : '*';
    const verdict = decideIdentity({ principal: userPrincipal, action, resource }, policies);
    expect({ decision: verdict.decision, layer: verdict.layer }).toEqual({
      decision: expected.decision,
      layer: expected.layer,
    });
  });

  it('names the allowing identity statement and the explicitly denying one', () => {
    const allowed = decideIdentity(
      { principal: userPrincipal, action: 'ecs:ListClusters', resource: '*' },
      { identityPolicies: [id(deny('logs:*'), allow('ecs:*'))] },
    );
    expect(allowed.hit?.statement.index).toBe(1);
    const denied = decideIdentity(
      { principal: userPrincipal, action: 'logs:PutLogEvents', resource: '*' },
      { identityPolicies: [id(deny('logs:*'), allow('*'))] },
    );
    expect(denied.hit?.statement.index).toBe(0);
  });

  it('keeps the statement that failed on a condition as a near miss', () => {
    const verdict = decideIdentity(
      { principal: userPrincipal, action: 'ecs:ListClusters', resource: '*', context: {} },
      {
        identityPolicies: [
          id({
            ...allow('ecs:*'),
            Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
          }),
        ],
      },
    );
    expect(verdict.decision).toBe('ImplicitDeny');
    expect(verdict.nearMiss?.failure).toEqual({
      operator: 'StringEquals',
      key: 'aws:RequestedRegion',
    });
  });
});
