import { describe, expect, it } from 'vitest';
import {
  invalidPrincipalMessage,
  trustPolicyAwsPrincipals,
  validatePolicyDocument,
} from '../../../src/engine/iam-policy/index.js';

const NO_PRINCIPALS =
  'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!';
const ONLY_STS = 'AssumeRole policy may only specify STS AssumeRole actions.';

function trustStatement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sts:AssumeRole',
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

function trust(statement: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra });
}

describe('trust policy validation: refused documents', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{"Version": "2012-10-17",', 'This policy contains invalid Json'],
    [
      'a file name instead of JSON',
      'ecs-assume-role-policy.yaml',
      'This policy contains invalid Json',
    ],
    ['a JSON list', '[]', 'This policy contains invalid Json'],
    [
      'unknown Version',
      trust(trustStatement(), { Version: '2012-10-18' }),
      'Syntax errors in policy.',
    ],
    [
      'unknown element',
      trust(trustStatement({ Principle: { Service: 'x' } })),
      'Syntax errors in policy.',
    ],
    ['empty Statement', trust([]), 'Syntax errors in policy.'],
    ['Resource', trust(trustStatement({ Resource: '*' })), 'Has prohibited field Resource'],
    [
      'NotResource',
      trust(trustStatement({ NotResource: '*' })),
      'Has prohibited field NotResource',
    ],
    [
      'an identity policy given as a trust policy',
      trust({ Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: ['*'] }),
      'Has prohibited field Resource',
    ],
    [
      'Effect in the wrong case',
      trust(trustStatement({ Effect: 'allow' })),
      'The policy failed legacy parsing',
    ],
    [
      'no Action',
      trust(trustStatement({ Action: undefined })),
      'Policy statement must contain actions.',
    ],
    [
      'no Principal',
      trust(trustStatement({ Principal: undefined })),
      'Missing required field Principal',
    ],
    ['empty principal map', trust(trustStatement({ Principal: {} })), NO_PRINCIPALS],
    ['empty AWS list', trust(trustStatement({ Principal: { AWS: [] } })), NO_PRINCIPALS],
    [
      'unknown principal type',
      trust(trustStatement({ Principal: { Foo: 'bar' } })),
      'Invalid principal in policy: "Foo":"bar"',
    ],
    [
      'AWS principal not an ARN',
      trust(trustStatement({ Principal: { AWS: 'someone' } })),
      'Invalid principal in policy: "AWS":"someone"',
    ],
    [
      'AWS principal with a wildcard',
      trust(trustStatement({ Principal: { AWS: 'arn:aws:iam::123456789012:role/*' } })),
      'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/*"',
    ],
    [
      'short account id',
      trust(trustStatement({ Principal: { AWS: '12345' } })),
      'Invalid principal in policy: "AWS":"12345"',
    ],
    ['a non-STS action', trust(trustStatement({ Action: 'ecs:RunTask' })), ONLY_STS],
    ['action "*"', trust(trustStatement({ Action: '*' })), ONLY_STS],
    [
      'one bad action of two',
      trust(trustStatement({ Action: ['sts:AssumeRole', 's3:GetObject'] })),
      ONLY_STS,
    ],
    [
      'an STS action that is not about roles',
      trust(trustStatement({ Action: 'sts:GetCallerIdentity' })),
      ONLY_STS,
    ],
  ];

  it.each(cases)('%s', (_name, document, message) => {
    expect(validatePolicyDocument(document, 'trust')).toBe(message);
  });
});

describe('trust policy validation: accepted documents', () => {
  const valid: Array<[string, string]> = [
    ['service principal', trust(trustStatement())],
    ['Version 2008-10-17', trust(trustStatement(), { Version: '2008-10-17' })],
    ['no Version', JSON.stringify({ Statement: trustStatement() })],
    ['empty Sid', trust(trustStatement({ Sid: '' }))],
    [
      'account root',
      trust(trustStatement({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } })),
    ],
    ['bare account id', trust(trustStatement({ Principal: { AWS: '123456789012' } }))],
    [
      'role ARN with path',
      trust(trustStatement({ Principal: { AWS: 'arn:aws:iam::123456789012:role/ops/Deployer' } })),
    ],
    [
      'user ARN',
      trust(trustStatement({ Principal: { AWS: ['arn:aws:iam::123456789012:user/alice'] } })),
    ],
    ['"*"', trust(trustStatement({ Principal: '*' }))],
    ['AWS "*"', trust(trustStatement({ Principal: { AWS: '*' } }))],
    [
      'two services',
      trust(
        trustStatement({
          Principal: { Service: ['events.amazonaws.com', 'scheduler.amazonaws.com'] },
        }),
      ),
    ],
    [
      'federated web identity',
      trust(
        trustStatement({
          Principal: {
            Federated:
              'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
        }),
      ),
    ],
    [
      'session tags',
      trust(
        trustStatement({ Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }),
      ),
    ],
    ['sts wildcard', trust(trustStatement({ Action: 'sts:AssumeRole*' }))],
    [
      'conditions',
      trust(
        trustStatement({ Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }),
      ),
    ],
    [
      'a Deny with NotPrincipal',
      trust([
        trustStatement(),
        { Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' },
      ]),
    ],
  ];

  it.each(valid)('%s', (_name, document) => {
    expect(validatePolicyDocument(document, 'trust')).toBeUndefined();
  });
});

describe('principals the IAM service must check exist', () => {
  it('lists user and role ARNs, not accounts, services or roots', () => {
    const document = trust([
      trustStatement({
        Principal: {
          AWS: [
            'arn:aws:iam::123456789012:role/Deployer',
            '123456789012',
            'arn:aws:iam::123456789012:root',
          ],
          Service: 'events.amazonaws.com',
        },
      }),
      trustStatement({ Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' } }),
    ]);
    expect(trustPolicyAwsPrincipals(document)).toEqual([
      'arn:aws:iam::123456789012:role/Deployer',
      'arn:aws:iam::123456789012:user/alice',
    ]);
  });

  it('renders the message AWS gives for a missing one', () => {
    expect(invalidPrincipalMessage('arn:aws:iam::123456789012:role/Gone')).toBe(
      'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/Gone"',
    );
  });
});
