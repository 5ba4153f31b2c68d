import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import { describeNetworkAcls } from './describe.js';
import { createNetworkAcl, deleteNetworkAcl, replaceNetworkAclAssociation } from './lifecycle.js';
import { createNetworkAclEntry, replaceNetworkAclEntry, deleteNetworkAclEntry } from './entries.js';

export function networkAclsOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    DescribeNetworkAcls: (input, ctx) => describeNetworkAcls(deps, input, ctx),
    CreateNetworkAcl: (input, ctx) => createNetworkAcl(deps, input, ctx),
    DeleteNetworkAcl: (input, ctx) => deleteNetworkAcl(deps, input, ctx),
    ReplaceNetworkAclAssociation: (input, ctx) => replaceNetworkAclAssociation(deps, input, ctx),
    CreateNetworkAclEntry: (input, ctx) => createNetworkAclEntry(deps, input, ctx),
    ReplaceNetworkAclEntry: (input, ctx) => replaceNetworkAclEntry(deps, input, ctx),
    DeleteNetworkAclEntry: (input, ctx) => deleteNetworkAclEntry(deps, input, ctx),
  };
}
