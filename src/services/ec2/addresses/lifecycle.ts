/**
 * Elastic IP addresses (the VPC domain; EC2-Classic is retired): AllocateAddress,
 * ReleaseAddress, AssociateAddress and DisassociateAddress with a network interface,
 * DescribeAddresses and DescribeAddressesAttribute. teiki owns no public addresses, so each
 * allocation is a record holding an address from 198.18.0.0/15 (set aside for benchmarks,
 * never routed), a block of 64 per account and region; AWS's default quota of 5 addresses
 * per region applies. An address a NAT gateway holds is released by deleting the gateway.
 */
import { createHash } from 'node:crypto';
import type { Scope } from '../../../store/types.js';
import { formatIpv4 } from '../cidr.js';
import type { Ec2Deps } from '../deps.js';
import { KINDS, ec2Error, invalidParameterValue, missingParameter } from '../errors.js';
import { newEc2Id } from '../ids.js';
import { toTags, type AddressRecord } from '../records.js';
import { listAll, mustGet, selectByIds, tablesOf, type Tables } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import type {
  Address,
  AllocateAddressRequest,
  AllocateAddressResult,
  AssociateAddressRequest,
  AssociateAddressResult,
  DescribeAddressesAttributeRequest,
  DescribeAddressesAttributeResult,
  DescribeAddressesRequest,
  DescribeAddressesResult,
  DisassociateAddressRequest,
  ReleaseAddressRequest,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describeAll, describePage } from '../describe.js';

/** AWS's default quota of Elastic IP addresses in a region. */
export const MAX_ADDRESSES = 5;

const POOL_BASE = (198 * 256 + 18) * 65536;
const POOL_SIZE = 2 * 65536;
const BLOCK = 64;

/** The first address of this account and region's block of the pool. */
function blockStart(scope: Scope): number {
  const digest = createHash('sha256').update(`${scope.accountId}\u0000${scope.region}`).digest();
  return POOL_BASE + (digest.readUInt32BE(0) % (POOL_SIZE / BLOCK)) * BLOCK;
}

function nextPublicIp(scope: Scope, taken: ReadonlySet<string>): string {
  const start = blockStart(scope);
  for (let offset = 1; offset < BLOCK; offset++) {
    const ip = formatIpv4(start + offset);
    if (!taken.has(ip)) return ip;
  }
  throw new Error('the address block of this account and region is exhausted');
}

export function addressOutput(record: AddressRecord, scope: Scope): Address {
  const association = record.association;
  return {
    AllocationId: record.allocationId,
    ...(association
      ? {
          AssociationId: association.associationId,
          NetworkInterfaceId: association.networkInterfaceId,
          NetworkInterfaceOwnerId: scope.accountId,
          PrivateIpAddress: association.privateIpAddress,
        }
      : {}),
    Domain: 'vpc',
    NetworkBorderGroup: record.networkBorderGroup,
    PublicIp: record.publicIp,
    PublicIpv4Pool: 'amazon',
    Tags: toTags(record.tags),
  };
}

/** The address named by allocation id, else by public IP (a call gives one of them). */
async function findAddress(
  tables: Tables,
  scope: Scope,
  input: { AllocationId?: string; PublicIp?: string },
): Promise<AddressRecord> {
  if (input.AllocationId !== undefined) {
    return mustGet(tables.addresses, scope, KINDS.address, input.AllocationId);
  }
  if (input.PublicIp === undefined) {
    throw missingParameter('Either public IP or allocation id must be specified');
  }
  const found = (await listAll(tables.addresses, scope)).find((a) => a.publicIp === input.PublicIp);
  if (!found) throw ec2Error('InvalidAddress.NotFound', `Address '${input.PublicIp}' not found.`);
  return found;
}

export async function allocateAddress(
  deps: Ec2Deps,
  input: AllocateAddressRequest,
  ctx: RequestContext,
): Promise<AllocateAddressResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.Domain === 'standard') {
    throw invalidParameterValue('EC2-Classic is retired: only the vpc domain can be allocated.');
  }
  if (input.Address !== undefined || input.PublicIpv4Pool !== undefined) {
    throw invalidParameterValue('teiki does not implement BYOIP address pools.');
  }
  if (input.CustomerOwnedIpv4Pool !== undefined || input.IpamPoolId !== undefined) {
    throw invalidParameterValue('teiki does not implement customer-owned or IPAM pools.');
  }
  if (input.NetworkBorderGroup !== undefined && input.NetworkBorderGroup !== scope.region) {
    throw invalidParameterValue(
      `Value (${input.NetworkBorderGroup}) for parameter networkBorderGroup is invalid.`,
    );
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'elastic-ip');
  const record = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const existing = await listAll(tables.addresses, scope);
    if (existing.length >= MAX_ADDRESSES) {
      throw ec2Error('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
    }
    const created: AddressRecord = {
      allocationId: newEc2Id('eipalloc'),
      publicIp: nextPublicIp(scope, new Set(existing.map((a) => a.publicIp))),
      networkBorderGroup: scope.region,
      tags,
    };
    await tables.addresses.put(scope, created.allocationId, created);
    return created;
  });
  return {
    AllocationId: record.allocationId,
    Domain: 'vpc',
    NetworkBorderGroup: record.networkBorderGroup,
    PublicIp: record.publicIp,
    PublicIpv4Pool: 'amazon',
  };
}

export async function releaseAddress(
  deps: Ec2Deps,
  input: ReleaseAddressRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const address = await findAddress(tables, scope, input);
    if (address.association) {
      throw ec2Error('InvalidIPAddress.InUse', `Address ${address.publicIp} is in use.`);
    }
    await tables.addresses.delete(scope, address.allocationId);
  });
  return {};
}

export async function associateAddress(
  deps: Ec2Deps,
  input: AssociateAddressRequest,
  ctx: RequestContext,
): Promise<AssociateAddressResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.InstanceId !== undefined) {
    throw ec2Error(
      'InvalidInstanceID.NotFound',
      `The instance ID '${input.InstanceId}' does not exist`,
    );
  }
  if (input.NetworkInterfaceId === undefined) {
    throw missingParameter('Either instance ID or network interface ID must be specified');
  }
  const networkInterfaceId = input.NetworkInterfaceId;
  const associationId = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const address = await findAddress(tables, scope, input);
    const eni = await mustGet(
      tables.networkInterfaces,
      scope,
      KINDS.networkInterface,
      networkInterfaceId,
    );
    if (input.PrivateIpAddress !== undefined && input.PrivateIpAddress !== eni.privateIpAddress) {
      throw invalidParameterValue(
        `The private IP address ${input.PrivateIpAddress} is not assigned to the interface ${eni.networkInterfaceId}.`,
      );
    }
    const alreadyAssociated = (associationId: string) =>
      ec2Error(
        'Resource.AlreadyAssociated',
        `resource ${address.allocationId} is already associated with associate-id ${associationId}`,
      );
    // A NAT gateway's address moves only with the gateway.
    if (address.association?.natGatewayId !== undefined) {
      throw alreadyAssociated(address.association.associationId);
    }
    if (address.association && input.AllowReassociation !== true) {
      throw alreadyAssociated(address.association.associationId);
    }
    const other = (await listAll(tables.addresses, scope)).find(
      (a) =>
        a.association?.networkInterfaceId === eni.networkInterfaceId &&
        a.allocationId !== address.allocationId,
    );
    if (other?.association) {
      if (input.AllowReassociation !== true)
        throw alreadyAssociated(other.association.associationId);
      const { association: _moved, ...rest } = other;
      await tables.addresses.put(scope, other.allocationId, rest);
    }
    const association = {
      associationId: newEc2Id('eipassoc'),
      networkInterfaceId: eni.networkInterfaceId,
      privateIpAddress: eni.privateIpAddress,
    };
    await tables.addresses.put(scope, address.allocationId, { ...address, association });
    return association.associationId;
  });
  return { AssociationId: associationId };
}

export async function disassociateAddress(
  deps: Ec2Deps,
  input: DisassociateAddressRequest,
  ctx: RequestContext,
): Promise<Record<string, never>> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    let address: AddressRecord | undefined;
    if (input.AssociationId !== undefined) {
      address = (await listAll(tables.addresses, scope)).find(
        (a) => a.association?.associationId === input.AssociationId,
      );
      if (!address) {
        throw ec2Error(
          'InvalidAssociationID.NotFound',
          `The association ID '${input.AssociationId}' does not exist`,
        );
      }
    } else {
      address = await findAddress(tables, scope, { PublicIp: input.PublicIp });
      if (!address.association) return;
    }
    if (address.association?.natGatewayId !== undefined) {
      throw ec2Error(
        'InvalidIPAddress.InUse',
        `Address ${address.publicIp} is in use by NAT gateway ${address.association.natGatewayId}.`,
      );
    }
    const { association: _gone, ...rest } = address;
    await tables.addresses.put(scope, address.allocationId, rest);
  });
  return {};
}

export async function describeAddresses(
  deps: Ec2Deps,
  input: DescribeAddressesRequest,
  ctx: RequestContext,
): Promise<DescribeAddressesResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const tables = tablesOf(store);
  let selected = await selectByIds(tables.addresses, scope, KINDS.address, input.AllocationIds);
  if (input.PublicIps && input.PublicIps.length > 0) {
    const missing = input.PublicIps.find((ip) => !selected.some((a) => a.publicIp === ip));
    if (missing !== undefined) {
      throw ec2Error('InvalidAddress.NotFound', `Address '${missing}' not found.`);
    }
    selected = selected.filter((a) => input.PublicIps?.includes(a.publicIp));
  }
  const matching = describeAll(
    selected,
    {
      idOf: (a) => a.allocationId,
      filters: {
        'allocation-id': (a) => a.allocationId,
        'association-id': (a) => a.association?.associationId,
        domain: () => 'vpc',
        'instance-id': () => undefined,
        'network-border-group': (a) => a.networkBorderGroup,
        'network-interface-id': (a) => a.association?.networkInterfaceId,
        'network-interface-owner-id': (a) => (a.association ? scope.accountId : undefined),
        'private-ip-address': (a) => a.association?.privateIpAddress,
        'public-ip': (a) => a.publicIp,
      },
      tagsOf: (a) => a.tags,
    },
    input.Filters,
  );
  return { Addresses: matching.map((a) => addressOutput(a, scope)) };
}

export async function describeAddressesAttribute(
  deps: Ec2Deps,
  input: DescribeAddressesAttributeRequest,
  ctx: RequestContext,
): Promise<DescribeAddressesAttributeResult> {
  const { store } = deps;
  const scope = scopeOf(ctx);
  if (input.Attribute !== undefined && input.Attribute !== 'domain-name') {
    throw invalidParameterValue(
      `Value (${String(input.Attribute)}) for parameter attribute is invalid.`,
    );
  }
  const tables = tablesOf(store);
  const selected = await selectByIds(tables.addresses, scope, KINDS.address, input.AllocationIds);
  // No filters in this call's model: every named (or existing) address, paged.
  const page = describePage(
    selected,
    { idOf: (a) => a.allocationId, filters: {} },
    undefined,
    input,
  );
  // No reverse DNS record is ever set: AWS then answers the address without PtrRecord.
  return {
    Addresses: page.items.map((a) => ({ AllocationId: a.allocationId, PublicIp: a.publicIp })),
    NextToken: page.nextToken,
  };
}
