import { describe, expect, it } from 'vitest';
import { validatePolicyDocument } from '../../../src/engine/iam-policy/index.js';

const V12 = '2012-10-17';
const BUCKET = 'arn:aws:s3:::example_bucket';
const SYNTAX = 'Syntax errors in policy.';
const LEGACY = 'The policy failed legacy parsing';
const VENDOR = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
const ONE_COLON = 'Actions/Condition can contain only one colon.';
const NO_RESOURCES = 'Policy statement must contain resources.';
const NO_ACTIONS = 'Policy statement must contain actions.';
const NO_PRINCIPAL_ALLOWED = 'Policy document should not specify a principal.';
const VERSION_REQUIRED = 'Policy document must be version 2012-10-17 or greater.';
const SID_FORMAT =
  'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';
const IAM_PATH =
  'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.';

/** A statement that is valid unless a case overrides a part of it. */
function st(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: BUCKET,
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

function doc(statement: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: V12, Statement: statement, ...extra });
}

/** The seed's policies/iam_policy/ecs_task_execution.json, as the article has it. */
const SEED_ECS_TASK_EXECUTION = JSON.stringify({
  Version: '2008-10-17',
  Statement: [
    {
      Sid: '',
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
});

describe('identity policy validation: messages, in AWS order', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', 'This is not a json document', SYNTAX],
    ['a JSON array', '[]', SYNTAX],
    ['a JSON string', '"x"', SYNTAX],
    ['unknown Version', doc(st(), { Version: '2013-10-17' }), SYNTAX],
    ['Version not a string', doc(st(), { Version: 2012 }), SYNTAX],
    ['no Statement', JSON.stringify({ Version: V12 }), SYNTAX],
    ['empty Statement list', doc([]), SYNTAX],
    ['Statement a string', doc('afd'), SYNTAX],
    ['statement not an object', doc(['afd']), SYNTAX],
    ['unknown top-level element', doc(st(), { 'Extra field': 'value' }), SYNTAX],
    ['unknown statement element', doc(st({ 'Extra field': 'value' })), SYNTAX],
    ['lower-case statement element', doc(st({ Effect: undefined, effect: 'Allow' })), SYNTAX],
    ['Id a list', doc(st(), { Id: ['x'] }), SYNTAX],
    ['Id an object', doc(st(), { Id: {} }), SYNTAX],
    ['Effect missing', doc(st({ Effect: undefined })), SYNTAX],
    ['Effect invalid', doc(st({ Effect: 'invalid' })), SYNTAX],
    ['Effect not a string', doc(st({ Effect: true })), SYNTAX],
    ['Action and NotAction', doc(st({ NotAction: 's3:ListBucket', Action: 'iam:dsf' })), SYNTAX],
    ['Action and empty NotAction', doc(st({ NotAction: 's3s:x', Action: [] })), SYNTAX],
    ['Resource and NotResource', doc(st({ NotResource: '*' })), SYNTAX],
    ['Resource an object', doc(st({ Resource: { a: BUCKET } })), SYNTAX],
    ['Resource list holding an object', doc(st({ Resource: ['adfdf', {}] })), SYNTAX],
    ['Action a list of lists', doc(st({ Action: [[]] })), SYNTAX],
    ['Action an object', doc(st({ Action: {} })), SYNTAX],
    ['Condition a list', doc(st({ Condition: [] })), SYNTAX],
    ['Condition a string', doc(st({ Condition: 'a' })), SYNTAX],
    ['Condition operator not an object', doc(st({ Condition: { a: 'b' } })), SYNTAX],
    ['Condition block a string', doc(st({ Condition: { DateGreaterThan: 'b' } })), SYNTAX],
    ['Condition block a list', doc(st({ Condition: { DateGreaterThan: [] } })), SYNTAX],
    ['Condition value an object', doc(st({ Condition: { DateGreaterThan: { a: {} } } })), SYNTAX],
    ['unknown Condition operator', doc(st({ Condition: { x: { a: '1' } } })), SYNTAX],
    [
      'misspelled operator',
      doc(st({ Condition: { StringEqual: { 'aws:username': 'a' } } })),
      SYNTAX,
    ],
    [
      'double colon after qualifier',
      doc(st({ Condition: { 'ForAnyValue::StringEqualsIfExists': { a: 'asf' } } })),
      SYNTAX,
    ],
    ['Sid an object', doc(st({ Sid: {} })), SYNTAX],
    ['Sid a list', doc(st({ Sid: [] })), SYNTAX],
    ['shape error before principal', doc(st({ Principal: '*', Foo: 1 })), SYNTAX],
    ['Principal', doc(st({ Principal: { AWS: '123456789012' } })), NO_PRINCIPAL_ALLOWED],
    ['NotPrincipal', doc(st({ NotPrincipal: { AWS: '123456789012' } })), NO_PRINCIPAL_ALLOWED],
    ['Principal "*"', doc(st({ Principal: '*' })), NO_PRINCIPAL_ALLOWED],
    [
      'principal before resources',
      doc(st({ Principal: '*', Resource: undefined })),
      NO_PRINCIPAL_ALLOWED,
    ],
    ['no Version (managed)', JSON.stringify({ Statement: st() }), VERSION_REQUIRED],
    ['Version 2008-10-17 (managed)', doc(st(), { Version: '2008-10-17' }), VERSION_REQUIRED],
    [
      'version before legacy parsing',
      JSON.stringify({ Statement: st({ Effect: 'denY' }) }),
      VERSION_REQUIRED,
    ],
    ['Effect in the wrong case', doc(st({ Effect: 'denY' })), LEGACY],
    ['Effect lower case', doc(st({ Effect: 'allow', Action: undefined })), LEGACY],
    ['bad date', doc(st({ Condition: { DateGreaterThan: { a: 'sdfdsf' } } })), LEGACY],
    ['bad month', doc(st({ Condition: { DateLessThanEquals: { a: '234-13' } } })), LEGACY],
    [
      'one-digit zone',
      doc(st({ Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.593194+1' } } })),
      LEGACY,
    ],
    [
      'ten-digit fraction',
      doc(st({ Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.1999999999+10:59' } } })),
      LEGACY,
    ],
    [
      'epoch too large',
      doc(st({ Condition: { DateLessThan: { a: '9223372036854775808' } } })),
      LEGACY,
    ],
    ['date a boolean', doc(st({ Condition: { DateLessThan: { a: true } } })), LEGACY],
    [
      'legacy before actions',
      doc(st({ Action: undefined, Condition: { DateGreaterThan: { a: 'x' } } })),
      LEGACY,
    ],
    ['ARN missing a segment', doc(st({ Resource: 'arn:aws:s3::example_bucket' })), LEGACY],
    ['ARN with empty service', doc(st({ Resource: 'arn:aws::fdsasf' })), LEGACY],
    [
      'ARN with empty segments',
      doc(st({ NotAction: 's3:x', Action: undefined, Resource: 'arn:aws::::b' })),
      LEGACY,
    ],
    [
      'NotResource missing a segment',
      doc(st({ Resource: undefined, NotResource: 'arn:aws:s3::b' })),
      LEGACY,
    ],
    [
      'legacy outranks a later resource format error',
      doc(st({ Resource: 'arn:error:s3:::b', Condition: { DateGreaterThan: { a: 'x' } } })),
      LEGACY,
    ],
    [
      'a format error in an earlier statement spares a later one legacy parsing',
      doc([st({ Resource: 'arn:error:s3:::b' }), st({ Resource: 'arn:aws:s3::b' })]),
      'Partition "error" is not valid for resource "arn:error:s3:::b".',
    ],
    [
      'legacy parsing of an earlier statement comes first',
      doc([st({ Resource: 'arn:aws:s3::b' }), st({ Resource: 'arn:error:s3:::b' })]),
      LEGACY,
    ],
    ['Sid with a hyphen', doc(st({ Sid: 'my-sid' })), SID_FORMAT],
    ['Sid with a space', doc(st({ Sid: 'my sid' })), SID_FORMAT],
    [
      'duplicate Sids',
      doc([st({ Sid: 'sdf' }), { Sid: 'sdf', Effect: 'Allow' }]),
      'Statement IDs (SID) in a single policy must be unique.',
    ],
    ['no Action', doc(st({ Action: undefined })), NO_ACTIONS],
    ['only Effect', doc({ Effect: 'Allow' }), NO_ACTIONS],
    ['empty Action list', doc(st({ Action: [] })), NO_ACTIONS],
    ['a later statement without actions', doc([{ Effect: 'Deny' }, st()]), NO_ACTIONS],
    [
      'resource not an ARN',
      doc(st({ Resource: 'invalid resource' })),
      'Resource invalid resource must be in ARN format or "*".',
    ],
    ['empty resource', doc(st({ Resource: '' })), 'Resource  must be in ARN format or "*".'],
    [
      'resource list entry',
      doc(st({ Resource: ['adf'] })),
      'Resource adf must be in ARN format or "*".',
    ],
    [
      'resource error before vendor error',
      doc(st({ Action: 's:3:ListBucket', Resource: 'sdfsadf' })),
      'Resource sdfsadf must be in ARN format or "*".',
    ],
    [
      'ECR image URI as resource',
      doc(st({ Resource: '123456789012.dkr.ecr.us-west-2.amazonaws.com/app' })),
      'Resource 123456789012.dkr.ecr.us-west-2.amazonaws.com/app must be in ARN format or "*".',
    ],
    [
      'bad partition, short',
      doc(st({ Action: undefined, NotAction: 's3s:x', Resource: 'a:bsdfdsafsad' })),
      'Partition "bsdfdsafsad" is not valid for resource "arn:bsdfdsafsad:*:*:*:*".',
    ],
    [
      'bad partition, three segments',
      doc(st({ Resource: 'a:b:cadfsdf' })),
      'Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".',
    ],
    [
      'bad partition, many segments',
      doc(st({ Resource: 'a:b:c:d:e:f:g:h' })),
      'Partition "b" is not valid for resource "arn:b:c:d:e:f:g:h".',
    ],
    [
      'missing arn prefix',
      doc(st({ Resource: 'aws:s3:::example_bucket' })),
      'Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".',
    ],
    [
      'the smallest bad resource of a list is named',
      doc(st({ Resource: ['arn:error:s3:::example_bucket', 'arn:error:s3::example_bucket'] })),
      'Partition "error" is not valid for resource "arn:error:s3:::example_bucket".',
    ],
    [
      'no service',
      doc(st({ Resource: 'arn:aws' })),
      'Resource vendor must be fully qualified and cannot contain regexes.',
    ],
    ['IAM resource path', doc(st({ Resource: 'arn:aws:iam:::example_bucket' })), IAM_PATH],
    [
      'IAM resource with region',
      doc(st({ Resource: 'arn:aws:iam:us-east-1::example_bucket' })),
      'IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information.',
    ],
    [
      'S3 resource with region',
      doc(st({ Resource: 'arn:aws:s3:us-east-1::example_bucket' })),
      'Resource arn:aws:s3:us-east-1::example_bucket can not contain region information.',
    ],
    ['action without vendor', doc(st({ Action: 'invalid' })), VENDOR],
    ['empty NotAction', doc(st({ Action: undefined, NotAction: '' })), VENDOR],
    ['vendor before resources', doc({ Effect: 'Allow', Action: 'invalid' }), VENDOR],
    ['vendor with a space', doc(st({ Action: 'a a:ListBucket' })), 'Vendor a a is not valid'],
    ['two colons', doc(st({ Action: 's3:List:Bucket' })), ONE_COLON],
    [
      'two colons in a later statement',
      doc([st({ Action: 's3s:ListBucket' }), st({ Action: 's:3s:ListBucket' })]),
      ONE_COLON,
    ],
    ['no Resource', doc(st({ Resource: undefined })), NO_RESOURCES],
    ['empty Resource list', doc(st({ Resource: [] })), NO_RESOURCES],
    ['no Resource, ECS RunTask', doc({ Effect: 'Allow', Action: 'ecs:RunTask' }), NO_RESOURCES],
  ];

  it.each(cases)('%s', (_name, document, message) => {
    expect(validatePolicyDocument(document, 'managed')).toBe(message);
  });
});

describe('identity policy validation: accepted documents', () => {
  const valid: Array<[string, string]> = [
    ['one statement object', doc(st())],
    ['a statement list', doc([st()])],
    ['Resource list with "*"', doc(st({ Resource: [BUCKET, '*'] }))],
    ['Action "*"', doc(st({ Action: '*' }))],
    ['action with spaces after the vendor', doc(st({ Action: 'iam: asdf safdsf af ' }))],
    [
      'vendor with - and .',
      doc([st({ Action: 's3-s:ListBucket' }), st({ Action: 's3.s:ListBucket' })]),
    ],
    ['unknown service in ARN', doc(st({ Resource: 'arn:aws:invalid-service:us-east-1::b' }))],
    ['short ARN without ::', doc(st({ Resource: 'arn:aws:fdsasf' }))],
    ['IAM user path', doc(st({ Resource: 'arn:aws:iam:::user/example' }))],
    ['IAM "*" resource path', doc(st({ Resource: 'arn:aws:iam::123456789012:*' }))],
    ['EC2 ARN with region and no account', doc(st({ Resource: 'arn:aws:ec2:us-east-1::x' }))],
    [
      'S3 access point with region',
      doc(st({ Resource: 'arn:aws:s3:us-west-2:123456789012:accesspoint/ap' })),
    ],
    ['empty Condition', doc(st({ Condition: {} }))],
    ['unknown operator with no keys', doc(st({ Condition: { x: {}, y: {} } }))],
    ['empty Date block', doc(st({ Condition: { DateGreaterThan: {} } }))],
    ['Date with empty list', doc(st({ Condition: { DateGreaterThan: { a: [] } } }))],
    [
      'ForAllValues',
      doc(st({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'Dept' } } })),
    ],
    [
      'ForAnyValue with IfExists',
      doc(st({ Condition: { 'ForAnyValue:StringEqualsIfExists': { a: 'x' } } })),
    ],
    [
      'BoolIfExists',
      doc(st({ Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })),
    ],
    ['Bool as JSON boolean', doc(st({ Condition: { Bool: { 'aws:SecureTransport': false } } }))],
    [
      'Numeric as JSON number',
      doc(st({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } } })),
    ],
    [
      'date with zone',
      doc(st({ Condition: { DateLessThanEquals: { a: '2016-12-13T21:20:37.593194+00:00' } } })),
    ],
    [
      'date with two-digit zone',
      doc(st({ Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.593194+23' } } })),
    ],
    ['date year only with T', doc(st({ Condition: { DateGreaterThan: { a: '01T' } } }))],
    ['most negative year', doc(st({ Condition: { DateLessThan: { a: '-292275054' } } }))],
    [
      'Z date',
      doc(st({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2017-07-01T00:00:00Z' } } })),
    ],
    ['empty Sids repeat', doc([st({ Sid: '' }), st({ Sid: '' })])],
    ['alphanumeric Sid', doc(st({ Sid: 'AllowRunTask1' }))],
    [
      'NotAction with NotResource "*"',
      doc(st({ Action: undefined, NotAction: 's3:x', Resource: undefined, NotResource: '*' })),
    ],
    ['Id string', doc(st(), { Id: 'sdfsdfsdf' })],
    ['variables in resources', doc(st({ Resource: 'arn:aws:iam::*:user/${aws:username}' }))],
    [
      'the article events policy',
      doc([
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'ecs:RunTask',
          Resource: 'arn:aws:ecs:us-east-1:123456789012:task-definition/scheduler',
        },
      ]),
    ],
  ];

  it.each(valid)('%s', (_name, document) => {
    expect(validatePolicyDocument(document, 'managed')).toBeUndefined();
    expect(validatePolicyDocument(document, 'inline')).toBeUndefined();
  });
});

describe('what depends on the kind of policy', () => {
  it('the seed ecs_task_execution.json is refused as a managed policy for its principal', () => {
    expect(validatePolicyDocument(SEED_ECS_TASK_EXECUTION, 'managed')).toBe(NO_PRINCIPAL_ALLOWED);
  });

  it('the seed ecs_task_execution.json is refused as an inline policy for its principal', () => {
    expect(validatePolicyDocument(SEED_ECS_TASK_EXECUTION, 'inline')).toBe(NO_PRINCIPAL_ALLOWED);
  });

  it('the seed ecs_task_execution.json is a good trust policy', () => {
    expect(validatePolicyDocument(SEED_ECS_TASK_EXECUTION, 'trust')).toBeUndefined();
  });

  const inlineOnly: Array<[string, string]> = [
    ['no Version', JSON.stringify({ Statement: st() })],
    ['Version 2008-10-17', doc(st(), { Version: '2008-10-17' })],
  ];
  it.each(inlineOnly)('an inline policy may have %s; a managed one may not', (_n, document) => {
    expect(validatePolicyDocument(document, 'inline')).toBeUndefined();
    expect(validatePolicyDocument(document, 'managed')).toBe(VERSION_REQUIRED);
  });

  it('an inline policy is still syntax-checked first', () => {
    expect(validatePolicyDocument('{', 'inline')).toBe(SYNTAX);
  });
});
