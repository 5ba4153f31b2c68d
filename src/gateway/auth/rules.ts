/**
 * How each protocol family answers an authentication failure, as AWS answers it. The
 * families are not uniform, and these are observed answers, not documented ones:
 *
 * - query (IAM, STS): `SignatureDoesNotMatch` 403, `InvalidClientTokenId` 403,
 *   `MissingAuthenticationToken` 403, `IncompleteSignature` 400, `ExpiredToken` 403; the
 *   clock window is 15 minutes ("… (20220127T015928Z - 15 min.)" from GetCallerIdentity).
 * - json (ECS, CloudWatch Logs, EventBridge; Coral services): the same failures as
 *   `…Exception` codes, all 400 (`{"__type":"InvalidSignatureException"}` with 400 from
 *   Logs, ECS, DynamoDB); the window is 5 minutes ("… - 5 min." from ECS DescribeServices
 *   and Logs PutResourcePolicy).
 * - rest-json (EventBridge Scheduler): the Coral codes, but 403, as Lambda and API
 *   Gateway-fronted services answer; 5 minutes.
 * - ec2: `AuthFailure` 401 "AWS was not able to validate the provided access credentials"
 *   for an unknown key and for a bad signature alike, `RequestExpired` 400 "Request has
 *   expired." for the clock and for expired session tokens, and an unsigned request is
 *   `MissingParameter` "The request must contain the parameter AWSAccessKeyId".
 */
import type { AuthProtocol } from './types.js';

export interface ErrorRule {
  readonly code: string;
  readonly status: number;
  /** Fixed text; absent where the message depends on the request. */
  readonly message?: string;
}

export interface AuthRules {
  /** How far a signing instant may be from now, either way. */
  readonly maxSkewMs: number;
  readonly missingAuthentication: ErrorRule;
  readonly incompleteSignature: ErrorRule;
  readonly signatureDoesNotMatch: ErrorRule;
  readonly unknownAccessKey: ErrorRule;
  /** A session token that does not belong with the key. */
  readonly invalidSecurityToken: ErrorRule;
  readonly expiredToken: ErrorRule;
  /** EC2 answers a clock failure with its own code and one message instead. */
  readonly requestExpired?: ErrorRule;
  /** Whether the unsupported-algorithm message has Coral's "(only … for now). " tail. */
  readonly coralAlgorithmMessage: boolean;
}

const MINUTE = 60_000;
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';
const MISSING_TOKEN = 'Request is missing Authentication Token';
const EC2_AUTH_FAILURE = 'AWS was not able to validate the provided access credentials';

export const AUTH_RULES: Readonly<Record<AuthProtocol, AuthRules>> = {
  query: {
    maxSkewMs: 15 * MINUTE,
    missingAuthentication: {
      code: 'MissingAuthenticationToken',
      status: 403,
      message: MISSING_TOKEN,
    },
    incompleteSignature: { code: 'IncompleteSignature', status: 400 },
    signatureDoesNotMatch: { code: 'SignatureDoesNotMatch', status: 403 },
    unknownAccessKey: { code: 'InvalidClientTokenId', status: 403, message: INVALID_TOKEN },
    invalidSecurityToken: { code: 'InvalidClientTokenId', status: 403, message: INVALID_TOKEN },
    expiredToken: { code: 'ExpiredToken', status: 403, message: EXPIRED_TOKEN },
    coralAlgorithmMessage: false,
  },
  json: {
    maxSkewMs: 5 * MINUTE,
    missingAuthentication: {
      code: 'MissingAuthenticationTokenException',
      status: 400,
      message: MISSING_TOKEN,
    },
    incompleteSignature: { code: 'IncompleteSignatureException', status: 400 },
    signatureDoesNotMatch: { code: 'InvalidSignatureException', status: 400 },
    unknownAccessKey: { code: 'UnrecognizedClientException', status: 400, message: INVALID_TOKEN },
    // Coral's session-token check words it without the full stop.
    invalidSecurityToken: {
      code: 'UnrecognizedClientException',
      status: 400,
      message: 'The security token included in the request is invalid',
    },
    expiredToken: { code: 'ExpiredTokenException', status: 400, message: EXPIRED_TOKEN },
    coralAlgorithmMessage: true,
  },
  'rest-json': {
    maxSkewMs: 5 * MINUTE,
    missingAuthentication: {
      code: 'MissingAuthenticationTokenException',
      status: 403,
      message: 'Missing Authentication Token',
    },
    incompleteSignature: { code: 'IncompleteSignatureException', status: 403 },
    signatureDoesNotMatch: { code: 'InvalidSignatureException', status: 403 },
    unknownAccessKey: { code: 'UnrecognizedClientException', status: 403, message: INVALID_TOKEN },
    invalidSecurityToken: {
      code: 'UnrecognizedClientException',
      status: 403,
      message: INVALID_TOKEN,
    },
    expiredToken: { code: 'ExpiredTokenException', status: 403, message: EXPIRED_TOKEN },
    coralAlgorithmMessage: true,
  },
  ec2: {
    maxSkewMs: 15 * MINUTE,
    missingAuthentication: {
      code: 'MissingParameter',
      status: 400,
      message: 'The request must contain the parameter AWSAccessKeyId',
    },
    incompleteSignature: { code: 'IncompleteSignature', status: 400 },
    signatureDoesNotMatch: { code: 'AuthFailure', status: 401, message: EC2_AUTH_FAILURE },
    unknownAccessKey: { code: 'AuthFailure', status: 401, message: EC2_AUTH_FAILURE },
    invalidSecurityToken: { code: 'AuthFailure', status: 401, message: EC2_AUTH_FAILURE },
    expiredToken: { code: 'RequestExpired', status: 400, message: 'Request has expired.' },
    requestExpired: { code: 'RequestExpired', status: 400, message: 'Request has expired.' },
    coralAlgorithmMessage: false,
  },
};
