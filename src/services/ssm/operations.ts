/** The SSM operation table (`AmazonSSM`): Parameter Store and tags, one area per folder. */
import type { OperationTable } from '../operation.js';
import type { SsmDeps } from './deps.js';
import type { SsmOperations } from './generated/types.js';
import { parametersOperations } from './parameters/operations.js';
import { tagsOperations } from './tags/operations.js';

export function createSsmOperations(deps: SsmDeps): OperationTable<SsmOperations> {
  return { ...parametersOperations(deps), ...tagsOperations(deps) };
}
