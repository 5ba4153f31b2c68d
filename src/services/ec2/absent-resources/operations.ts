import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import {
  describeInstances,
  describeManagedPrefixLists,
  describeVpcClassicLink,
  describeVpcClassicLinkDnsSupport,
} from './describe.js';

export function absentResourcesOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    DescribeInstances: (input, ctx) => describeInstances(input, ctx),
    DescribeManagedPrefixLists: (input, ctx) => describeManagedPrefixLists(input, ctx),
    DescribeVpcClassicLink: (input, ctx) => describeVpcClassicLink(deps, input, ctx),
    DescribeVpcClassicLinkDnsSupport: (input, ctx) =>
      describeVpcClassicLinkDnsSupport(deps, input, ctx),
  };
}
