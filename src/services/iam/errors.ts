/**
 * Errors IAM raises that its model does not declare as shapes, and the policy-document
 * check every write of a document goes through.
 */
import { validatePolicyDocument, type PolicyKind } from '../../engine/iam-policy/index.js';
import { ServiceError } from '../error.js';
import { MalformedPolicyDocumentException } from './generated/errors.js';

/** IAM's own ValidationError (not in the model's error list, but what IAM answers). */
export function iamValidationError(message: string): ServiceError {
  return new ServiceError({ code: 'ValidationError', message, status: 400 });
}

/** Throws AWS's MalformedPolicyDocument when the document is not acceptable for its kind. */
export function checkPolicyDocument(document: string, kind: PolicyKind): void {
  const problem = validatePolicyDocument(document, kind);
  if (problem !== undefined) throw new MalformedPolicyDocumentException(problem);
}
