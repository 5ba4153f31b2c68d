/**
 * What other services (ECS, for awsvpc tasks) ask of EC2's network, as plain calls: a
 * subnet's facts, a VPC's default security group, and a network interface with a private
 * address from the subnet, created and deleted with the task. Failures are
 * `NetworkFacadeError`s with a reason, for the caller to word as its own API words them.
 */
import type { Clock } from '../../engine/clock/types.js';
import type { Scope, Store } from '../../store/types.js';
import { isServiceError } from '../error.js';
import { ensureDefaultNetwork } from './bootstrap.js';
import { createInterfaceRecord, deleteInterfaceRecord } from './network-interfaces/records.js';
import { subnetCidr, usableAddressCount } from './network-interfaces/ip-allocator.js';
import { addressesInUse } from './network-interfaces/ip-store.js';
import { privateDnsName } from './network-interfaces/lifecycle.js';
import type { StoredTag } from './records.js';
import { tablesOf } from './tables.js';

export interface SubnetInfo {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
  mapPublicIpOnLaunch: boolean;
  availableIpAddressCount: number;
}

export interface SecurityGroupInfo {
  groupId: string;
  groupName: string;
  vpcId: string;
}

export interface TaskInterfaceRequest {
  subnetId: string;
  /** The VPC's default group when empty or absent, as EC2 does. */
  securityGroupIds?: string[];
  description?: string;
  /** The account of the service that manages the interface (ECS's, for task ENIs). */
  requesterId?: string;
  requesterManaged?: boolean;
  /** Shown as attached (status `in-use`) to this owner, as Fargate task ENIs are. */
  attachTo?: { instanceOwnerId: string; deviceIndex?: number };
  tags?: StoredTag[];
}

export interface TaskInterface {
  networkInterfaceId: string;
  attachmentId?: string;
  privateIpv4Address: string;
  privateDnsName: string;
  macAddress: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  securityGroupIds: string[];
}

export type NetworkFailure =
  | 'SubnetNotFound'
  | 'SecurityGroupNotFound'
  | 'SecurityGroupInOtherVpc'
  | 'InsufficientFreeAddresses';

export class NetworkFacadeError extends Error {
  override readonly name = 'NetworkFacadeError';
  constructor(
    readonly reason: NetworkFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface NetworkFacade {
  describeSubnet(scope: Scope, subnetId: string): Promise<SubnetInfo | undefined>;
  describeSecurityGroup(scope: Scope, groupId: string): Promise<SecurityGroupInfo | undefined>;
  defaultSecurityGroupId(scope: Scope, vpcId: string): Promise<string | undefined>;
  createTaskNetworkInterface(scope: Scope, request: TaskInterfaceRequest): Promise<TaskInterface>;
  /** `false` when the interface did not exist (already deleted). */
  deleteNetworkInterface(scope: Scope, networkInterfaceId: string): Promise<boolean>;
}

export function createNetworkFacade(deps: { store: Store; clock: Clock }): NetworkFacade {
  const { store, clock } = deps;
  const tables = tablesOf(store);

  return {
    async describeSubnet(scope, subnetId) {
      await ensureDefaultNetwork(store, scope);
      const subnet = await tables.subnets.get(scope, subnetId);
      if (!subnet) return undefined;
      const inUse = await addressesInUse(tables, scope, subnetId);
      return {
        subnetId: subnet.subnetId,
        vpcId: subnet.vpcId,
        cidrBlock: subnet.cidrBlock,
        availabilityZone: subnet.availabilityZone,
        availabilityZoneId: subnet.availabilityZoneId,
        mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
        availableIpAddressCount: usableAddressCount(subnetCidr(subnet.cidrBlock)) - inUse,
      };
    },

    async describeSecurityGroup(scope, groupId) {
      await ensureDefaultNetwork(store, scope);
      const group = await tables.securityGroups.get(scope, groupId);
      return group && { groupId: group.groupId, groupName: group.groupName, vpcId: group.vpcId };
    },

    async defaultSecurityGroupId(scope, vpcId) {
      await ensureDefaultNetwork(store, scope);
      return (await tables.vpcs.get(scope, vpcId))?.defaultSecurityGroupId;
    },

    async createTaskNetworkInterface(scope, request) {
      await ensureDefaultNetwork(store, scope);
      const created = await store.transaction(async (tx) => {
        const t = tablesOf(tx);
        const subnet = await t.subnets.get(scope, request.subnetId);
        if (!subnet) {
          throw new NetworkFacadeError(
            'SubnetNotFound',
            `The subnet ID '${request.subnetId}' does not exist`,
          );
        }
        let groupIds = [...new Set(request.securityGroupIds ?? [])];
        if (groupIds.length === 0) {
          const vpc = await t.vpcs.get(scope, subnet.vpcId);
          groupIds = vpc ? [vpc.defaultSecurityGroupId] : [];
        }
        for (const groupId of groupIds) {
          const group = await t.securityGroups.get(scope, groupId);
          if (!group) {
            throw new NetworkFacadeError(
              'SecurityGroupNotFound',
              `The security group '${groupId}' does not exist`,
            );
          }
          if (group.vpcId !== subnet.vpcId) {
            throw new NetworkFacadeError(
              'SecurityGroupInOtherVpc',
              `Security group ${groupId} and subnet ${subnet.subnetId} belong to different networks.`,
            );
          }
        }
        try {
          return await createInterfaceRecord(t, scope, subnet, {
            groupIds,
            description: request.description ?? '',
            interfaceType: 'interface',
            ...(request.requesterId !== undefined ? { requesterId: request.requesterId } : {}),
            requesterManaged: request.requesterManaged ?? false,
            ...(request.attachTo
              ? {
                  attachTo: {
                    instanceOwnerId: request.attachTo.instanceOwnerId,
                    deviceIndex: request.attachTo.deviceIndex ?? 1,
                    attachTime: clock.now().toISOString(),
                  },
                }
              : {}),
            tags: request.tags ?? [],
          });
        } catch (error) {
          if (isServiceError(error)) {
            throw new NetworkFacadeError('InsufficientFreeAddresses', error.message);
          }
          throw error;
        }
      });
      return {
        networkInterfaceId: created.networkInterfaceId,
        ...(created.attachment ? { attachmentId: created.attachment.attachmentId } : {}),
        privateIpv4Address: created.privateIpAddress,
        privateDnsName: privateDnsName(created.privateIpAddress, scope.region),
        macAddress: created.macAddress,
        subnetId: created.subnetId,
        vpcId: created.vpcId,
        availabilityZone: created.availabilityZone,
        securityGroupIds: created.groupIds,
      };
    },

    async deleteNetworkInterface(scope, networkInterfaceId) {
      return store.transaction((tx) =>
        deleteInterfaceRecord(tablesOf(tx), scope, networkInterfaceId),
      );
    },
  };
}
