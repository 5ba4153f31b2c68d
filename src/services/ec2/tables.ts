/**
 * Typed access to EC2's collections from a store or a transaction, and the lookups that
 * fail with the resource's own NotFound error.
 */
import type { Collection, Scope, StoreSession } from '../../store/types.js';
import { KINDS, notFound, type ResourceKindErrors } from './errors.js';
import {
  COLLECTIONS,
  type AddressRecord,
  type DhcpOptionsRecord,
  type NatGatewayRecord,
  type VpcEndpointRecord,
  type InternetGatewayRecord,
  type IpAllocationRecord,
  type NetworkAclRecord,
  type NetworkInterfaceRecord,
  type RouteTableRecord,
  type SecurityGroupRecord,
  type SubnetRecord,
  type VpcRecord,
} from './records.js';

export interface Tables {
  vpcs: Collection<VpcRecord>;
  subnets: Collection<SubnetRecord>;
  securityGroups: Collection<SecurityGroupRecord>;
  routeTables: Collection<RouteTableRecord>;
  networkAcls: Collection<NetworkAclRecord>;
  internetGateways: Collection<InternetGatewayRecord>;
  dhcpOptions: Collection<DhcpOptionsRecord>;
  networkInterfaces: Collection<NetworkInterfaceRecord>;
  ipAllocations: Collection<IpAllocationRecord>;
  addresses: Collection<AddressRecord>;
  natGateways: Collection<NatGatewayRecord>;
  vpcEndpoints: Collection<VpcEndpointRecord>;
}

export function tablesOf(session: StoreSession): Tables {
  return {
    vpcs: session.collection<VpcRecord>(COLLECTIONS.vpcs),
    subnets: session.collection<SubnetRecord>(COLLECTIONS.subnets),
    securityGroups: session.collection<SecurityGroupRecord>(COLLECTIONS.securityGroups),
    routeTables: session.collection<RouteTableRecord>(COLLECTIONS.routeTables),
    networkAcls: session.collection<NetworkAclRecord>(COLLECTIONS.networkAcls),
    internetGateways: session.collection<InternetGatewayRecord>(COLLECTIONS.internetGateways),
    dhcpOptions: session.collection<DhcpOptionsRecord>(COLLECTIONS.dhcpOptions),
    networkInterfaces: session.collection<NetworkInterfaceRecord>(COLLECTIONS.networkInterfaces),
    ipAllocations: session.collection<IpAllocationRecord>(COLLECTIONS.ipAllocations),
    addresses: session.collection<AddressRecord>(COLLECTIONS.addresses),
    natGateways: session.collection<NatGatewayRecord>(COLLECTIONS.natGateways),
    vpcEndpoints: session.collection<VpcEndpointRecord>(COLLECTIONS.vpcEndpoints),
  };
}

export async function mustGet<T>(
  collection: Collection<T>,
  scope: Scope,
  kind: ResourceKindErrors,
  id: string,
): Promise<T> {
  const found = await collection.get(scope, id);
  if (found === undefined) throw notFound(kind, [id]);
  return found;
}

export async function listAll<T>(collection: Collection<T>, scope: Scope): Promise<T[]> {
  return (await collection.list(scope)).map((entry) => entry.value);
}

/**
 * The records named by `ids` (all of them, in id order), or every record when `ids` is
 * empty; a missing id fails with the kind's NotFound error naming every missing one.
 */
export async function selectByIds<T>(
  collection: Collection<T>,
  scope: Scope,
  kind: ResourceKindErrors,
  ids: string[] | undefined,
): Promise<T[]> {
  if (!ids || ids.length === 0) return listAll(collection, scope);
  const unique = [...new Set(ids)].sort();
  const found: T[] = [];
  const missing: string[] = [];
  for (const id of unique) {
    const record = await collection.get(scope, id);
    if (record === undefined) missing.push(id);
    else found.push(record);
  }
  if (missing.length > 0) throw notFound(kind, missing);
  return found;
}

export { KINDS };
