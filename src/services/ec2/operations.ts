/**
 * EC2's operation table (the network pieces ECS tasks and Terraform's VPC modules need), assembled from
 * one module per family of operations. Every operation first makes sure the account's
 * default network exists in the region, and answers DryRun as AWS does for a caller
 * allowed to act.
 */
import type { AnyOperation, OperationTable } from '../operation.js';
import { ensureDefaultNetwork } from './bootstrap.js';
import type { Ec2Deps } from './deps.js';
import { dryRun } from './errors.js';
import { checkFilterLimits } from './filters.js';
import type { Ec2Operations, Filter } from './generated/types.js';
import { scopeOf } from './tables.js';
import { createAbsentResourceOperations } from './absent-resources/describe.js';
import { createAccountOperations } from './account/attributes.js';
import { createInternetGatewayOperations } from './internet-gateways/lifecycle.js';
import { createAddressOperations } from './addresses/lifecycle.js';
import { createDhcpOptionsOperations } from './dhcp-options/lifecycle.js';
import { createNatGatewayOperations } from './nat-gateways/lifecycle.js';
import { createNetworkAclEntryOperations } from './network-acls/entries.js';
import { createNetworkAclWriteOperations } from './network-acls/lifecycle.js';
import { createNetworkAclOperations } from './network-acls/describe.js';
import { createEndpointServiceOperations } from './vpc-endpoints/services.js';
import { createVpcEndpointOperations } from './vpc-endpoints/lifecycle.js';
import { createNetworkInterfaceOperations } from './network-interfaces/lifecycle.js';
import { createRouteTableOperations } from './route-tables/lifecycle.js';
import { createRouteOperations } from './route-tables/routes.js';
import { createSecurityGroupOperations } from './security-groups/lifecycle.js';
import { createPermissionOperations } from './security-groups/permissions.js';
import { createRuleUpdateOperations } from './security-groups/rule-updates.js';
import { createSubnetOperations } from './subnets/lifecycle.js';
import { createTaggingOperations } from './tags/tagging.js';
import { createVpcOperations } from './vpcs/lifecycle.js';

export type { Ec2Deps } from './deps.js';

export function createEc2Operations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  const table: OperationTable<Ec2Operations> = {
    ...createVpcOperations(deps),
    ...createSubnetOperations(deps),
    ...createSecurityGroupOperations(deps),
    ...createPermissionOperations(deps),
    ...createRuleUpdateOperations(deps),
    ...createRouteTableOperations(deps),
    ...createRouteOperations(deps),
    ...createNetworkAclOperations(deps),
    ...createNetworkAclWriteOperations(deps),
    ...createNetworkAclEntryOperations(deps),
    ...createDhcpOptionsOperations(deps),
    ...createAddressOperations(deps),
    ...createNatGatewayOperations(deps),
    ...createVpcEndpointOperations(deps),
    ...createEndpointServiceOperations(deps),
    ...createInternetGatewayOperations(deps),
    ...createNetworkInterfaceOperations(deps),
    ...createTaggingOperations(deps),
    ...createAccountOperations(deps),
    ...createAbsentResourceOperations(deps),
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
