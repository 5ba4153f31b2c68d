import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import {
  describeAccountAttributes,
  describeRegions,
  describeAvailabilityZones,
} from './attributes.js';

export function accountOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    DescribeAccountAttributes: (input, ctx) => describeAccountAttributes(deps, input, ctx),
    DescribeRegions: (input, ctx) => describeRegions(input, ctx),
    DescribeAvailabilityZones: (input, ctx) => describeAvailabilityZones(input, ctx),
  };
}
