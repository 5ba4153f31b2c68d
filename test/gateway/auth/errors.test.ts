/** Each protocol family's code, status and message for each authentication failure. */
import { describe, expect, it } from 'vitest';
import { authErrors } from '../../../src/gateway/auth/index.js';
import type { AuthErrors, AuthProtocol } from '../../../src/gateway/auth/index.js';

const INVALID = 'The security token included in the request is invalid.';
const EXPIRED = 'The security token included in the request is expired';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const EC2_AUTH = 'AWS was not able to validate the provided access credentials';

type Builder = (errors: AuthErrors) => ReturnType<AuthErrors['unknownAccessKey']>;

const table: Array<[AuthProtocol, string, Builder, string, number, string]> = [
  [
    'query',
    'missing',
    (e) => e.missingAuthentication(),
    'MissingAuthenticationToken',
    403,
    'Request is missing Authentication Token',
  ],
  ['query', 'unknown key', (e) => e.unknownAccessKey(), 'InvalidClientTokenId', 403, INVALID],
  ['query', 'bad token', (e) => e.invalidSecurityToken(), 'InvalidClientTokenId', 403, INVALID],
  ['query', 'expired token', (e) => e.expiredToken(), 'ExpiredToken', 403, EXPIRED],
  ['query', 'mismatch', (e) => e.signatureDoesNotMatch(), 'SignatureDoesNotMatch', 403, MISMATCH],
  ['query', 'incomplete', (e) => e.incompleteSignature('m'), 'IncompleteSignature', 400, 'm'],
  [
    'json',
    'missing',
    (e) => e.missingAuthentication(),
    'MissingAuthenticationTokenException',
    400,
    'Request is missing Authentication Token',
  ],
  ['json', 'unknown key', (e) => e.unknownAccessKey(), 'UnrecognizedClientException', 400, INVALID],
  [
    'json',
    'bad token',
    (e) => e.invalidSecurityToken(),
    'UnrecognizedClientException',
    400,
    'The security token included in the request is invalid',
  ],
  ['json', 'expired token', (e) => e.expiredToken(), 'ExpiredTokenException', 400, EXPIRED],
  [
    'json',
    'mismatch',
    (e) => e.signatureDoesNotMatch(),
    'InvalidSignatureException',
    400,
    MISMATCH,
  ],
  [
    'json',
    'incomplete',
    (e) => e.incompleteSignature('m'),
    'IncompleteSignatureException',
    400,
    'm',
  ],
  [
    'rest-json',
    'missing',
    (e) => e.missingAuthentication(),
    'MissingAuthenticationTokenException',
    403,
    'Missing Authentication Token',
  ],
  [
    'rest-json',
    'unknown key',
    (e) => e.unknownAccessKey(),
    'UnrecognizedClientException',
    403,
    INVALID,
  ],
  ['rest-json', 'expired token', (e) => e.expiredToken(), 'ExpiredTokenException', 403, EXPIRED],
  [
    'rest-json',
    'mismatch',
    (e) => e.signatureDoesNotMatch(),
    'InvalidSignatureException',
    403,
    MISMATCH,
  ],
  [
    'rest-json',
    'incomplete',
    (e) => e.incompleteSignature('m'),
    'IncompleteSignatureException',
    403,
    'm',
  ],
  [
    'ec2',
    'missing',
    (e) => e.missingAuthentication(),
    'MissingParameter',
    400,
    'The request must contain the parameter AWSAccessKeyId',
  ],
  ['ec2', 'unknown key', (e) => e.unknownAccessKey(), 'AuthFailure', 401, EC2_AUTH],
  ['ec2', 'expired token', (e) => e.expiredToken(), 'RequestExpired', 400, 'Request has expired.'],
  ['ec2', 'mismatch', (e) => e.signatureDoesNotMatch(), 'AuthFailure', 401, EC2_AUTH],
  ['ec2', 'incomplete', (e) => e.incompleteSignature('m'), 'IncompleteSignature', 400, 'm'],
];

describe('authentication errors per protocol family', () => {
  it.each(table)('%s %s → %s %d', (protocol, _name, make, code, status, message) => {
    const error = make(authErrors(protocol));
    expect([error.code, error.status, error.message, error.fault]).toEqual([
      code,
      status,
      message,
      'sender',
    ]);
  });

  it('verification failures take the family’s signature code, EC2 its fixed words', () => {
    const scope = { kind: 'credential-scope', message: 'scoped wrong. ' } as const;
    expect(authErrors('query').failure(scope).message).toBe('scoped wrong. ');
    expect(authErrors('ec2').failure(scope).message).toBe(EC2_AUTH);
    const late = { kind: 'request-expired', message: 'Signature expired: …' } as const;
    expect(authErrors('json').failure(late).code).toBe('InvalidSignatureException');
    expect(authErrors('ec2').failure(late).code).toBe('RequestExpired');
    const unknown = { kind: 'unknown-access-key', message: INVALID } as const;
    expect(authErrors('rest-json').failure(unknown).code).toBe('UnrecognizedClientException');
  });
});
