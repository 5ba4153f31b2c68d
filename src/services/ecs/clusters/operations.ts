import type { OperationTable } from '../../operation.js';
import type { EcsDeps } from '../deps.js';
import type { EcsOperations } from '../generated/types.js';
import { putClusterCapacityProviders } from './capacity-providers.js';
import { createCluster } from './create.js';
import { deleteCluster } from './delete.js';
import { describeClusters } from './describe.js';
import { listClusters } from './list.js';
import { updateCluster, updateClusterSettings } from './update.js';

export function clustersOperations(deps: EcsDeps): OperationTable<EcsOperations> {
  return {
    CreateCluster: (input, ctx) => createCluster(deps.store, input, ctx),
    DescribeClusters: (input, ctx) => describeClusters(deps.store, input, ctx),
    ListClusters: (input, ctx) => listClusters(deps.store, input, ctx),
    UpdateCluster: (input, ctx) => updateCluster(deps.store, input, ctx),
    UpdateClusterSettings: (input, ctx) => updateClusterSettings(deps.store, input, ctx),
    PutClusterCapacityProviders: (input, ctx) =>
      putClusterCapacityProviders(deps.store, input, ctx),
    DeleteCluster: (input, ctx) => deleteCluster(deps.store, input, ctx),
  };
}
