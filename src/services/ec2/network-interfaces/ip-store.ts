/**
 * The stored side of the address allocator: one record per address in use, keyed
 * `<subnetId>/<offset>`. Callers run these inside a store transaction, which serializes
 * them, so two allocations never pick the same address.
 */
import type { Scope } from '../../../store/types.js';
import { ec2Error } from '../errors.js';
import {
  addressAt,
  allocationId,
  nextFreeOffset,
  offsetOfAllocation,
  subnetCidr,
} from './ip-allocator.js';
import type { SubnetRecord } from '../records.js';
import type { Tables } from '../tables.js';

export async function addressesInUse(
  tables: Tables,
  scope: Scope,
  subnetId: string,
): Promise<number> {
  return tables.ipAllocations.count(scope, { prefix: `${subnetId}/` });
}

export async function allocateAddress(
  tables: Tables,
  scope: Scope,
  subnet: SubnetRecord,
  networkInterfaceId: string,
): Promise<{ allocationId: string; address: string }> {
  const cidr = subnetCidr(subnet.cidrBlock);
  const rows = await tables.ipAllocations.list(scope, { prefix: `${subnet.subnetId}/` });
  const used = new Set(rows.map((row) => offsetOfAllocation(row.id)));
  const offset = nextFreeOffset(cidr, used);
  if (offset === undefined) {
    throw ec2Error(
      'InsufficientFreeAddressesInSubnet',
      `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`,
    );
  }
  const id = allocationId(subnet.subnetId, offset);
  if (!(await tables.ipAllocations.insert(scope, id, { networkInterfaceId }))) {
    // Only possible if a caller allocated outside a transaction.
    throw new Error(`address ${id} was claimed concurrently`);
  }
  return { allocationId: id, address: addressAt(cidr, offset) };
}

export async function releaseAddress(
  tables: Tables,
  scope: Scope,
  allocation: string,
): Promise<void> {
  await tables.ipAllocations.delete(scope, allocation);
}
