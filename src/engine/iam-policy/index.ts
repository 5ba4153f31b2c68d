/**
 * The IAM policy language: validation with AWS's MalformedPolicyDocument messages, and
 * evaluation of identity and trust policies. Services and the scheduler import from here.
 */
import type { IdentityEvaluator, PolicyDocumentValidator, TrustEvaluator } from './api.js';
import { evaluateIdentity as identity, evaluateTrust as trust } from './evaluate.js';
export { decideIdentity, type LayeredDecision, type PolicyLayer } from './evaluate.js';
export { decideIdentityRemembered, type RememberedRequest } from './memo.js';
import { validatePolicyDocument as validate } from './validate.js';

export type * from './api.js';

export const validatePolicyDocument: PolicyDocumentValidator = validate;
export const evaluateIdentity: IdentityEvaluator = identity;
export const evaluateTrust: TrustEvaluator = trust;
export { matchesArnPattern } from './match.js';
export { invalidPrincipalMessage, trustPolicyAwsPrincipals } from './validate-trust.js';
