import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import { createTags, deleteTags, describeTags } from './tagging.js';

export function tagsOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateTags: (input, ctx) => createTags(deps, input, ctx),
    DeleteTags: (input, ctx) => deleteTags(deps, input, ctx),
    DescribeTags: (input, ctx) => describeTags(deps, input, ctx),
  };
}
