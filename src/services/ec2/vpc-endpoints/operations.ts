import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import {
  createVpcEndpoint,
  modifyVpcEndpoint,
  deleteVpcEndpoints,
  describeVpcEndpoints,
} from './lifecycle.js';
import { describeVpcEndpointServices, describePrefixLists } from './services.js';

export function vpcEndpointsOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateVpcEndpoint: (input, ctx) => createVpcEndpoint(deps, input, ctx),
    ModifyVpcEndpoint: (input, ctx) => modifyVpcEndpoint(deps, input, ctx),
    DeleteVpcEndpoints: (input, ctx) => deleteVpcEndpoints(deps, input, ctx),
    DescribeVpcEndpoints: (input, ctx) => describeVpcEndpoints(deps, input, ctx),
    DescribeVpcEndpointServices: (input, ctx) => describeVpcEndpointServices(input, ctx),
    DescribePrefixLists: (input, ctx) => describePrefixLists(input, ctx),
  };
}
