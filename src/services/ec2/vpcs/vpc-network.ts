/**
 * What AWS creates with every VPC: its default security group (ingress from itself,
 * egress anywhere), its main route table (the local route) and its default network ACL
 * (allow all, then the `*` deny, both directions).
 */
import type { Scope } from '../../../store/types.js';
import type {
  NetworkAclRecord,
  RouteTableRecord,
  SecurityGroupRecord,
  StoredTag,
  VpcRecord,
} from '../records.js';
import type { Tables } from '../tables.js';

export interface VpcNetworkIds {
  vpcId: string;
  cidrAssociationId: string;
  securityGroupId: string;
  ingressRuleId: string;
  egressRuleId: string;
  routeTableId: string;
  mainAssociationId: string;
  networkAclId: string;
}

export interface VpcNetworkInput {
  ids: VpcNetworkIds;
  accountId: string;
  cidrBlock: string;
  isDefault: boolean;
  instanceTenancy: 'default' | 'dedicated';
  dhcpOptionsId: string;
  tags: StoredTag[];
}

export interface VpcNetwork {
  vpc: VpcRecord;
  securityGroup: SecurityGroupRecord;
  routeTable: RouteTableRecord;
  networkAcl: NetworkAclRecord;
}

/** The rule number of the `*` entries every network ACL ends with. */
export const CATCH_ALL_RULE = 32767;

export function buildVpcNetwork(input: VpcNetworkInput): VpcNetwork {
  const { ids } = input;
  const vpc: VpcRecord = {
    vpcId: ids.vpcId,
    cidrBlock: input.cidrBlock,
    cidrAssociationId: ids.cidrAssociationId,
    instanceTenancy: input.instanceTenancy,
    isDefault: input.isDefault,
    dhcpOptionsId: input.dhcpOptionsId,
    enableDnsSupport: true,
    // The default VPC resolves public hostnames; a VPC one creates does not until asked.
    enableDnsHostnames: input.isDefault,
    enableNetworkAddressUsageMetrics: false,
    defaultSecurityGroupId: ids.securityGroupId,
    mainRouteTableId: ids.routeTableId,
    defaultNetworkAclId: ids.networkAclId,
    tags: input.tags,
  };
  const securityGroup: SecurityGroupRecord = {
    groupId: ids.securityGroupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: ids.vpcId,
    ingress: [
      {
        ruleId: ids.ingressRuleId,
        protocol: '-1',
        fromPort: -1,
        toPort: -1,
        peer: { groupId: ids.securityGroupId, userId: input.accountId },
        tags: [],
      },
    ],
    egress: [
      {
        ruleId: ids.egressRuleId,
        protocol: '-1',
        fromPort: -1,
        toPort: -1,
        peer: { cidrIpv4: '0.0.0.0/0' },
        tags: [],
      },
    ],
    tags: [],
  };
  const routeTable: RouteTableRecord = {
    routeTableId: ids.routeTableId,
    vpcId: ids.vpcId,
    routes: [
      { destinationCidrBlock: input.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' },
    ],
    associations: [{ associationId: ids.mainAssociationId, main: true }],
    tags: [],
  };
  const networkAcl: NetworkAclRecord = {
    networkAclId: ids.networkAclId,
    vpcId: ids.vpcId,
    isDefault: true,
    entries: defaultAclEntries(),
    associations: [],
    tags: [],
  };
  return { vpc, securityGroup, routeTable, networkAcl };
}

export function defaultAclEntries(): NetworkAclRecord['entries'] {
  const entries: NetworkAclRecord['entries'] = [];
  for (const egress of [true, false]) {
    entries.push(
      { ruleNumber: 100, egress, protocol: '-1', ruleAction: 'allow', cidrBlock: '0.0.0.0/0' },
      {
        ruleNumber: CATCH_ALL_RULE,
        egress,
        protocol: '-1',
        ruleAction: 'deny',
        cidrBlock: '0.0.0.0/0',
      },
    );
  }
  return entries;
}

export async function saveVpcNetwork(
  tables: Tables,
  scope: Scope,
  network: VpcNetwork,
): Promise<void> {
  await tables.vpcs.put(scope, network.vpc.vpcId, network.vpc);
  await tables.securityGroups.put(scope, network.securityGroup.groupId, network.securityGroup);
  await tables.routeTables.put(scope, network.routeTable.routeTableId, network.routeTable);
  await tables.networkAcls.put(scope, network.networkAcl.networkAclId, network.networkAcl);
}
