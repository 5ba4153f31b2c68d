import type { OperationTable } from '../../operation.js';
import type { EcsDeps } from '../deps.js';
import type { EcsOperations } from '../generated/types.js';

export function tagsOperations(deps: EcsDeps): OperationTable<EcsOperations> {
  void deps;
  return {};
}
