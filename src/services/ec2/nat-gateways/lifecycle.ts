/**
 * NAT gateways as records: nothing forwards traffic, but the gateway holds what AWS gives
 * it, a requester-managed interface with an address of its subnet and, when public, an
 * Elastic IP associated with that interface. CreateNatGateway answers `pending` and the
 * gateway reads `available` from then on; DeleteNatGateway frees the interface and the
 * address and leaves the gateway `deleted`, still described for an hour (teiki's clock), as
 * AWS keeps deleted gateways visible for a while. Terraform's waiters see both states.
 */
import { isServiceError } from '../../error.js';
import type { Ec2Deps } from '../deps.js';
import {
  KINDS,
  ec2Error,
  invalidParameterCombination,
  invalidParameterValue,
  missingParameter,
} from '../errors.js';

import { newEc2Id } from '../ids.js';
import { createInterfaceRecord, deleteInterfaceRecord } from '../network-interfaces/records.js';
import { toTags, type NatGatewayRecord } from '../records.js';
import { listAll, mustGet, tablesOf } from '../tables.js';
import { tagsFromSpecifications } from '../tags/rules.js';
import type {
  CreateNatGatewayRequest,
  CreateNatGatewayResult,
  DeleteNatGatewayRequest,
  DeleteNatGatewayResult,
  DescribeNatGatewaysRequest,
  DescribeNatGatewaysResult,
  NatGateway,
} from '../generated/types.js';
import { scopeOf, type RequestContext } from '../../context.js';
import { describePage } from '../describe.js';

/** How long a deleted gateway stays visible to DescribeNatGateways. */
export const DELETED_VISIBLE_MS = 60 * 60 * 1000;

function natGatewayNotFound(id: string): Error {
  return ec2Error('NatGatewayNotFound', `The Nat Gateway ${id} was not found`);
}

export function natGatewayOutput(
  record: NatGatewayRecord,
  state: NatGateway['State'] = record.state,
): NatGateway {
  const deleted = record.state === 'deleted';
  return {
    ConnectivityType: record.connectivityType,
    CreateTime: new Date(record.createTime),
    ...(record.deleteTime !== undefined ? { DeleteTime: new Date(record.deleteTime) } : {}),
    NatGatewayAddresses: [
      {
        ...(record.allocationId !== undefined ? { AllocationId: record.allocationId } : {}),
        ...(record.associationId !== undefined && !deleted
          ? { AssociationId: record.associationId }
          : {}),
        IsPrimary: true,
        NetworkInterfaceId: record.networkInterfaceId,
        PrivateIp: record.privateIp,
        ...(record.publicIp !== undefined ? { PublicIp: record.publicIp } : {}),
        Status: deleted ? 'disassociating' : 'succeeded',
      },
    ],
    NatGatewayId: record.natGatewayId,
    State: state,
    SubnetId: record.subnetId,
    Tags: toTags(record.tags) ?? [],
    VpcId: record.vpcId,
  };
}

/** A deleted gateway is described for an hour, then forgotten. */
function visible(record: NatGatewayRecord, nowMs: number): boolean {
  return (
    record.deleteTime === undefined || nowMs - Date.parse(record.deleteTime) < DELETED_VISIBLE_MS
  );
}

export async function createNatGateway(
  deps: Ec2Deps,
  input: CreateNatGatewayRequest,
  ctx: RequestContext,
): Promise<CreateNatGatewayResult> {
  const { store, clock } = deps;
  const scope = scopeOf(ctx);
  if (input.AvailabilityMode === 'regional' || input.AvailabilityZoneAddresses !== undefined) {
    throw invalidParameterValue('teiki does not implement regional NAT gateways.');
  }
  if (
    input.PrivateIpAddress !== undefined ||
    input.SecondaryAllocationIds !== undefined ||
    input.SecondaryPrivateIpAddresses !== undefined ||
    input.SecondaryPrivateIpAddressCount !== undefined
  ) {
    throw invalidParameterValue('teiki does not implement chosen or secondary NAT addresses.');
  }
  if (input.SubnetId === undefined) {
    throw missingParameter('The request must contain the parameter SubnetId');
  }
  const connectivityType = input.ConnectivityType ?? 'public';
  if (connectivityType === 'public' && input.AllocationId === undefined) {
    throw missingParameter('The request must contain the parameter AllocationId');
  }
  if (connectivityType === 'private' && input.AllocationId !== undefined) {
    throw invalidParameterCombination(
      'AllocationId cannot be specified for a private NAT gateway.',
    );
  }
  const subnetId = input.SubnetId;
  const tags = tagsFromSpecifications(input.TagSpecifications, 'natgateway');
  const record = await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const subnet = await mustGet(tables.subnets, scope, KINDS.subnet, subnetId);
    const address =
      input.AllocationId === undefined
        ? undefined
        : await mustGet(tables.addresses, scope, KINDS.address, input.AllocationId);
    if (address?.association) {
      throw ec2Error(
        'Resource.AlreadyAssociated',
        `Elastic IP address [${address.allocationId}] is already associated`,
      );
    }
    const natGatewayId = newEc2Id('nat');
    let eni;
    try {
      eni = await createInterfaceRecord(tables, scope, subnet, {
        groupIds: [],
        description: `Interface for NAT Gateway ${natGatewayId}`,
        interfaceType: 'nat_gateway',
        requesterId: 'amazon-aws',
        requesterManaged: true,
        attachTo: {
          instanceOwnerId: 'amazon-aws',
          deviceIndex: 1,
          attachTime: clock.now().toISOString(),
        },
      });
    } catch (error) {
      if (isServiceError(error)) {
        throw ec2Error('InsufficientFreeAddressesInSubnet', error.message);
      }
      throw error;
    }
    const created: NatGatewayRecord = {
      natGatewayId,
      subnetId: subnet.subnetId,
      vpcId: subnet.vpcId,
      connectivityType,
      state: 'available',
      createTime: clock.now().toISOString(),
      networkInterfaceId: eni.networkInterfaceId,
      privateIp: eni.privateIpAddress,
      tags,
    };
    if (address) {
      const associationId = newEc2Id('eipassoc');
      created.allocationId = address.allocationId;
      created.associationId = associationId;
      created.publicIp = address.publicIp;
      await tables.addresses.put(scope, address.allocationId, {
        ...address,
        association: {
          associationId,
          networkInterfaceId: eni.networkInterfaceId,
          privateIpAddress: eni.privateIpAddress,
          natGatewayId,
        },
      });
    }
    await tables.natGateways.put(scope, natGatewayId, created);
    return created;
  });
  return {
    ...(input.ClientToken !== undefined ? { ClientToken: input.ClientToken } : {}),
    NatGateway: natGatewayOutput(record, 'pending'),
  };
}

export async function deleteNatGateway(
  deps: Ec2Deps,
  input: DeleteNatGatewayRequest,
  ctx: RequestContext,
): Promise<DeleteNatGatewayResult> {
  const { store, clock } = deps;
  const scope = scopeOf(ctx);
  await store.transaction(async (tx) => {
    const tables = tablesOf(tx);
    const record = await tables.natGateways.get(scope, input.NatGatewayId);
    if (!record || record.state === 'deleted') throw natGatewayNotFound(input.NatGatewayId);
    await deleteInterfaceRecord(tables, scope, record.networkInterfaceId);
    if (record.allocationId !== undefined) {
      const address = await tables.addresses.get(scope, record.allocationId);
      if (address?.association?.natGatewayId === record.natGatewayId) {
        const { association: _released, ...rest } = address;
        await tables.addresses.put(scope, address.allocationId, rest);
      }
    }
    await tables.natGateways.put(scope, record.natGatewayId, {
      ...record,
      state: 'deleted',
      deleteTime: clock.now().toISOString(),
    });
  });
  return { NatGatewayId: input.NatGatewayId };
}

export async function describeNatGateways(
  deps: Ec2Deps,
  input: DescribeNatGatewaysRequest,
  ctx: RequestContext,
): Promise<DescribeNatGatewaysResult> {
  const { store, clock } = deps;
  const scope = scopeOf(ctx);
  const nowMs = clock.nowMs();
  const all = (await listAll(tablesOf(store).natGateways, scope)).filter((n) => visible(n, nowMs));
  let selected = all;
  if (input.NatGatewayIds && input.NatGatewayIds.length > 0) {
    const missing = input.NatGatewayIds.find((id) => !all.some((n) => n.natGatewayId === id));
    if (missing !== undefined) throw natGatewayNotFound(missing);
    selected = all.filter((n) => input.NatGatewayIds?.includes(n.natGatewayId));
  }
  const page = describePage(
    selected,
    {
      idOf: (n) => n.natGatewayId,
      filters: {
        'nat-gateway-id': (n) => n.natGatewayId,
        state: (n) => n.state,
        'subnet-id': (n) => n.subnetId,
        'vpc-id': (n) => n.vpcId,
      },
      tagsOf: (n) => n.tags,
    },
    input.Filter,
    input,
  );
  return {
    NatGateways: page.items.map((n) => natGatewayOutput(n)),
    NextToken: page.nextToken,
  };
}
