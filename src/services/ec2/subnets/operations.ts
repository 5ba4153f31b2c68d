import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import { createSubnet, describeSubnets, deleteSubnet, modifySubnetAttribute } from './lifecycle.js';

export function subnetsOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateSubnet: (input, ctx) => createSubnet(deps, input, ctx),
    DescribeSubnets: (input, ctx) => describeSubnets(deps, input, ctx),
    DeleteSubnet: (input, ctx) => deleteSubnet(deps, input, ctx),
    ModifySubnetAttribute: (input, ctx) => modifySubnetAttribute(deps, input, ctx),
  };
}
