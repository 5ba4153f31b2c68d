import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import {
  createVpc,
  describeVpcs,
  deleteVpc,
  modifyVpcAttribute,
  describeVpcAttribute,
} from './lifecycle.js';

export function vpcsOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateVpc: (input, ctx) => createVpc(deps, input, ctx),
    DescribeVpcs: (input, ctx) => describeVpcs(deps, input, ctx),
    DeleteVpc: (input, ctx) => deleteVpc(deps, input, ctx),
    ModifyVpcAttribute: (input, ctx) => modifyVpcAttribute(deps, input, ctx),
    DescribeVpcAttribute: (input, ctx) => describeVpcAttribute(deps, input, ctx),
  };
}
