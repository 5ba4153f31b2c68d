/**
 * IAM's operation table, assembled from one module per family of operations; every change
 * moves the account's IAM epoch (epoch.ts), so callers' cached policies are read again.
 */
import type { OperationTable } from '../operation.js';
import type { IamOperations } from './generated/types.js';
import type { IamDeps } from './deps.js';
import { accessKeyOperations } from './access-keys.js';
import { withEpoch } from './epoch.js';
import { attachmentOperations } from './attachments.js';
import { instanceProfileOperations } from './instance-profiles.js';
import { policyTaggingOperations } from './policies-tagging.js';
import { policyOperations } from './policies.js';
import { policyVersionOperations } from './policy-versions.js';
import { rolePolicyOperations } from './role-policies.js';
import { roleBoundaryOperations } from './roles-boundary.js';
import { roleTagOperations } from './roles-tags.js';
import { roleOperations } from './roles.js';
import { userPolicyOperations } from './users-policies.js';
import { userTagOperations } from './users-tags.js';
import { userOperations } from './users.js';

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
