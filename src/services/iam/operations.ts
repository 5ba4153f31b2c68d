/**
 * IAM's operation table, assembled from one module per family of operations; every change
 * moves the account's IAM epoch (epoch.ts), so callers' cached policies are read again.
 */
import type { OperationTable } from '../operation.js';
import type { IamOperations } from './generated/types.js';
import type { IamDeps } from './deps.js';
import { accessKeyOperations } from './access-keys/lifecycle.js';
import { withEpoch } from './epoch.js';
import { attachmentOperations } from './policies/attachments.js';
import { instanceProfileOperations } from './instance-profiles/lifecycle.js';
import { policyTaggingOperations } from './policies/tags.js';
import { policyOperations } from './policies/lifecycle.js';
import { policyVersionOperations } from './policies/versions.js';
import { rolePolicyOperations } from './roles/inline-policies.js';
import { roleBoundaryOperations } from './roles/boundary.js';
import { roleTagOperations } from './roles/tags.js';
import { roleOperations } from './roles/lifecycle.js';
import { userPolicyOperations } from './users/inline-policies.js';
import { userTagOperations } from './users/tags.js';
import { userOperations } from './users/lifecycle.js';

export function createIamOperations(deps: IamDeps): OperationTable<IamOperations> {
  return withEpoch<IamOperations>(deps.store, {
    ...roleOperations(deps),
    ...roleTagOperations(deps),
    ...roleBoundaryOperations(deps),
    ...rolePolicyOperations(deps),
    ...userOperations(deps),
    ...userTagOperations(deps),
    ...userPolicyOperations(deps),
    ...accessKeyOperations(deps),
    ...instanceProfileOperations(deps),
    ...policyOperations(deps),
    ...policyVersionOperations(deps),
    ...policyTaggingOperations(deps),
    ...attachmentOperations(deps),
  });
}
