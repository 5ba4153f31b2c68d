/**
 * Network interfaces as records, made and removed inside a caller's store transaction:
 * ECS task interfaces (through network.ts) and the interfaces AWS gives a NAT gateway or
 * an interface VPC endpoint. Each holds one private address from its subnet.
 */
import type { Scope } from '../../../store/types.js';
import { newEc2Id, newMacAddress } from '../ids.js';
import { allocateAddress, releaseAddress } from './ip-store.js';
import type { NetworkInterfaceRecord, StoredTag, SubnetRecord } from '../records.js';
import type { Tables } from '../tables.js';

export interface InterfaceSpec {
  groupIds: string[];
  description: string;
  interfaceType: NetworkInterfaceRecord['interfaceType'];
  requesterId?: string;
  requesterManaged: boolean;
  /** Shown as attached (status `in-use`) to this owner. */
  attachTo?: { instanceOwnerId: string; deviceIndex: number; attachTime: string };
  tags?: StoredTag[];
}

/** A new interface in `subnet` with the subnet's next free address (or the allocator's error). */
export async function createInterfaceRecord(
  tables: Tables,
  scope: Scope,
  subnet: SubnetRecord,
  spec: InterfaceSpec,
): Promise<NetworkInterfaceRecord> {
  const networkInterfaceId = newEc2Id('eni');
  const allocation = await allocateAddress(tables, scope, subnet, networkInterfaceId);
  const record: NetworkInterfaceRecord = {
    networkInterfaceId,
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: subnet.availabilityZoneId,
    privateIpAddress: allocation.address,
    allocationId: allocation.allocationId,
    macAddress: newMacAddress(),
    description: spec.description,
    groupIds: spec.groupIds,
    status: spec.attachTo ? 'in-use' : 'available',
    interfaceType: spec.interfaceType,
    ...(spec.requesterId !== undefined ? { requesterId: spec.requesterId } : {}),
    requesterManaged: spec.requesterManaged,
    sourceDestCheck: true,
    ...(spec.attachTo
      ? {
          attachment: {
            attachmentId: newEc2Id('eni-attach'),
            attachTime: spec.attachTo.attachTime,
            deviceIndex: spec.attachTo.deviceIndex,
            instanceOwnerId: spec.attachTo.instanceOwnerId,
          },
        }
      : {}),
    tags: spec.tags ?? [],
  };
  await tables.networkInterfaces.put(scope, networkInterfaceId, record);
  return record;
}

/** Removes an interface and frees its address; `false` when it was already gone. */
export async function deleteInterfaceRecord(
  tables: Tables,
  scope: Scope,
  networkInterfaceId: string,
): Promise<boolean> {
  const eni = await tables.networkInterfaces.get(scope, networkInterfaceId);
  if (!eni) return false;
  await releaseAddress(tables, scope, eni.allocationId);
  await tables.networkInterfaces.delete(scope, networkInterfaceId);
  return true;
}
