import { describe, expect, it } from 'vitest';
import {
  evaluateIdentity,
  type ConditionContext,
  type Principal,
} from '../../../src/engine/iam-policy/index.js';
import { policy, userPrincipal } from './helpers.js';

type Case = [
  name: string,
  statement: Record<string, unknown>,
  version: string | null,
  resource: string,
  context: ConditionContext,
  allowed: boolean,
];

const HOME = 'arn:aws:s3:::bucket/home';

const cases: Case[] = [
  [
    'aws:username in a resource',
    { Resource: `${HOME}/\${aws:username}/*` },
    '2012-10-17',
    `${HOME}/alice/notes.txt`,
    {},
    true,
  ],
  [
    'aws:username of someone else',
    { Resource: `${HOME}/\${aws:username}/*` },
    '2012-10-17',
    `${HOME}/bob/notes.txt`,
    {},
    false,
  ],
  [
    'a 2008-10-17 policy reads variables literally',
    { Resource: `${HOME}/\${aws:username}/*` },
    '2008-10-17',
    `${HOME}/alice/notes.txt`,
    {},
    false,
  ],
  [
    '…and matches the literal text',
    { Resource: `${HOME}/\${aws:username}/*` },
    '2008-10-17',
    `${HOME}/\${aws:username}/x`,
    {},
    true,
  ],
  [
    'no Version is 2008-10-17',
    { Resource: `${HOME}/\${aws:username}/*` },
    null,
    `${HOME}/alice/notes.txt`,
    {},
    false,
  ],
  [
    'variable names are case-insensitive',
    { Resource: `${HOME}/\${AWS:UserName}/*` },
    '2012-10-17',
    `${HOME}/alice/x`,
    {},
    true,
  ],
  [
    'aws:userid',
    { Resource: `${HOME}/\${aws:userid}` },
    '2012-10-17',
    `${HOME}/AIDAEXAMPLE`,
    {},
    true,
  ],
  [
    'principal tag',
    { Resource: 'arn:aws:ecs:*:*:cluster/${aws:PrincipalTag/team}-*' },
    '2012-10-17',
    'arn:aws:ecs:us-east-1:1:cluster/data-prod',
    { 'aws:PrincipalTag/team': 'data' },
    true,
  ],
  [
    'a missing variable matches nothing',
    { Resource: 'arn:aws:ecs:*:*:cluster/${aws:PrincipalTag/team}-*' },
    '2012-10-17',
    'arn:aws:ecs:us-east-1:1:cluster/-prod',
    {},
    false,
  ],
  [
    'a default value',
    { Resource: "arn:aws:ecs:*:*:cluster/${aws:PrincipalTag/team, 'shared'}" },
    '2012-10-17',
    'arn:aws:ecs:us-east-1:1:cluster/shared',
    {},
    true,
  ],
  [
    'a default only when missing',
    { Resource: "arn:aws:ecs:*:*:cluster/${aws:PrincipalTag/team, 'shared'}" },
    '2012-10-17',
    'arn:aws:ecs:us-east-1:1:cluster/shared',
    { 'aws:PrincipalTag/team': 'data' },
    false,
  ],
  ['${*} is a literal star', { Resource: `${HOME}/\${*}` }, '2012-10-17', `${HOME}/*`, {}, true],
  [
    '${*} is not a wildcard',
    { Resource: `${HOME}/\${*}` },
    '2012-10-17',
    `${HOME}/anything`,
    {},
    false,
  ],
  [
    '${?} is a literal question mark',
    { Resource: `${HOME}/a\${?}` },
    '2012-10-17',
    `${HOME}/a?`,
    {},
    true,
  ],
  [
    '${$} is a literal dollar',
    { Resource: `${HOME}/\${$}x` },
    '2012-10-17',
    `${HOME}/$x`,
    {},
    true,
  ],
  [
    'a substituted value is literal, not a wildcard',
    { Resource: `${HOME}/\${aws:PrincipalTag/dir}` },
    '2012-10-17',
    `${HOME}/anything`,
    { 'aws:PrincipalTag/dir': '*' },
    false,
  ],
  [
    'a multi-valued key is no variable',
    { Resource: `${HOME}/\${aws:TagKeys}` },
    '2012-10-17',
    `${HOME}/a`,
    { 'aws:TagKeys': ['a', 'b'] },
    false,
  ],
  [
    'aws:SourceArn in a condition value',
    { Resource: '*', Condition: { ArnEquals: { 'ecs:task-definition': '${aws:SourceArn}' } } },
    '2012-10-17',
    '*',
    {
      'aws:SourceArn': 'arn:aws:ecs:us-east-1:1:task-definition/app:1',
      'ecs:task-definition': 'arn:aws:ecs:us-east-1:1:task-definition/app:1',
    },
    true,
  ],
  [
    'aws:username in StringLike',
    { Resource: '*', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } },
    '2012-10-17',
    '*',
    { 's3:prefix': 'home/alice/docs' },
    true,
  ],
  [
    'aws:username in StringLike, another user',
    { Resource: '*', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } },
    '2012-10-17',
    '*',
    { 's3:prefix': 'home/bob/docs' },
    false,
  ],
  [
    'tag matching tag: ResourceTag = PrincipalTag',
    {
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
    },
    '2012-10-17',
    '*',
    { 'aws:ResourceTag/team': 'data', 'aws:PrincipalTag/team': 'data' },
    true,
  ],
  [
    'an unclosed ${ is plain text',
    { Resource: `${HOME}/\${aws:username` },
    '2012-10-17',
    `${HOME}/\${aws:username`,
    {},
    true,
  ],
];

describe('policy variables', () => {
  it.each(cases)('%s', (_name, statement, version, resource, context, allowed) => {
    const p = policy('p', [{ Effect: 'Allow', Action: 's3:GetObject', ...statement }], version);
    const principal: Principal = userPrincipal;
    const decision = evaluateIdentity(
      { principal, action: 's3:GetObject', resource, context },
      { identityPolicies: [p] },
    );
    expect(decision.decision).toBe(allowed ? 'Allow' : 'ImplicitDeny');
  });
});
