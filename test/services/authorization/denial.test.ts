/** Denial messages per service and policy layer, and the context a permission is evaluated with. */
import { describe, expect, it } from 'vitest';
import { conditionContext } from '../../../src/services/authorization/conditions.js';
import { denialError, denialMessage } from '../../../src/services/authorization/denial.js';
import type { CallerPolicies } from '../../../src/services/iam/caller-policies.js';
import type { RequestContext } from '../../../src/services/context.js';

const USER = 'arn:aws:iam::123456789012:user/dev';
const base = { principalArn: USER, action: 'ecs:ListClusters', resource: '*' };

describe('denialMessage', () => {
  it.each([
    [
      'ecs',
      { ...base, explicit: false, layer: 'identity' as const },
      `User: ${USER} is not authorized to perform: ecs:ListClusters on resource: * because no identity-based policy allows the ecs:ListClusters action`,
    ],
    [
      'ecs',
      { ...base, explicit: true, layer: 'identity' as const },
      `User: ${USER} is not authorized to perform: ecs:ListClusters on resource: * with an explicit deny in an identity-based policy`,
    ],
    [
      'logs',
      { ...base, explicit: false, layer: 'boundary' as const },
      `User: ${USER} is not authorized to perform: ecs:ListClusters on resource: * because no permissions boundary allows the ecs:ListClusters action`,
    ],
    [
      'events',
      { ...base, explicit: true, layer: 'boundary' as const },
      `User: ${USER} is not authorized to perform: ecs:ListClusters on resource: * with an explicit deny in a permissions boundary`,
    ],
    [
      'scheduler',
      { ...base, explicit: false, layer: 'session' as const },
      `User: ${USER} is not authorized to perform: ecs:ListClusters on resource: * because no session policy allows the ecs:ListClusters action`,
    ],
    [
      'iam',
      { ...base, explicit: true, layer: 'session' as const },
      `User: ${USER} is not authorized to perform: ecs:ListClusters on resource: * with an explicit deny in a session policy`,
    ],
    [
      'ec2',
      { ...base, action: 'ec2:DescribeVpcs', explicit: false, layer: 'identity' as const },
      `You are not authorized to perform this operation. User: ${USER} is not authorized to perform: ec2:DescribeVpcs because no identity-based policy allows the ec2:DescribeVpcs action`,
    ],
    [
      'ec2',
      {
        ...base,
        action: 'ec2:DeleteVpc',
        resource: 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1',
        explicit: true,
        layer: 'identity' as const,
      },
      `You are not authorized to perform this operation. User: ${USER} is not authorized to perform: ec2:DeleteVpc on resource: arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1 with an explicit deny in an identity-based policy`,
    ],
    [
      'sts',
      {
        ...base,
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::123456789012:role/r',
        explicit: false,
        layer: 'identity' as const,
      },
      `User: ${USER} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/r`,
    ],
  ])('%s: %j', (service, denial, message) => {
    expect(denialMessage(service, denial)).toBe(message);
  });

  it.each([
    ['ecs', 'AccessDeniedException', 400],
    ['logs', 'AccessDeniedException', 400],
    ['events', 'AccessDeniedException', 400],
    ['scheduler', 'AccessDeniedException', 403],
    ['iam', 'AccessDenied', 403],
    ['sts', 'AccessDenied', 403],
    ['ec2', 'UnauthorizedOperation', 403],
  ])('%s answers %s with %i', (service, code, status) => {
    const error = denialError(service, { ...base, explicit: false, layer: 'identity' });
    expect({ code: error.code, status: error.status, fault: error.fault }).toEqual({
      code,
      status,
      fault: 'sender',
    });
  });
});

describe('conditionContext', () => {
  const ctx: RequestContext = {
    requestId: 'r',
    accountId: '123456789012',
    region: 'eu-west-1',
    caller: {
      accountId: '123456789012',
      arn: USER,
      userId: 'AIDA',
      accessKeyId: 'AKIA',
      type: 'user',
    },
  };
  const caller = (readsResourceTags: boolean): CallerPolicies => ({
    principal: { kind: 'aws', arn: USER, accountId: '123456789012' },
    policies: { identityPolicies: [] },
    principalTags: { team: 'blue' },
    readsResourceTags,
  });
  const facts = { nowMs: Date.parse('2026-06-01T00:00:00Z'), sourceIp: '127.0.0.1' };

  it('sets the global keys on every request', async () => {
    const context = await conditionContext(
      { action: 'ecs:ListClusters', resource: '*' },
      ctx,
      caller(false),
      facts,
    );
    expect(context).toMatchObject({
      'aws:CurrentTime': new Date('2026-06-01T00:00:00Z'),
      'aws:EpochTime': 1780272000,
      'aws:SecureTransport': false,
      'aws:RequestedRegion': 'eu-west-1',
      'aws:SourceIp': '127.0.0.1',
      'aws:PrincipalTag/team': 'blue',
    });
    expect(context['aws:MultiFactorAuthPresent']).toBeUndefined();
  });

  it('keeps only the service keys and tags the reference lists for the action', async () => {
    const context = await conditionContext(
      {
        action: 'ecs:ListClusters',
        resource: '*',
        context: { 'ecs:cluster': 'arn:c' },
        requestTags: { team: 'blue' },
      },
      ctx,
      caller(false),
      facts,
    );
    expect(context['ecs:cluster']).toBeUndefined();
    expect(context['aws:RequestTag/team']).toBeUndefined();
    const runTask = await conditionContext(
      {
        action: 'ecs:RunTask',
        resource: 'arn:td',
        context: { 'ecs:cluster': 'arn:c' },
        requestTags: { team: 'blue' },
      },
      ctx,
      caller(false),
      facts,
    );
    expect(runTask).toMatchObject({
      'ecs:cluster': 'arn:c',
      'aws:RequestTag/team': 'blue',
      'aws:TagKeys': ['team'],
    });
  });

  it('reads a resource tags only when a policy tests them, as aws: and service keys', async () => {
    let reads = 0;
    const permission = {
      action: 'ecs:DescribeClusters',
      resource: 'arn:c',
      resourceTags: () => {
        reads++;
        return Promise.resolve({ team: 'red' });
      },
    };
    const skipped = await conditionContext(permission, ctx, caller(false), facts);
    expect(reads).toBe(0);
    expect(skipped['aws:ResourceTag/team']).toBeUndefined();
    const read = await conditionContext(permission, ctx, caller(true), facts);
    expect(reads).toBe(1);
    expect(read).toMatchObject({ 'aws:ResourceTag/team': 'red', 'ecs:ResourceTag/team': 'red' });
  });

  it('marks temporary credentials with their issue time and no MFA', async () => {
    const context = await conditionContext(
      { action: 'ecs:ListClusters', resource: '*' },
      {
        ...ctx,
        caller: { ...ctx.caller, session: { kind: 'role', issuedAt: '2026-05-31T23:00:00.000Z' } },
      },
      caller(false),
      facts,
    );
    expect(context).toMatchObject({
      'aws:TokenIssueTime': '2026-05-31T23:00:00.000Z',
      'aws:MultiFactorAuthPresent': false,
    });
  });
});
