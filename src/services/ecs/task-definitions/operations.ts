/** Task definitions: register, describe, list, deregister and delete. */
import type { OperationTable } from '../../operation.js';
import type { EcsDeps } from '../deps.js';
import type { EcsOperations } from '../generated/types.js';
import { deleteTaskDefinitions } from './delete.js';
import { deregisterTaskDefinition, describeTaskDefinition } from './describe.js';
import { listTaskDefinitionFamilies } from './families.js';
import { listTaskDefinitions } from './list.js';
import { registerTaskDefinition } from './register.js';

export function taskDefinitionsOperations(deps: EcsDeps): OperationTable<EcsOperations> {
  return {
    RegisterTaskDefinition: (input, ctx) => registerTaskDefinition(deps, input, ctx),
    DescribeTaskDefinition: (input, ctx) => describeTaskDefinition(deps.store, input, ctx),
    DeregisterTaskDefinition: (input, ctx) =>
      deregisterTaskDefinition(deps.store, deps.clock, input, ctx),
    DeleteTaskDefinitions: (input, ctx) =>
      deleteTaskDefinitions(deps.store, deps.clock, input, ctx),
    ListTaskDefinitions: (input, ctx) => listTaskDefinitions(deps.store, input, ctx),
    ListTaskDefinitionFamilies: (input, ctx) => listTaskDefinitionFamilies(deps.store, input, ctx),
  };
}
