/** SigV4 for the gateway: read a signature, verify it, and answer failures as AWS does. */
export { accountFromAccessKeyId } from './account.js';
export { authErrors, SIGNATURE_MISMATCH_MESSAGE } from './errors.js';
export type { AuthErrors } from './errors.js';
export { credentialScopeService, parseCredential, parseSigV4, sigV4Of } from './parse.js';
export { AUTH_RULES } from './rules.js';
export type { AuthRules, ErrorRule } from './rules.js';
export { verifySigV4 } from './verify.js';
export type { VerifyOptions, VerifyResult } from './verify.js';
export type {
  AuthFailure,
  AuthFailureKind,
  AuthProtocol,
  CredentialScope,
  MalformedReason,
  SigV4Info,
  SigV4Malformed,
  SigV4ParseResult,
  SigV4Request,
} from './types.js';
