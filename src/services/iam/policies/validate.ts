/**
 * What a customer managed policy document must be before IAM stores it: a document the
 * policy language accepts for a managed policy, within the managed policy size quota.
 */
import { checkPolicyDocument } from '../errors.js';
import { quotaExceeded } from './errors.js';

/** Characters, not counting whitespace (AWS's own rule for this quota). */
export const MANAGED_POLICY_MAX_SIZE = 6144;

export function checkManagedPolicyDocument(document: string): void {
  checkPolicyDocument(document, 'managed');
  if (document.replace(/\s/g, '').length > MANAGED_POLICY_MAX_SIZE) {
    throw quotaExceeded('PolicySize', MANAGED_POLICY_MAX_SIZE);
  }
}
