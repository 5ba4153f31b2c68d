/**
 * How a resource's own policy combines with the caller's identity decision
 * (services/authorization/resource-policy.ts), case by case.
 */
import { describe, expect, it } from 'vitest';
import type { LayeredDecision } from '../../../src/engine/iam-policy/index.js';
import { decidePermission } from '../../../src/services/authorization/resource-policy.js';

const BUS = 'arn:aws:events:us-east-1:111111111111:event-bus/shared';
const CALLER = {
  kind: 'aws' as const,
  arn: 'arn:aws:iam::222222222222:user/u',
  accountId: '222222222222',
};
const policy = (effect: 'Allow' | 'Deny') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: effect, Principal: { AWS: CALLER.arn }, Action: 'events:PutEvents', Resource: BUS },
    ],
  });
const ALLOW: LayeredDecision = { decision: 'Allow' };
const IMPLICIT: LayeredDecision = { decision: 'ImplicitDeny', layer: 'identity' };
const EXPLICIT: LayeredDecision = { decision: 'ExplicitDeny', layer: 'boundary' };

describe('decidePermission', () => {
  it.each([
    // [resource account, bus policy, identity, verdict]
    ['another', undefined, ALLOW, { allowed: false, explicit: false, layer: 'resource' }],
    ['another', 'Allow', ALLOW, { allowed: true }],
    ['another', 'Allow', IMPLICIT, { allowed: false, explicit: false, layer: 'identity' }],
    ['another', 'Deny', ALLOW, { allowed: false, explicit: true, layer: 'resource' }],
    ['another', 'Allow', EXPLICIT, { allowed: false, explicit: true, layer: 'boundary' }],
    ['another', 'Allow', undefined, { allowed: true }],
    ['another', undefined, undefined, { allowed: false, explicit: false, layer: 'resource' }],
    ['own', undefined, ALLOW, { allowed: true }],
    ['own', undefined, IMPLICIT, { allowed: false, explicit: false, layer: 'identity' }],
    ['own', 'Allow', IMPLICIT, { allowed: true }],
    ['own', 'Deny', ALLOW, { allowed: false, explicit: true, layer: 'resource' }],
    ['own', 'Deny', undefined, { allowed: false, explicit: true, layer: 'resource' }],
  ] as const)('%s account, bus policy %s, identity %o', (account, effect, identity, verdict) => {
    const decided = decidePermission(
      {
        action: 'events:PutEvents',
        resource: BUS,
        resourcePolicy: {
          accountId: account === 'own' ? CALLER.accountId : '111111111111',
          document: () => Promise.resolve(effect ? policy(effect) : undefined),
        },
      },
      identity,
      effect ? policy(effect) : undefined,
      { principal: CALLER, callerAccountId: CALLER.accountId, context: () => ({}) },
    );
    expect(decided).toEqual(verdict);
  });

  it('without a resource policy, admits what the identity allows or the permission needs no identity allow for', () => {
    const permission = { action: 'sts:AssumeRole', resource: '*' };
    const request = { principal: CALLER, callerAccountId: CALLER.accountId, context: () => ({}) };
    expect(decidePermission(permission, IMPLICIT, undefined, request)).toEqual({
      allowed: false,
      explicit: false,
      layer: 'identity',
    });
    expect(
      decidePermission(
        { ...permission, allowedWithoutIdentityPolicy: true },
        IMPLICIT,
        undefined,
        request,
      ),
    ).toEqual({ allowed: true });
  });
});
