import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import { describeNetworkInterfaces } from './lifecycle.js';

export function networkInterfacesOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    DescribeNetworkInterfaces: (input, ctx) => describeNetworkInterfaces(deps, input, ctx),
  };
}
