import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import {
  createDhcpOptions,
  associateDhcpOptions,
  deleteDhcpOptions,
  describeDhcpOptions,
} from './lifecycle.js';

export function dhcpOptionsOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateDhcpOptions: (input, ctx) => createDhcpOptions(deps, input, ctx),
    AssociateDhcpOptions: (input, ctx) => associateDhcpOptions(deps, input, ctx),
    DeleteDhcpOptions: (input, ctx) => deleteDhcpOptions(deps, input, ctx),
    DescribeDhcpOptions: (input, ctx) => describeDhcpOptions(deps, input, ctx),
  };
}
