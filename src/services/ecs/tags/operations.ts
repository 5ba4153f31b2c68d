import type { OperationTable } from '../../operation.js';
import type { EcsDeps } from '../deps.js';
import type { EcsOperations } from '../generated/types.js';
import { listTagsForResource, tagResource, untagResource } from './tag-resource.js';

export function tagsOperations(deps: EcsDeps): OperationTable<EcsOperations> {
  return {
    TagResource: (input, ctx) => tagResource(deps.store, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps.store, input, ctx),
    ListTagsForResource: (input, ctx) => listTagsForResource(deps.store, input, ctx),
  };
}
