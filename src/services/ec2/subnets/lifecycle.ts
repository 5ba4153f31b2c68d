/**
 * Subnets: a CIDR inside the VPC's block, in one availability zone, associated with the
 * VPC's default network ACL (and implicitly with its main route table).
 */
import type { Scope } from '../../../store/types.js';
import { cidrContains, cidrsOverlap, parseIpv4Cidr, type Ipv4Cidr } from '../cidr.js';
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
import { subnetCidr, usableAddressCount } from '../network-interfaces/ip-allocator.js';
import { addressesInUse } from '../network-interfaces/ip-store.js';
import { toTags, type SubnetRecord } from '../records.js';
import { zonesOf, type ZoneInfo } from '../account/regions.js';
import { KINDS, listAll, mustGet, selectByIds, tablesOf, type Tables } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import type {
  AttributeBooleanValue,
  CreateSubnetRequest,
  CreateSubnetResult,
  DeleteSubnetRequest,
  DescribeSubnetsRequest,
  DescribeSubnetsResult,
  ModifySubnetAttributeRequest,
  Subnet,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

export function subnetArn(scope: Scope, subnetId: string): string {
  return `arn:aws:ec2:${scope.region}:${scope.accountId}:subnet/${subnetId}`;
}

export function subnetOutput(subnet: SubnetRecord, scope: Scope, inUse: number): Subnet {
  return {
    AvailabilityZoneId: subnet.availabilityZoneId,
    MapCustomerOwnedIpOnLaunch: false,
    OwnerId: scope.accountId,
    AssignIpv6AddressOnCreation: subnet.assignIpv6AddressOnCreation,
    Ipv6CidrBlockAssociationSet: [],
    SubnetArn: subnetArn(scope, subnet.subnetId),
    EnableDns64: subnet.enableDns64,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: subnet.hostnameType,
      EnableResourceNameDnsARecord: subnet.enableResourceNameDnsARecordOnLaunch,
      EnableResourceNameDnsAAAARecord: subnet.enableResourceNameDnsAAAARecordOnLaunch,
    },
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    SubnetId: subnet.subnetId,
    State: 'available',
    VpcId: subnet.vpcId,
    CidrBlock: subnet.cidrBlock,
    AvailableIpAddressCount: usableAddressCount(subnetCidr(subnet.cidrBlock)) - inUse,
    AvailabilityZone: subnet.availabilityZone,
    DefaultForAz: subnet.defaultForAz,
    MapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    Tags: toTags(subnet.tags),
  };
}

function subnetFilters(scope: Scope): FilterSpec<SubnetRecord & { inUse: number }> {
  return {
    'subnet-id': (s) => s.subnetId,
    subnetId: (s) => s.subnetId,
    'vpc-id': (s) => s.vpcId,
    vpcId: (s) => s.vpcId,
    'availability-zone': (s) => s.availabilityZone,
    availabilityZone: (s) => s.availabilityZone,
    'availability-zone-id': (s) => s.availabilityZoneId,
    availabilityZoneId: (s) => s.availabilityZoneId,
    'available-ip-address-count': (s) => usableAddressCount(subnetCidr(s.cidrBlock)) - s.inUse,
    availableIpAddressCount: (s) => usableAddressCount(subnetCidr(s.cidrBlock)) - s.inUse,
    'cidr-block': (s) => s.cidrBlock,
    cidrBlock: (s) => s.cidrBlock,
    cidr: (s) => s.cidrBlock,
    'default-for-az': (s) => s.defaultForAz,
    defaultForAz: (s) => s.defaultForAz,
    'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
    'enable-dns64': (s) => s.enableDns64,
    'ipv6-native': () => false,
    'ipv6-cidr-block-association.ipv6-cidr-block': () => [],
    'ipv6-cidr-block-association.association-id': () => [],
    'ipv6-cidr-block-association.state': () => [],
    'outpost-arn': () => [],
    'owner-id': () => scope.accountId,
    state: () => 'available',
    'subnet-arn': (s) => subnetArn(scope, s.subnetId),
  };
}

function pickZone(
  input: { AvailabilityZone?: string; AvailabilityZoneId?: string },
  region: string,
  siblings: SubnetRecord[],
): ZoneInfo {
  const zones = zonesOf(region);
  const byName = input.AvailabilityZone;
  const byZoneId = input.AvailabilityZoneId;
  let zone: ZoneInfo | undefined;
  if (byName !== undefined) {
    zone = zones.find((z) => z.zoneName === byName);
    if (!zone) {
      throw invalidParameterValue(
        `Value (${byName}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => z.zoneName).join(', ')}.`,
      );
    }
  }
  if (byZoneId !== undefined) {
    const found = zones.find((z) => z.zoneId === byZoneId);
    if (!found) {
      throw invalidParameterValue(
        `Value (${byZoneId}) for parameter availabilityZoneId is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => z.zoneId).join(', ')}.`,
      );
    }
    if (zone && zone !== found) {
      throw invalidParameterCombination(
        `The availability zone ${zone.zoneName} and the availability zone id ${byZoneId} do not match.`,
      );
    }
    zone = found;
  }
  if (zone) return zone;
  // No zone asked for: the zone with the fewest subnets of this VPC, the first on a tie.
  let best = zones[0];
  let bestCount = Number.POSITIVE_INFINITY;
  for (const candidate of zones) {
    const count = siblings.filter((s) => s.availabilityZone === candidate.zoneName).length;
    if (count < bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  if (!best) throw new Error(`region ${region} has no availability zones`);
  return best;
}

function checkSubnetCidr(text: string, vpcCidr: Ipv4Cidr, siblings: SubnetRecord[]): void {
  const cidr = parseIpv4Cidr(text);
  if (!cidr || !cidr.aligned) throw invalidCidrParameter('cidrBlock', text);
  if (cidr.prefix < 16 || cidr.prefix > 28 || !cidrContains(vpcCidr, cidr)) {
    throw ec2Error('InvalidSubnet.Range', `The CIDR '${text}' is invalid.`);
  }
  if (siblings.some((s) => cidrsOverlap(subnetCidr(s.cidrBlock), cidr))) {
    throw ec2Error('InvalidSubnet.Conflict', `The CIDR '${text}' conflicts with another subnet`);
  }
}

async function detachFromNetwork(tables: Tables, scope: Scope, subnetId: string): Promise<void> {
  for (const acl of await listAll(tables.networkAcls, scope)) {
    const kept = acl.associations.filter((a) => a.subnetId !== subnetId);
    if (kept.length !== acl.associations.length) {
      await tables.networkAcls.put(scope, acl.networkAclId, { ...acl, associations: kept });
    }
  }
  for (const table of await listAll(tables.routeTables, scope)) {
    const kept = table.associations.filter((a) => a.subnetId !== subnetId);
    if (kept.length !== table.associations.length) {
      await tables.routeTables.put(scope, table.routeTableId, { ...table, associations: kept });
    }
  }
}

type BooleanAttribute =
  | 'MapPublicIpOnLaunch'
  | 'AssignIpv6AddressOnCreation'
  | 'EnableDns64'
  | 'EnableResourceNameDnsARecordOnLaunch'
  | 'EnableResourceNameDnsAAAARecordOnLaunch';

const BOOLEAN_FIELDS: Record<BooleanAttribute, keyof SubnetRecord> = {
  MapPublicIpOnLaunch: 'mapPublicIpOnLaunch',
  AssignIpv6AddressOnCreation: 'assignIpv6AddressOnCreation',
  EnableDns64: 'enableDns64',
  EnableResourceNameDnsARecordOnLaunch: 'enableResourceNameDnsARecordOnLaunch',
  EnableResourceNameDnsAAAARecordOnLaunch: 'enableResourceNameDnsAAAARecordOnLaunch',
};

function booleanOf(name: string, value: AttributeBooleanValue): boolean {
  if (value.Value === undefined) {
    throw missingParameter(`The request must contain the parameter ${name}.Value`);
  }
  return value.Value;
}

export async function createSubnet(
  deps: Ec2Deps,
  input: CreateSubnetRequest,
  ctx: RequestContext,
): Promise<CreateSubnetResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.Ipv4IpamPoolId !== undefined) {
    throw ipamPoolNotFound(input.Ipv4IpamPoolId);
  }
  if (input.OutpostArn !== undefined) {
    throw invalidParameterValue('teiki does not implement subnets on Outposts.');
  }
  if (
    input.Ipv6Native === true ||
    input.Ipv6CidrBlock !== undefined ||
    input.Ipv6IpamPoolId !== undefined
  ) {
    throw invalidParameterValue('teiki does not implement IPv6 subnets.');
  }
  if (input.CidrBlock === undefined) {
    throw missingParameter('The request must contain the parameter cidrBlock');
  }
  const cidrBlock = input.CidrBlock;
  const tags = tagsFromSpecifications(input.TagSpecifications, 'subnet');
  const created = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const vpc = await mustGet(tables.vpcs, scope, KINDS.vpc, input.VpcId);
    const siblings = (await listAll(tables.subnets, scope)).filter((s) => s.vpcId === vpc.vpcId);
    checkSubnetCidr(cidrBlock, subnetCidr(vpc.cidrBlock), siblings);
    const zone = pickZone(input, scope.region, siblings);
    const subnet: SubnetRecord = {
      subnetId: newEc2Id('subnet'),
      vpcId: vpc.vpcId,
      cidrBlock,
      availabilityZone: zone.zoneName,
      availabilityZoneId: zone.zoneId,
      defaultForAz: false,
      mapPublicIpOnLaunch: false,
      assignIpv6AddressOnCreation: false,
      enableDns64: false,
      hostnameType: 'ip-name',
      enableResourceNameDnsARecordOnLaunch: false,
      enableResourceNameDnsAAAARecordOnLaunch: false,
      tags,
    };
    await tables.subnets.put(scope, subnet.subnetId, subnet);
    const acl = await tables.networkAcls.get(scope, vpc.defaultNetworkAclId);
    if (acl) {
      acl.associations.push({ associationId: newEc2Id('aclassoc'), subnetId: subnet.subnetId });
      await tables.networkAcls.put(scope, acl.networkAclId, acl);
    }
    return subnet;
  });
  return { Subnet: subnetOutput(created, scope, 0) };
}

export async function describeSubnets(
  deps: Ec2Deps,
  input: DescribeSubnetsRequest,
  ctx: RequestContext,
): Promise<DescribeSubnetsResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tables = tablesOf(store);
  const selected = await selectByIds(tables.subnets, scope, KINDS.subnet, input.SubnetIds);
  const withUse = await Promise.all(
    selected.map(async (s) => ({
      ...s,
      inUse: await addressesInUse(tables, scope, s.subnetId),
    })),
  );
  const page = describePage(
    withUse,
    { idOf: (s) => s.subnetId, filters: subnetFilters(scope), tagsOf: (s) => s.tags },
    input.Filters,
    input,
  );
  return {
    Subnets: page.items.map((s) => subnetOutput(s, scope, s.inUse)),
    NextToken: page.nextToken,
  };
}

export async function deleteSubnet(
  deps: Ec2Deps,
  input: DeleteSubnetRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const subnet = await mustGet(tables.subnets, scope, KINDS.subnet, input.SubnetId);
    const interfaces = await listAll(tables.networkInterfaces, scope);
    if (interfaces.some((eni) => eni.subnetId === subnet.subnetId)) {
      throw dependencyViolation(
        `The subnet '${subnet.subnetId}' has dependencies and cannot be deleted.`,
      );
    }
    await detachFromNetwork(tables, scope, subnet.subnetId);
    await tables.subnets.delete(scope, subnet.subnetId);
  });
  return {};
}

export async function modifySubnetAttribute(
  deps: Ec2Deps,
  input: ModifySubnetAttributeRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.MapCustomerOwnedIpOnLaunch !== undefined || input.CustomerOwnedIpv4Pool !== undefined) {
    throw invalidParameterValue('teiki does not implement customer-owned IP pools (Outposts).');
  }
  if (input.EnableLniAtDeviceIndex !== undefined || input.DisableLniAtDeviceIndex !== undefined) {
    throw invalidParameterValue('teiki does not implement LNI device indexes (Outposts).');
  }
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const subnet = await mustGet(tables.subnets, scope, KINDS.subnet, input.SubnetId);
    const updated: SubnetRecord = { ...subnet };
    for (const name of Object.keys(BOOLEAN_FIELDS) as BooleanAttribute[]) {
      const given = input[name];
      if (given === undefined) continue;
      const value = booleanOf(name, given);
      if (name === 'AssignIpv6AddressOnCreation' && value) {
        throw invalidParameterValue(
          `Invalid value 'true' for assignIpv6AddressOnCreation. Cannot set assignIpv6AddressOnCreation to true unless the subnet (${subnet.subnetId}) has an IPv6 CIDR block associated with it.`,
        );
      }
      (updated as unknown as Record<string, boolean>)[BOOLEAN_FIELDS[name]] = value;
    }
    if (input.PrivateDnsHostnameTypeOnLaunch !== undefined) {
      updated.hostnameType = input.PrivateDnsHostnameTypeOnLaunch;
    }
    await tables.subnets.put(scope, subnet.subnetId, updated);
  });
  return {};
}
