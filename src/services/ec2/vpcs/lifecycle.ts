/**
 * VPCs: CreateVpc (with its default security group, main route table and default network
 * ACL), DescribeVpcs, DeleteVpc, and the DNS attributes.
 */
import type { Scope } from '../../../store/types.js';
import { defaultDhcpOptionsId } from '../bootstrap.js';
import { parseIpv4Cidr } from '../cidr.js';
import type { Ec2Deps } from '../deps.js';
import {
  dependencyViolation,
  ec2Error,
  invalidCidrParameter,
  invalidParameterCombination,
  invalidParameterValue,
  ipamPoolNotFound,
  missingParameter,
} from '../errors.js';
import type { FilterSpec } from '../filters.js';
import { newEc2Id } from '../ids.js';
import { toTags, type VpcRecord } from '../records.js';
import { KINDS, listAll, mustGet, selectByIds, tablesOf } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import { buildVpcNetwork, saveVpcNetwork } from './vpc-network.js';
import type {
  CreateVpcRequest,
  CreateVpcResult,
  DeleteVpcRequest,
  DescribeVpcAttributeRequest,
  DescribeVpcAttributeResult,
  DescribeVpcsRequest,
  DescribeVpcsResult,
  ModifyVpcAttributeRequest,
  Vpc,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

export function vpcOutput(vpc: VpcRecord, accountId: string, state: 'pending' | 'available'): Vpc {
  return {
    OwnerId: accountId,
    InstanceTenancy: vpc.instanceTenancy,
    CidrBlockAssociationSet: [
      {
        AssociationId: vpc.cidrAssociationId,
        CidrBlock: vpc.cidrBlock,
        CidrBlockState: { State: 'associated' },
      },
    ],
    IsDefault: vpc.isDefault,
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    VpcId: vpc.vpcId,
    State: state,
    CidrBlock: vpc.cidrBlock,
    DhcpOptionsId: vpc.dhcpOptionsId,
    Tags: toTags(vpc.tags),
  };
}

function vpcFilters(accountId: string): FilterSpec<VpcRecord> {
  return {
    'vpc-id': (v) => v.vpcId,
    cidr: (v) => v.cidrBlock,
    'cidr-block': (v) => v.cidrBlock,
    cidrBlock: (v) => v.cidrBlock,
    'cidr-block-association.cidr-block': (v) => v.cidrBlock,
    'cidr-block-association.association-id': (v) => v.cidrAssociationId,
    'cidr-block-association.state': () => 'associated',
    'dhcp-options-id': (v) => v.dhcpOptionsId,
    'ipv6-cidr-block-association.ipv6-cidr-block': () => [],
    'ipv6-cidr-block-association.ipv6-pool': () => [],
    'ipv6-cidr-block-association.association-id': () => [],
    'ipv6-cidr-block-association.state': () => [],
    'instance-tenancy': (v) => v.instanceTenancy,
    'is-default': (v) => v.isDefault,
    isDefault: (v) => v.isDefault,
    'owner-id': () => accountId,
    state: () => 'available',
  };
}

/** Subnets, ENIs, endpoints, extra security groups, route tables and ACLs, attached gateways. */
async function hasDependencies(
  tables: ReturnType<typeof tablesOf>,
  scope: Scope,
  vpc: VpcRecord,
): Promise<boolean> {
  const inVpc = (r: { vpcId?: string }) => r.vpcId === vpc.vpcId;
  if ((await listAll(tables.subnets, scope)).some(inVpc)) return true;
  if ((await listAll(tables.networkInterfaces, scope)).some(inVpc)) return true;
  if ((await listAll(tables.internetGateways, scope)).some(inVpc)) return true;
  if ((await listAll(tables.vpcEndpoints, scope)).some(inVpc)) return true;
  const groups = await listAll(tables.securityGroups, scope);
  if (groups.some((g) => inVpc(g) && g.groupId !== vpc.defaultSecurityGroupId)) return true;
  const routeTables = await listAll(tables.routeTables, scope);
  if (routeTables.some((t) => inVpc(t) && t.routeTableId !== vpc.mainRouteTableId)) return true;
  const acls = await listAll(tables.networkAcls, scope);
  return acls.some((a) => inVpc(a) && a.networkAclId !== vpc.defaultNetworkAclId);
}

const VPC_ATTRIBUTES = [
  'EnableDnsSupport',
  'EnableDnsHostnames',
  'EnableNetworkAddressUsageMetrics',
] as const;

const RECORD_FIELD = {
  EnableDnsSupport: 'enableDnsSupport',
  EnableDnsHostnames: 'enableDnsHostnames',
  EnableNetworkAddressUsageMetrics: 'enableNetworkAddressUsageMetrics',
} as const;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export async function createVpc(
  deps: Ec2Deps,
  input: CreateVpcRequest,
  ctx: RequestContext,
): Promise<CreateVpcResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.Ipv4IpamPoolId !== undefined) {
    throw ipamPoolNotFound(input.Ipv4IpamPoolId);
  }
  if (
    input.AmazonProvidedIpv6CidrBlock === true ||
    input.Ipv6CidrBlock !== undefined ||
    input.Ipv6Pool !== undefined ||
    input.Ipv6IpamPoolId !== undefined
  ) {
    throw invalidParameterValue('teiki does not implement IPv6 CIDR blocks for VPCs.');
  }
  if (input.CidrBlock === undefined) {
    throw missingParameter("Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
  }
  const cidr = parseIpv4Cidr(input.CidrBlock);
  if (!cidr || !cidr.aligned) throw invalidCidrParameter('cidrBlock', input.CidrBlock);
  if (cidr.prefix < 16 || cidr.prefix > 28) {
    throw ec2Error('InvalidVpc.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
  }
  const tenancy = input.InstanceTenancy ?? 'default';
  if (tenancy === 'host') {
    throw invalidParameterValue(
      "Value (host) for parameter instanceTenancy is invalid. Valid values: 'default', 'dedicated'.",
    );
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpc');
  const network = buildVpcNetwork({
    ids: {
      vpcId: newEc2Id('vpc'),
      cidrAssociationId: newEc2Id('vpc-cidr-assoc'),
      securityGroupId: newEc2Id('sg'),
      ingressRuleId: newEc2Id('sgr'),
      egressRuleId: newEc2Id('sgr'),
      routeTableId: newEc2Id('rtb'),
      mainAssociationId: newEc2Id('rtbassoc'),
      networkAclId: newEc2Id('acl'),
    },
    accountId: ctx.accountId,
    cidrBlock: input.CidrBlock,
    isDefault: false,
    instanceTenancy: tenancy,
    dhcpOptionsId: defaultDhcpOptionsId(scope),
    tags,
  });
  await store.transaction((tx) => saveVpcNetwork(tablesOf(tx), scope, network));
  return { Vpc: vpcOutput(network.vpc, ctx.accountId, 'pending') };
}

export async function describeVpcs(
  deps: Ec2Deps,
  input: DescribeVpcsRequest,
  ctx: RequestContext,
): Promise<DescribeVpcsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tables = tablesOf(store);
  const selected = await selectByIds(tables.vpcs, scope, KINDS.vpc, input.VpcIds);
  const page = describePage(
    selected,
    { idOf: (v) => v.vpcId, filters: vpcFilters(ctx.accountId), tagsOf: (v) => v.tags },
    input.Filters,
    input,
  );
  return {
    Vpcs: page.items.map((v) => vpcOutput(v, ctx.accountId, 'available')),
    NextToken: page.nextToken,
  };
}

export async function deleteVpc(
  deps: Ec2Deps,
  input: DeleteVpcRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const vpc = await mustGet(tables.vpcs, scope, KINDS.vpc, input.VpcId);
    if (await hasDependencies(tables, scope, vpc)) {
      throw dependencyViolation(`The vpc '${vpc.vpcId}' has dependencies and cannot be deleted.`);
    }
    await tables.securityGroups.delete(scope, vpc.defaultSecurityGroupId);
    await tables.routeTables.delete(scope, vpc.mainRouteTableId);
    await tables.networkAcls.delete(scope, vpc.defaultNetworkAclId);
    await tables.vpcs.delete(scope, vpc.vpcId);
  });
  return {};
}

export async function modifyVpcAttribute(
  deps: Ec2Deps,
  input: ModifyVpcAttributeRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const given = VPC_ATTRIBUTES.filter((name) => input[name] !== undefined);
  if (given.length === 0) {
    throw missingParameter(
      'The request must contain the parameter EnableDnsSupport, EnableDnsHostnames or EnableNetworkAddressUsageMetrics',
    );
  }
  if (given.length > 1) {
    throw invalidParameterCombination(
      `Fields for multiple attribute types specified: ${given.map(lowerFirst).join(', ')}`,
    );
  }
  const name = given[0] ?? 'EnableDnsSupport';
  const value = input[name]?.Value;
  if (value === undefined) {
    throw missingParameter(`The request must contain the parameter ${lowerFirst(name)}.value`);
  }
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const vpc = await mustGet(tables.vpcs, scope, KINDS.vpc, input.VpcId);
    await tables.vpcs.put(scope, vpc.vpcId, { ...vpc, [RECORD_FIELD[name]]: value });
  });
  return {};
}

export async function describeVpcAttribute(
  deps: Ec2Deps,
  input: DescribeVpcAttributeRequest,
  ctx: RequestContext,
): Promise<DescribeVpcAttributeResult> {
  const { store } = deps;
  const vpc = await mustGet(tablesOf(store).vpcs, scopeOf(ctx), KINDS.vpc, input.VpcId);
  switch (input.Attribute) {
    case 'enableDnsSupport':
      return { VpcId: vpc.vpcId, EnableDnsSupport: { Value: vpc.enableDnsSupport } };
    case 'enableDnsHostnames':
      return { VpcId: vpc.vpcId, EnableDnsHostnames: { Value: vpc.enableDnsHostnames } };
    case 'enableNetworkAddressUsageMetrics':
      return {
        VpcId: vpc.vpcId,
        EnableNetworkAddressUsageMetrics: { Value: vpc.enableNetworkAddressUsageMetrics },
      };
    default:
      throw invalidParameterValue(
        `Value (${String(input.Attribute)}) for parameter attribute is invalid. Unknown attribute.`,
      );
  }
}
