import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import {
  createInternetGateway,
  describeInternetGateways,
  attachInternetGateway,
  detachInternetGateway,
  deleteInternetGateway,
} from './lifecycle.js';

export function internetGatewaysOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateInternetGateway: (input, ctx) => createInternetGateway(deps, input, ctx),
    DescribeInternetGateways: (input, ctx) => describeInternetGateways(deps, input, ctx),
    AttachInternetGateway: (input, ctx) => attachInternetGateway(deps, input, ctx),
    DetachInternetGateway: (input, ctx) => detachInternetGateway(deps, input, ctx),
    DeleteInternetGateway: (input, ctx) => deleteInternetGateway(deps, input, ctx),
  };
}
