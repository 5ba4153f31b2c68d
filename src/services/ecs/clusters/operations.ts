import type { OperationTable } from '../../operation.js';
import type { EcsDeps } from '../deps.js';
import type { EcsOperations } from '../generated/types.js';
import { listClusters } from './list.js';

export function clustersOperations(deps: EcsDeps): OperationTable<EcsOperations> {
  return {
    ListClusters: (input, ctx) => listClusters(deps.store, input, ctx),
  };
}
