/** The ECS operation table (`AmazonEC2ContainerServiceV20141113`), one area per folder. */
import type { OperationTable } from '../operation.js';
import { clustersOperations } from './clusters/operations.js';
import type { EcsDeps } from './deps.js';
import type { EcsOperations } from './generated/types.js';
import { tagsOperations } from './tags/operations.js';
import { taskDefinitionsOperations } from './task-definitions/operations.js';

export function createEcsOperations(deps: EcsDeps): OperationTable<EcsOperations> {
  return {
    ...clustersOperations(deps),
    ...taskDefinitionsOperations(deps),
    ...tagsOperations(deps),
  };
}
