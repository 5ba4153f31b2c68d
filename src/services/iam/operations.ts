/**
 * IAM's operation table, assembled from one module per family of operations.
 */
import type { OperationTable } from '../operation.js';
import type { IamOperations } from './generated/types.js';
import type { IamDeps } from './deps.js';

export function createIamOperations(deps: IamDeps): OperationTable<IamOperations> {
  void deps;
  return {};
}
