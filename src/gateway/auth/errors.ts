/**
 * The ServiceError each authentication failure becomes, per protocol family (the table
 * and its sources are in rules.ts). Every one is a sender fault.
 */
import { ServiceError } from '../../services/error.js';
import { AUTH_RULES } from './rules.js';
import type { ErrorRule } from './rules.js';
import type { AuthFailure, AuthProtocol, SigV4Malformed } from './types.js';

export interface AuthErrors {
  /** No signature at all (in `--auth enforce` mode). */
  missingAuthentication(): ServiceError;
  /** IncompleteSignature with the given message (from parsing). */
  incompleteSignature(message: string): ServiceError;
  /** A malformed signature as parsing reported it, each reason with its own code. */
  malformed(parsed: SigV4Malformed): ServiceError;
  /** The access key id is not one teiki knows. */
  unknownAccessKey(): ServiceError;
  /** The session token is not the one issued with the key. */
  invalidSecurityToken(): ServiceError;
  /** Temporary credentials past their expiry. */
  expiredToken(): ServiceError;
  /** SignatureDoesNotMatch (or the family's equivalent), AWS's mismatch text by default. */
  signatureDoesNotMatch(message?: string): ServiceError;
  /** What verification found wrong. */
  failure(failure: AuthFailure): ServiceError;
}

export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function build(rule: ErrorRule, message: string | undefined): ServiceError {
  return new ServiceError({
    code: rule.code,
    message: rule.message ?? message ?? '',
    status: rule.status,
    fault: 'sender',
  });
}

const byProtocol = new Map<AuthProtocol, AuthErrors>();

/** The errors of a protocol family, made once (every request asks). */
export function authErrors(protocol: AuthProtocol): AuthErrors {
  let errors = byProtocol.get(protocol);
  if (!errors) byProtocol.set(protocol, (errors = makeAuthErrors(protocol)));
  return errors;
}

function makeAuthErrors(protocol: AuthProtocol): AuthErrors {
  const rules = AUTH_RULES[protocol];
  const errors: AuthErrors = {
    missingAuthentication: () => build(rules.missingAuthentication, undefined),
    incompleteSignature: (message) => build(rules.incompleteSignature, message),
    malformed(parsed) {
      switch (parsed.reason) {
        case 'ambiguous':
          return errors.signatureDoesNotMatch();
        case 'unsupported-algorithm': {
          const algorithm = parsed.algorithm ?? '';
          return build(
            rules.incompleteSignature,
            rules.coralAlgorithmMessage
              ? `Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `
              : parsed.message,
          );
        }
        case 'incomplete':
          return build(rules.incompleteSignature, parsed.message);
      }
    },
    unknownAccessKey: () => build(rules.unknownAccessKey, undefined),
    invalidSecurityToken: () => build(rules.invalidSecurityToken, undefined),
    expiredToken: () => build(rules.expiredToken, undefined),
    signatureDoesNotMatch: (message) =>
      build(rules.signatureDoesNotMatch, message ?? SIGNATURE_MISMATCH_MESSAGE),
    failure(failure) {
      switch (failure.kind) {
        case 'request-expired':
        case 'request-not-yet-valid':
          return build(rules.requestExpired ?? rules.signatureDoesNotMatch, failure.message);
        case 'unknown-access-key':
          return errors.unknownAccessKey();
        case 'host-not-signed':
        case 'credential-scope':
        case 'signature-mismatch':
          return build(rules.signatureDoesNotMatch, failure.message);
      }
    },
  };
  return errors;
}
