import { describe, expect, it } from 'vitest';
import { evaluateIdentity, type ConditionContext } from '../../../src/engine/iam-policy/index.js';
import { policy, rolePrincipal } from './helpers.js';

/** Whether one Allow statement with this Condition lets the request through. */
function holds(condition: Record<string, unknown>, context: ConditionContext): boolean {
  const p = policy('p', [
    { Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*', Condition: condition },
  ]);
  const decision = evaluateIdentity(
    { principal: rolePrincipal, action: 'ecs:RunTask', resource: '*', context },
    { identityPolicies: [p] },
  );
  return decision.decision === 'Allow';
}

type Case = [string, Record<string, unknown>, ConditionContext, boolean];

const SOURCE = 'arn:aws:events:us-east-1:123456789012:rule/ecs-scheduled-task';

const cases: Case[] = [
  // Strings
  [
    'StringEquals matches',
    { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    { 'aws:SourceAccount': '123456789012' },
    true,
  ],
  [
    'StringEquals differs',
    { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    { 'aws:SourceAccount': '999999999999' },
    false,
  ],
  [
    'StringEquals is case-sensitive',
    { StringEquals: { 'ecs:cluster': 'Default' } },
    { 'ecs:cluster': 'default' },
    false,
  ],
  ['StringEquals with a missing key', { StringEquals: { 'aws:SourceAccount': '1' } }, {}, false],
  [
    'StringEquals: any of several values',
    { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
    { 'aws:RequestedRegion': 'eu-west-1' },
    true,
  ],
  [
    'condition keys are case-insensitive',
    { StringEquals: { 'AWS:SOURCEACCOUNT': '1' } },
    { 'aws:SourceAccount': '1' },
    true,
  ],
  [
    'StringNotEquals differs',
    { StringNotEquals: { 'aws:RequestedRegion': 'us-west-2' } },
    { 'aws:RequestedRegion': 'us-east-1' },
    true,
  ],
  [
    'StringNotEquals equal',
    { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    { 'aws:RequestedRegion': 'us-east-1' },
    false,
  ],
  [
    'StringNotEquals: none of several',
    { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
    { 'aws:RequestedRegion': 'eu-west-1' },
    false,
  ],
  [
    'StringNotEquals with a missing key holds',
    { StringNotEquals: { 'aws:RequestedRegion': 'x' } },
    {},
    true,
  ],
  [
    'StringEqualsIgnoreCase',
    { StringEqualsIgnoreCase: { 'ecs:cluster': 'DEFAULT' } },
    { 'ecs:cluster': 'default' },
    true,
  ],
  [
    'StringNotEqualsIgnoreCase equal',
    { StringNotEqualsIgnoreCase: { 'ecs:cluster': 'DEFAULT' } },
    { 'ecs:cluster': 'default' },
    false,
  ],
  [
    'StringNotEqualsIgnoreCase differs',
    { StringNotEqualsIgnoreCase: { 'ecs:cluster': 'prod' } },
    { 'ecs:cluster': 'default' },
    true,
  ],
  [
    'StringLike with *',
    { StringLike: { 's3:prefix': 'home/*' } },
    { 's3:prefix': 'home/alice/x' },
    true,
  ],
  ['StringLike with ?', { StringLike: { 's3:prefix': 'v?' } }, { 's3:prefix': 'v2' }, true],
  [
    'StringLike no match',
    { StringLike: { 's3:prefix': 'home/*' } },
    { 's3:prefix': 'tmp/x' },
    false,
  ],
  [
    'StringLike is case-sensitive',
    { StringLike: { 's3:prefix': 'Home/*' } },
    { 's3:prefix': 'home/x' },
    false,
  ],
  [
    'StringNotLike',
    { StringNotLike: { 's3:prefix': 'secret/*' } },
    { 's3:prefix': 'public/x' },
    true,
  ],
  [
    'StringNotLike matching',
    { StringNotLike: { 's3:prefix': 'secret/*' } },
    { 's3:prefix': 'secret/x' },
    false,
  ],
  // Numbers
  ['NumericEquals', { NumericEquals: { 'ecs:count': '3' } }, { 'ecs:count': 3 }, true],
  ['NumericEquals as text', { NumericEquals: { 'ecs:count': '3' } }, { 'ecs:count': '3.0' }, true],
  ['NumericNotEquals', { NumericNotEquals: { 'ecs:count': '3' } }, { 'ecs:count': '4' }, true],
  [
    'NumericLessThan',
    { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
    { 'aws:MultiFactorAuthAge': '60' },
    true,
  ],
  [
    'NumericLessThan at the bound',
    { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
    { 'aws:MultiFactorAuthAge': '3600' },
    false,
  ],
  [
    'NumericLessThanEquals at the bound',
    { NumericLessThanEquals: { 'aws:MultiFactorAuthAge': 3600 } },
    { 'aws:MultiFactorAuthAge': 3600 },
    true,
  ],
  ['NumericGreaterThan', { NumericGreaterThan: { 'ecs:count': '1' } }, { 'ecs:count': 2 }, true],
  [
    'NumericGreaterThanEquals below',
    { NumericGreaterThanEquals: { 'ecs:count': '2' } },
    { 'ecs:count': 1 },
    false,
  ],
  [
    'Numeric with a non-number',
    { NumericEquals: { 'ecs:count': '3' } },
    { 'ecs:count': 'three' },
    false,
  ],
  // Dates
  [
    'DateGreaterThan',
    { DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } },
    { 'aws:CurrentTime': new Date('2024-06-01T00:00:00Z') },
    true,
  ],
  [
    'DateLessThan',
    { DateLessThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } },
    { 'aws:CurrentTime': new Date('2024-06-01T00:00:00Z') },
    false,
  ],
  [
    'DateEquals with epoch seconds',
    { DateEquals: { 'aws:EpochTime': '1704067200' } },
    { 'aws:EpochTime': new Date('2024-01-01T00:00:00Z') },
    true,
  ],
  [
    'DateNotEquals',
    { DateNotEquals: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } },
    { 'aws:CurrentTime': '2024-01-02T00:00:00Z' },
    true,
  ],
  [
    'DateLessThanEquals with zone offset',
    { DateLessThanEquals: { 'aws:CurrentTime': '2024-01-01T09:00:00+09:00' } },
    { 'aws:CurrentTime': '2024-01-01T00:00:00Z' },
    true,
  ],
  [
    'DateGreaterThanEquals',
    { DateGreaterThanEquals: { 'aws:CurrentTime': '2024-01-01' } },
    { 'aws:CurrentTime': '2023-12-31T23:59:59Z' },
    false,
  ],
  // Bool and binary
  ['Bool true', { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': true }, true],
  [
    'Bool false vs true',
    { Bool: { 'aws:SecureTransport': 'false' } },
    { 'aws:SecureTransport': true },
    false,
  ],
  [
    'Bool as a JSON boolean',
    { Bool: { 'aws:SecureTransport': true } },
    { 'aws:SecureTransport': 'TRUE' },
    true,
  ],
  ['Bool with a missing key', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, {}, false],
  [
    'BoolIfExists with a missing key',
    { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    {},
    true,
  ],
  ['BinaryEquals', { BinaryEquals: { 'x:blob': 'QmluYXJ5' } }, { 'x:blob': 'QmluYXJ5' }, true],
  [
    'BinaryEquals differs',
    { BinaryEquals: { 'x:blob': 'QmluYXJ5' } },
    { 'x:blob': 'T3RoZXI=' },
    false,
  ],
  // Addresses
  [
    'IpAddress in an IPv4 block',
    { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    { 'aws:SourceIp': '203.0.113.7' },
    true,
  ],
  [
    'IpAddress outside an IPv4 block',
    { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    { 'aws:SourceIp': '203.0.114.7' },
    false,
  ],
  [
    'IpAddress, a single address',
    { IpAddress: { 'aws:SourceIp': '10.0.0.1' } },
    { 'aws:SourceIp': '10.0.0.1' },
    true,
  ],
  [
    'IpAddress /0',
    { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
    { 'aws:SourceIp': '192.0.2.1' },
    true,
  ],
  [
    'IpAddress in an IPv6 block',
    { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
    { 'aws:SourceIp': '2001:db8:1234::1' },
    true,
  ],
  [
    'IpAddress outside an IPv6 block',
    { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
    { 'aws:SourceIp': '2001:db9::1' },
    false,
  ],
  [
    'IPv4 address vs IPv6 block',
    { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
    { 'aws:SourceIp': '10.0.0.1' },
    false,
  ],
  [
    'IPv4-mapped IPv6 address',
    { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    { 'aws:SourceIp': '::ffff:10.1.2.3' },
    true,
  ],
  [
    'IpAddress: any of two blocks',
    { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '10.0.0.0/8'] } },
    { 'aws:SourceIp': '10.9.9.9' },
    true,
  ],
  [
    'NotIpAddress outside',
    { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    { 'aws:SourceIp': '192.0.2.1' },
    true,
  ],
  [
    'NotIpAddress inside',
    { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    { 'aws:SourceIp': '10.0.0.1' },
    false,
  ],
  [
    'IpAddress with a non-address',
    { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    { 'aws:SourceIp': 'localhost' },
    false,
  ],
  // ARNs
  ['ArnEquals', { ArnEquals: { 'aws:SourceArn': SOURCE } }, { 'aws:SourceArn': SOURCE }, true],
  [
    'ArnLike with wildcard',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:123456789012:rule/*' } },
    { 'aws:SourceArn': SOURCE },
    true,
  ],
  [
    'ArnEquals takes wildcards too',
    { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:*:*:rule/ecs-*' } },
    { 'aws:SourceArn': SOURCE },
    true,
  ],
  [
    'ArnLike other account',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:999999999999:rule/*' } },
    { 'aws:SourceArn': SOURCE },
    false,
  ],
  [
    'ArnNotEquals',
    { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/other' } },
    { 'aws:SourceArn': SOURCE },
    true,
  ],
  [
    'ArnNotLike matching',
    { ArnNotLike: { 'aws:SourceArn': 'arn:aws:events:*' } },
    { 'aws:SourceArn': SOURCE },
    false,
  ],
  [
    'ArnNotLike with a missing key holds',
    { ArnNotLike: { 'aws:SourceArn': 'arn:aws:events:*' } },
    {},
    true,
  ],
  // Null
  ['Null true, key absent', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, true],
  [
    'Null true, key present',
    { Null: { 'aws:TokenIssueTime': 'true' } },
    { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' },
    false,
  ],
  [
    'Null false, key present',
    { Null: { 'aws:TokenIssueTime': 'false' } },
    { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' },
    true,
  ],
  ['Null false, key absent', { Null: { 'aws:TokenIssueTime': 'false' } }, {}, false],
  [
    'an empty list is an absent key',
    { Null: { 'aws:TagKeys': 'true' } },
    { 'aws:TagKeys': [] },
    true,
  ],
  // IfExists
  [
    'StringEqualsIfExists, key absent',
    { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } },
    {},
    true,
  ],
  [
    'StringEqualsIfExists, key present and different',
    { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } },
    { 'ec2:InstanceType': 'm5.large' },
    false,
  ],
  [
    'StringLikeIfExists, key present and matching',
    { StringLikeIfExists: { 'ec2:InstanceType': 't3.*' } },
    { 'ec2:InstanceType': 't3.small' },
    true,
  ],
  [
    'ArnLikeIfExists, key absent',
    { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:events:*' } },
    {},
    true,
  ],
  // Set qualifiers
  [
    'ForAllValues: every tag key allowed',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } },
    { 'aws:TagKeys': ['env'] },
    true,
  ],
  [
    'ForAllValues: one tag key not allowed',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } },
    { 'aws:TagKeys': ['env', 'owner'] },
    false,
  ],
  [
    'ForAllValues: absent key holds',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } },
    {},
    true,
  ],
  [
    'ForAnyValue: one matches',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['owner', 'env'] },
    true,
  ],
  [
    'ForAnyValue: none matches',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['owner'] },
    false,
  ],
  [
    'ForAnyValue: absent key fails',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } },
    {},
    false,
  ],
  [
    'ForAnyValue:StringLike',
    { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'cost-*' } },
    { 'aws:TagKeys': ['env', 'cost-center'] },
    true,
  ],
  [
    'ForAllValues:StringNotEquals: none is forbidden',
    { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'secret' } },
    { 'aws:TagKeys': ['env', 'team'] },
    true,
  ],
  [
    'ForAllValues:StringNotEquals: one is forbidden',
    { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'secret' } },
    { 'aws:TagKeys': ['env', 'secret'] },
    false,
  ],
  [
    'ForAnyValue:StringNotEquals: one differs',
    { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['env', 'team'] },
    true,
  ],
  [
    'ForAnyValue:StringEqualsIfExists, key absent',
    { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'env' } },
    {},
    true,
  ],
  [
    'ForAllValues:StringLike',
    { 'ForAllValues:StringLike': { 'aws:TagKeys': ['app-*'] } },
    { 'aws:TagKeys': ['app-a', 'app-b'] },
    true,
  ],
  [
    'multi-valued key without qualifier: any value',
    { StringEquals: { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['team', 'env'] },
    true,
  ],
  [
    'multi-valued key with a negated operator: none',
    { StringNotEquals: { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['team', 'env'] },
    false,
  ],
  // Several keys and operators: all must hold
  [
    'two keys in one operator, both hold',
    { StringEquals: { 'aws:SourceAccount': '1', 'ecs:cluster': 'default' } },
    { 'aws:SourceAccount': '1', 'ecs:cluster': 'default' },
    true,
  ],
  [
    'two keys in one operator, one fails',
    { StringEquals: { 'aws:SourceAccount': '1', 'ecs:cluster': 'default' } },
    { 'aws:SourceAccount': '1', 'ecs:cluster': 'prod' },
    false,
  ],
  [
    'two operators, both hold',
    {
      StringEquals: { 'aws:SourceAccount': '1' },
      ArnLike: { 'aws:SourceArn': 'arn:aws:events:*' },
    },
    { 'aws:SourceAccount': '1', 'aws:SourceArn': SOURCE },
    true,
  ],
  [
    'two operators, one fails',
    { StringEquals: { 'aws:SourceAccount': '1' }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:*' } },
    { 'aws:SourceAccount': '1', 'aws:SourceArn': SOURCE },
    false,
  ],
  ['an unknown operator with no keys holds', { Whatever: {} }, {}, true],
];

describe('condition operators', () => {
  it.each(cases)('%s', (_name, condition, context, expected) => {
    expect(holds(condition, context)).toBe(expected);
  });
});

describe('keys AWS fills in from the caller', () => {
  it('aws:PrincipalArn of a role session is the role', () => {
    const p = policy('p', [
      {
        Effect: 'Allow',
        Action: 'ecs:RunTask',
        Resource: '*',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/EcsEventsRole' },
        },
      },
    ]);
    const decision = evaluateIdentity(
      {
        principal: {
          kind: 'aws',
          arn: 'arn:aws:sts::123456789012:assumed-role/EcsEventsRole/events-session',
          accountId: '123456789012',
        },
        action: 'ecs:RunTask',
        resource: '*',
      },
      { identityPolicies: [p] },
    );
    expect(decision.decision).toBe('Allow');
  });

  it('aws:PrincipalAccount and aws:PrincipalServiceName are there without being passed', () => {
    const p = policy('p', [
      {
        Effect: 'Allow',
        Action: 'ecs:RunTask',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com' } },
      },
    ]);
    const asService = evaluateIdentity(
      {
        principal: { kind: 'service', service: 'events.amazonaws.com' },
        action: 'ecs:RunTask',
        resource: '*',
      },
      { identityPolicies: [p] },
    );
    expect(asService.decision).toBe('Allow');
    expect(holds({ StringEquals: { 'aws:PrincipalAccount': '123456789012' } }, {})).toBe(true);
  });

  it('a key the caller passes wins over a derived one', () => {
    expect(
      holds(
        { StringEquals: { 'aws:PrincipalAccount': '111111111111' } },
        { 'aws:PrincipalAccount': '111111111111' },
      ),
    ).toBe(true);
  });
});
