/**
 * Elastic network interfaces: created and deleted by other services (an awsvpc ECS task
 * gets one per task, through `network.ts`), each holding one private address from its
 * subnet; DescribeNetworkInterfaces shows them.
 */
import type { Scope } from '../../../store/types.js';
import { internalDomain } from '../bootstrap.js';
import type { Ec2Deps } from '../deps.js';
import { KINDS } from '../errors.js';
import type { FilterSpec } from '../filters.js';
import { toTags, type NetworkInterfaceRecord } from '../records.js';
import { listAll, selectByIds, tablesOf } from '../tables.js';
import type {
  DescribeNetworkInterfacesRequest,
  DescribeNetworkInterfacesResult,
  NetworkInterface,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

/** `ip-10-0-1-5.ec2.internal`, the name EC2's DNS gives a private address. */
export function privateDnsName(address: string, region: string): string {
  return `ip-${address.replaceAll('.', '-')}.${internalDomain(region)}`;
}

export function networkInterfaceOutput(
  eni: NetworkInterfaceRecord,
  scope: Scope,
  groupNames: Map<string, string>,
): NetworkInterface {
  const dnsName = privateDnsName(eni.privateIpAddress, scope.region);
  return {
    ...(eni.attachment
      ? {
          Attachment: {
            AttachTime: new Date(eni.attachment.attachTime),
            AttachmentId: eni.attachment.attachmentId,
            DeleteOnTermination: false,
            DeviceIndex: eni.attachment.deviceIndex,
            NetworkCardIndex: 0,
            InstanceOwnerId: eni.attachment.instanceOwnerId,
            Status: 'attached',
          },
        }
      : {}),
    AvailabilityZone: eni.availabilityZone,
    AvailabilityZoneId: eni.availabilityZoneId,
    Description: eni.description,
    Groups: eni.groupIds.map((id) => ({ GroupId: id, GroupName: groupNames.get(id) ?? '' })),
    // AWS answers `nat_gateway`, though the model's enum spells it `natGateway`.
    InterfaceType: eni.interfaceType as NetworkInterface['InterfaceType'],
    Ipv6Addresses: [],
    MacAddress: eni.macAddress,
    NetworkInterfaceId: eni.networkInterfaceId,
    OwnerId: scope.accountId,
    PrivateDnsName: dnsName,
    PrivateIpAddress: eni.privateIpAddress,
    PrivateIpAddresses: [
      { Primary: true, PrivateDnsName: dnsName, PrivateIpAddress: eni.privateIpAddress },
    ],
    ...(eni.requesterId !== undefined ? { RequesterId: eni.requesterId } : {}),
    RequesterManaged: eni.requesterManaged,
    SourceDestCheck: eni.sourceDestCheck,
    Status: eni.status,
    SubnetId: eni.subnetId,
    TagSet: toTags(eni.tags) ?? [],
    VpcId: eni.vpcId,
  };
}

function interfaceFilters(
  scope: Scope,
  groupNames: Map<string, string>,
): FilterSpec<NetworkInterfaceRecord> {
  return {
    'network-interface-id': (e) => e.networkInterfaceId,
    'subnet-id': (e) => e.subnetId,
    'vpc-id': (e) => e.vpcId,
    description: (e) => e.description,
    status: (e) => e.status,
    'availability-zone': (e) => e.availabilityZone,
    'group-id': (e) => e.groupIds,
    'group-name': (e) => e.groupIds.map((id) => groupNames.get(id)),
    'interface-type': (e) => e.interfaceType,
    'mac-address': (e) => e.macAddress,
    'owner-id': () => scope.accountId,
    'private-ip-address': (e) => e.privateIpAddress,
    'addresses.private-ip-address': (e) => e.privateIpAddress,
    'addresses.primary': () => true,
    'private-dns-name': (e) => privateDnsName(e.privateIpAddress, scope.region),
    'requester-id': (e) => e.requesterId,
    'requester-managed': (e) => e.requesterManaged,
    'source-dest-check': (e) => e.sourceDestCheck,
    'attachment.attachment-id': (e) => e.attachment?.attachmentId,
    'attachment.instance-owner-id': (e) => e.attachment?.instanceOwnerId,
    'attachment.device-index': (e) => e.attachment?.deviceIndex,
    'attachment.status': (e) => (e.attachment ? 'attached' : undefined),
    'attachment.delete-on-termination': (e) => (e.attachment ? false : undefined),
  };
}

export async function describeNetworkInterfaces(
  deps: Ec2Deps,
  input: DescribeNetworkInterfacesRequest,
  ctx: RequestContext,
): Promise<DescribeNetworkInterfacesResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tables = tablesOf(store);
  const selected = await selectByIds(
    tables.networkInterfaces,
    scope,
    KINDS.networkInterface,
    input.NetworkInterfaceIds,
  );
  const groupNames = new Map(
    (await listAll(tables.securityGroups, scope)).map((g) => [g.groupId, g.groupName]),
  );
  const page = describePage(
    selected,
    {
      idOf: (e) => e.networkInterfaceId,
      filters: interfaceFilters(scope, groupNames),
      tagsOf: (e) => e.tags,
    },
    input.Filters,
    input,
  );
  return {
    NetworkInterfaces: page.items.map((e) => networkInterfaceOutput(e, scope, groupNames)),
    NextToken: page.nextToken,
  };
}
