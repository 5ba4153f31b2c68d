/**
 * IAM's operation table, one area per folder; every
 * change moves the account's IAM epoch (epoch.ts), so callers' cached policies are read
 * again.
 */
import type { OperationTable } from '../operation.js';
import { accessKeysOperations } from './access-keys/operations.js';
import type { IamDeps } from './deps.js';
import { withEpoch } from './epoch.js';
import type { IamOperations } from './generated/types.js';
import { instanceProfilesOperations } from './instance-profiles/operations.js';
import { policiesOperations } from './policies/operations.js';
import { rolesOperations } from './roles/operations.js';
import { usersOperations } from './users/operations.js';

export function createIamOperations(deps: IamDeps): OperationTable<IamOperations> {
  return withEpoch<IamOperations>(deps.store, {
    ...rolesOperations(deps),
    ...usersOperations(deps),
    ...accessKeysOperations(deps),
    ...instanceProfilesOperations(deps),
    ...policiesOperations(deps),
  });
}
