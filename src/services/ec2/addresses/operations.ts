import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import {
  allocateAddress,
  releaseAddress,
  associateAddress,
  disassociateAddress,
  describeAddresses,
  describeAddressesAttribute,
} from './lifecycle.js';

export function addressesOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    AllocateAddress: (input, ctx) => allocateAddress(deps, input, ctx),
    ReleaseAddress: (input, ctx) => releaseAddress(deps, input, ctx),
    AssociateAddress: (input, ctx) => associateAddress(deps, input, ctx),
    DisassociateAddress: (input, ctx) => disassociateAddress(deps, input, ctx),
    DescribeAddresses: (input, ctx) => describeAddresses(deps, input, ctx),
    DescribeAddressesAttribute: (input, ctx) => describeAddressesAttribute(deps, input, ctx),
  };
}
