/**
 * EC2 network resources as stored: one collection per kind, keyed by resource id, in the
 * (account, region) scope. Values are plain JSON; the owner of every record is the
 * scope's account, so it is not stored.
 */
import type { Tag } from './generated/types.js';

export const COLLECTIONS = {
  vpcs: 'ec2.vpcs',
  subnets: 'ec2.subnets',
  securityGroups: 'ec2.securityGroups',
  routeTables: 'ec2.routeTables',
  networkAcls: 'ec2.networkAcls',
  internetGateways: 'ec2.internetGateways',
  dhcpOptions: 'ec2.dhcpOptions',
  networkInterfaces: 'ec2.networkInterfaces',
  /** `<subnetId>/<offset>` → the interface holding that address. */
  ipAllocations: 'ec2.ipAllocations',
  addresses: 'ec2.addresses',
  natGateways: 'ec2.natGateways',
  vpcEndpoints: 'ec2.vpcEndpoints',
  /** One marker per scope once the account's default network exists there. */
  bootstrap: 'ec2.bootstrap',
} as const;

export interface StoredTag {
  Key: string;
  Value: string;
}

export interface VpcRecord {
  vpcId: string;
  cidrBlock: string;
  cidrAssociationId: string;
  instanceTenancy: 'default' | 'dedicated';
  isDefault: boolean;
  dhcpOptionsId: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  enableNetworkAddressUsageMetrics: boolean;
  defaultSecurityGroupId: string;
  mainRouteTableId: string;
  defaultNetworkAclId: string;
  tags: StoredTag[];
}

export interface SubnetRecord {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  assignIpv6AddressOnCreation: boolean;
  enableDns64: boolean;
  hostnameType: 'ip-name' | 'resource-name';
  enableResourceNameDnsARecordOnLaunch: boolean;
  enableResourceNameDnsAAAARecordOnLaunch: boolean;
  tags: StoredTag[];
}

/** Where a security group rule lets traffic come from (ingress) or go to (egress). */
export type RulePeer =
  | { cidrIpv4: string }
  | { cidrIpv6: string }
  | { prefixListId: string }
  | { groupId: string; userId: string };

export interface SecurityGroupRuleRecord {
  ruleId: string;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` for all. */
  protocol: string;
  /** -1 where the protocol has no ports (AWS reports -1 in DescribeSecurityGroupRules). */
  fromPort: number;
  toPort: number;
  peer: RulePeer;
  description?: string;
  tags: StoredTag[];
}

export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ingress: SecurityGroupRuleRecord[];
  egress: SecurityGroupRuleRecord[];
  tags: StoredTag[];
}

export interface RouteRecord {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  /** `local`, or an igw-/vgw- id. */
  gatewayId?: string;
  natGatewayId?: string;
  networkInterfaceId?: string;
  vpcPeeringConnectionId?: string;
  transitGatewayId?: string;
  egressOnlyInternetGatewayId?: string;
  instanceId?: string;
  vpcEndpointId?: string;
  carrierGatewayId?: string;
  localGatewayId?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociationRecord {
  associationId: string;
  main: boolean;
  subnetId?: string;
  gatewayId?: string;
}

export interface RouteTableRecord {
  routeTableId: string;
  vpcId: string;
  routes: RouteRecord[];
  associations: RouteTableAssociationRecord[];
  tags: StoredTag[];
}

export interface NetworkAclEntryRecord {
  ruleNumber: number;
  egress: boolean;
  /** A protocol number, or `-1` for all. */
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  /** TCP and UDP entries. */
  portRange?: { from: number; to: number };
  /** ICMP entries. */
  icmpTypeCode?: { type: number; code: number };
}

export interface NetworkAclRecord {
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  entries: NetworkAclEntryRecord[];
  associations: Array<{ associationId: string; subnetId: string }>;
  tags: StoredTag[];
}

export interface InternetGatewayRecord {
  internetGatewayId: string;
  /** The VPC it is attached to, if any. */
  vpcId?: string;
  tags: StoredTag[];
}

export interface DhcpOptionsRecord {
  dhcpOptionsId: string;
  configurations: Array<{ key: string; values: string[] }>;
  tags: StoredTag[];
}

export interface NetworkInterfaceRecord {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  privateIpAddress: string;
  /** The allocator's key for the address (`<subnetId>/<offset>`), freed with the interface. */
  allocationId: string;
  macAddress: string;
  description: string;
  groupIds: string[];
  status: 'available' | 'in-use';
  /** `interface`, or the kind of resource that owns it (NAT gateway, VPC endpoint). */
  interfaceType: 'interface' | 'nat_gateway' | 'vpc_endpoint';
  requesterId?: string;
  requesterManaged: boolean;
  sourceDestCheck: boolean;
  attachment?: {
    attachmentId: string;
    attachTime: string;
    deviceIndex: number;
    instanceOwnerId: string;
  };
  tags: StoredTag[];
}

/** An Elastic IP address (VPC domain), and what it is associated with. */
export interface AddressRecord {
  allocationId: string;
  publicIp: string;
  networkBorderGroup: string;
  association?: {
    associationId: string;
    networkInterfaceId: string;
    privateIpAddress: string;
    /** A NAT gateway's address is managed by it: disassociated only by deleting it. */
    natGatewayId?: string;
  };
  tags: StoredTag[];
}

/** A NAT gateway: a record (nothing real forwards), its interface holding a subnet address. */
export interface NatGatewayRecord {
  natGatewayId: string;
  subnetId: string;
  vpcId: string;
  connectivityType: 'public' | 'private';
  state: 'available' | 'deleted';
  createTime: string;
  deleteTime?: string;
  networkInterfaceId: string;
  privateIp: string;
  /** Public gateways: the Elastic IP and its association. */
  allocationId?: string;
  associationId?: string;
  publicIp?: string;
  tags: StoredTag[];
}

export interface VpcEndpointRecord {
  vpcEndpointId: string;
  vpcEndpointType: 'Gateway' | 'Interface';
  vpcId: string;
  serviceName: string;
  policyDocument: string;
  routeTableIds: string[];
  subnetIds: string[];
  groupIds: string[];
  /** Interface endpoints: one interface per subnet. */
  networkInterfaceIds: string[];
  privateDnsEnabled: boolean;
  ipAddressType: 'ipv4';
  creationTimestamp: string;
  tags: StoredTag[];
}

export interface IpAllocationRecord {
  networkInterfaceId: string;
}

export function toTags(tags: StoredTag[]): Tag[] | undefined {
  return tags.length === 0 ? undefined : tags.map((t) => ({ Key: t.Key, Value: t.Value }));
}
