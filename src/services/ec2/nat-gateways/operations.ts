import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import { createNatGateway, deleteNatGateway, describeNatGateways } from './lifecycle.js';

export function natGatewaysOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateNatGateway: (input, ctx) => createNatGateway(deps, input, ctx),
    DeleteNatGateway: (input, ctx) => deleteNatGateway(deps, input, ctx),
    DescribeNatGateways: (input, ctx) => describeNatGateways(deps, input, ctx),
  };
}
