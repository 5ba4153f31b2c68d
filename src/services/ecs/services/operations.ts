import type { OperationTable } from '../../operation.js';
import type { EcsOperations } from '../generated/types.js';
import { createService } from './create.js';
import { deleteService } from './delete.js';
import type { ServiceDeps } from './deps.js';
import {
  describeServiceDeployments,
  describeServiceRevisions,
  listServiceDeployments,
} from './deployments-api.js';
import { describeServices, listServices, listServicesByNamespace } from './describe.js';
import { updateService } from './update.js';

export function servicesOperations(deps: ServiceDeps): OperationTable<EcsOperations> {
  return {
    CreateService: (input, ctx) => createService(deps, input, ctx),
    UpdateService: (input, ctx) => updateService(deps, input, ctx),
    DeleteService: (input, ctx) => deleteService(deps, input, ctx),
    DescribeServices: (input, ctx) => describeServices(deps, input, ctx),
    ListServices: (input, ctx) => listServices(deps, input, ctx),
    ListServicesByNamespace: (input, ctx) => listServicesByNamespace(deps, input, ctx),
    DescribeServiceDeployments: (input, ctx) => describeServiceDeployments(deps, input, ctx),
    ListServiceDeployments: (input, ctx) => listServiceDeployments(deps, input, ctx),
    DescribeServiceRevisions: (input, ctx) => describeServiceRevisions(deps, input, ctx),
  };
}
