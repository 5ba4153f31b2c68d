import type { Store } from '../../store/types.js';
import type { OperationTable } from '../operation.js';
import { listClusters } from './clusters.js';
import type { EcsOperations } from './generated/types.js';

export function createEcsOperations(deps: { store: Store }): OperationTable<EcsOperations> {
  return {
    ListClusters: (input, ctx) => listClusters(deps.store, input, ctx),
  };
}
