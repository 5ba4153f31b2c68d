/**
 * The network a new AWS account has in every region: the region's default DHCP options,
 * a default VPC 172.31.0.0/16 with one default /20 subnet per availability zone, and an
 * internet gateway attached and routed from the main route table. Created on the first
 * EC2 request of an (account, region), in one transaction, with ids derived from the
 * account and region so every node and every restart agrees on them. Deleting the
 * default VPC afterwards leaves the region without one, as in AWS.
 */
import type { Scope, Store } from '../../store/types.js';
import { formatCidr } from './cidr.js';
import { stableEc2Id } from './ids.js';
import { COLLECTIONS, type DhcpOptionsRecord, type SubnetRecord } from './records.js';
import { zonesOf } from './account/regions.js';
import { tablesOf } from './tables.js';
import { buildVpcNetwork, saveVpcNetwork } from './vpcs/vpc-network.js';

const MARKER = 'default-network';
const DEFAULT_VPC_CIDR = '172.31.0.0/16';
const DEFAULT_VPC_BASE = (172 * 256 + 31) * 65536;
const DEFAULT_SUBNET_SIZE = 4096;

/** `ec2.internal` in us-east-1, `<region>.compute.internal` elsewhere. */
export function internalDomain(region: string): string {
  return region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
}

export function defaultDhcpOptionsId(scope: Scope): string {
  return stableEc2Id('dopt', scope.accountId, scope.region, 'default-dhcp-options');
}

function id(scope: Scope, prefix: string, name: string): string {
  return stableEc2Id(prefix, scope.accountId, scope.region, name);
}

export async function ensureDefaultNetwork(store: Store, scope: Scope): Promise<void> {
  const markers = store.collection<{ created: true }>(COLLECTIONS.bootstrap);
  if ((await markers.get(scope, MARKER)) !== undefined) return;
  await store.transaction(async (tx) => {
    const txMarkers = tx.collection<{ created: true }>(COLLECTIONS.bootstrap);
    if (!(await txMarkers.insert(scope, MARKER, { created: true }))) return;
    const tables = tablesOf(tx);
    const dhcp: DhcpOptionsRecord = {
      dhcpOptionsId: defaultDhcpOptionsId(scope),
      configurations: [
        { key: 'domain-name', values: [internalDomain(scope.region)] },
        { key: 'domain-name-servers', values: ['AmazonProvidedDNS'] },
      ],
      tags: [],
    };
    await tables.dhcpOptions.put(scope, dhcp.dhcpOptionsId, dhcp);

    const network = buildVpcNetwork({
      ids: {
        vpcId: id(scope, 'vpc', 'default-vpc'),
        cidrAssociationId: id(scope, 'vpc-cidr-assoc', 'default-vpc-cidr'),
        securityGroupId: id(scope, 'sg', 'default-vpc-sg'),
        ingressRuleId: id(scope, 'sgr', 'default-vpc-sg-ingress'),
        egressRuleId: id(scope, 'sgr', 'default-vpc-sg-egress'),
        routeTableId: id(scope, 'rtb', 'default-vpc-main'),
        mainAssociationId: id(scope, 'rtbassoc', 'default-vpc-main'),
        networkAclId: id(scope, 'acl', 'default-vpc-acl'),
      },
      accountId: scope.accountId,
      cidrBlock: DEFAULT_VPC_CIDR,
      isDefault: true,
      instanceTenancy: 'default',
      dhcpOptionsId: dhcp.dhcpOptionsId,
      tags: [],
    });
    const igwId = id(scope, 'igw', 'default-vpc-igw');
    network.routeTable.routes.push({
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igwId,
      origin: 'CreateRoute',
    });
    const zones = zonesOf(scope.region);
    for (const [index, zone] of zones.entries()) {
      const subnet: SubnetRecord = {
        subnetId: id(scope, 'subnet', `default-${zone.zoneId}`),
        vpcId: network.vpc.vpcId,
        cidrBlock: formatCidr({
          base: DEFAULT_VPC_BASE + index * DEFAULT_SUBNET_SIZE,
          prefix: 20,
          size: DEFAULT_SUBNET_SIZE,
        }),
        availabilityZone: zone.zoneName,
        availabilityZoneId: zone.zoneId,
        defaultForAz: true,
        mapPublicIpOnLaunch: true,
        assignIpv6AddressOnCreation: false,
        enableDns64: false,
        hostnameType: 'ip-name',
        enableResourceNameDnsARecordOnLaunch: false,
        enableResourceNameDnsAAAARecordOnLaunch: false,
        tags: [],
      };
      network.networkAcl.associations.push({
        associationId: id(scope, 'aclassoc', `default-${zone.zoneId}`),
        subnetId: subnet.subnetId,
      });
      await tables.subnets.put(scope, subnet.subnetId, subnet);
    }
    await saveVpcNetwork(tables, scope, network);
    await tables.internetGateways.put(scope, igwId, {
      internetGatewayId: igwId,
      vpcId: network.vpc.vpcId,
      tags: [],
    });
  });
}
