/**
 * Placeholder until the policy engine lands: documents are only checked to be JSON.
 * Replaced by the real implementation (same exports).
 */
import type { PolicyDocumentValidator } from './api.js';

export type * from './api.js';

export const validatePolicyDocument: PolicyDocumentValidator = (document) => {
  try {
    JSON.parse(document);
    return undefined;
  } catch {
    return 'Syntax errors in policy.';
  }
};
