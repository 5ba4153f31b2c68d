/**
 * EC2's operation table (the network pieces ECS tasks and Terraform's VPC modules need),
 * one resource per folder. Every operation first makes sure the account's
 * default network exists in the region, and answers DryRun as AWS does for a caller
 * allowed to act.
 */
import type { AnyOperation, OperationTable } from '../operation.js';
import { absentResourcesOperations } from './absent-resources/operations.js';
import { accountOperations } from './account/operations.js';
import { addressesOperations } from './addresses/operations.js';
import { ensureDefaultNetwork } from './bootstrap.js';
import type { Ec2Deps } from './deps.js';
import { dhcpOptionsOperations } from './dhcp-options/operations.js';
import { dryRun } from './errors.js';
import { checkFilterLimits } from './filters.js';
import type { Ec2Operations, Filter } from './generated/types.js';
import { internetGatewaysOperations } from './internet-gateways/operations.js';
import { natGatewaysOperations } from './nat-gateways/operations.js';
import { networkAclsOperations } from './network-acls/operations.js';
import { networkInterfacesOperations } from './network-interfaces/operations.js';
import { routeTablesOperations } from './route-tables/operations.js';
import { securityGroupsOperations } from './security-groups/operations.js';
import { subnetsOperations } from './subnets/operations.js';
import { tagsOperations } from './tags/operations.js';
import { vpcEndpointsOperations } from './vpc-endpoints/operations.js';
import { vpcsOperations } from './vpcs/operations.js';
import { scopeOf } from '../context.js';

export type { Ec2Deps } from './deps.js';

export function createEc2Operations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  const table: OperationTable<Ec2Operations> = {
    ...vpcsOperations(deps),
    ...subnetsOperations(deps),
    ...securityGroupsOperations(deps),
    ...routeTablesOperations(deps),
    ...networkAclsOperations(deps),
    ...dhcpOptionsOperations(deps),
    ...addressesOperations(deps),
    ...natGatewaysOperations(deps),
    ...vpcEndpointsOperations(deps),
    ...internetGatewaysOperations(deps),
    ...networkInterfacesOperations(deps),
    ...tagsOperations(deps),
    ...accountOperations(deps),
    ...absentResourcesOperations(deps),
  };
  const wrapped: Record<string, AnyOperation> = {};
  for (const [name, operation] of Object.entries(table) as Array<[string, AnyOperation]>) {
    wrapped[name] = async (input, ctx) => {
      checkFilterLimits(input.Filters as Filter[] | undefined);
      await ensureDefaultNetwork(deps.store, scopeOf(ctx));
      if (input.DryRun === true) throw dryRun();
      return operation(input, ctx);
    };
  }
  return wrapped;
}
