/**
 * What EC2's network ACL, DHCP options, Elastic IP, NAT gateway, VPC endpoint and
 * ReplaceRoute operations need permission for (see authorization.ts for the rules): each
 * resource the reference marks required, by id; a resource being created as `TYPE/*`.
 */
import type { Store } from '../../store/types.js';
import type { AuthorizationTable, Permission } from '../authorization/permission.js';
import { scopeOf } from '../context.js';
import type { Created, OnId } from './authorization.js';
import type { Ec2Operations } from './generated/types.js';
import { COLLECTIONS, type AddressRecord, type NetworkAclRecord } from './records.js';

export function networkAclsAndGateways(
  store: Store,
  onId: OnId,
  created: Created,
): AuthorizationTable<Ec2Operations> {
  /** The permission on each id given; when none is known, the action on `*`. */
  const ids = (
    action: string,
    ctx: Parameters<OnId>[1],
    list: ReadonlyArray<string | undefined>,
  ): Permission[] => {
    const known = list.filter((id): id is string => !!id).map((id) => onId(action, ctx, id));
    return known.length > 0 ? known : [{ action, resource: '*' }];
  };

  return {
    CreateNetworkAcl: (input, ctx) => [
      ...created(
        'ec2:CreateNetworkAcl',
        ctx,
        'ec2:network-acl',
        'NaclId',
        input.TagSpecifications,
        'network-acl',
      ),
      onId('ec2:CreateNetworkAcl', ctx, input.VpcId),
    ],
    DeleteNetworkAcl: (input, ctx) => [onId('ec2:DeleteNetworkAcl', ctx, input.NetworkAclId)],
    CreateNetworkAclEntry: (input, ctx) => [
      onId('ec2:CreateNetworkAclEntry', ctx, input.NetworkAclId),
    ],
    ReplaceNetworkAclEntry: (input, ctx) => [
      onId('ec2:ReplaceNetworkAclEntry', ctx, input.NetworkAclId),
    ],
    DeleteNetworkAclEntry: (input, ctx) => [
      onId('ec2:DeleteNetworkAclEntry', ctx, input.NetworkAclId),
    ],
    async ReplaceNetworkAclAssociation(input, ctx) {
      // Named by its association: on the new ACL and the subnet the association holds.
      const acls = await store
        .collection<NetworkAclRecord>(COLLECTIONS.networkAcls)
        .list(scopeOf(ctx));
      const subnet = acls
        .flatMap(({ value }) => value.associations)
        .find((a) => a.associationId === input.AssociationId)?.subnetId;
      return [
        onId('ec2:ReplaceNetworkAclAssociation', ctx, input.NetworkAclId),
        ...(subnet ? [onId('ec2:ReplaceNetworkAclAssociation', ctx, subnet)] : []),
      ];
    },

    CreateDhcpOptions: (input, ctx) =>
      created(
        'ec2:CreateDhcpOptions',
        ctx,
        'ec2:dhcp-options',
        'DhcpOptionsId',
        input.TagSpecifications,
        'dhcp-options',
      ),
    DeleteDhcpOptions: (input, ctx) => [onId('ec2:DeleteDhcpOptions', ctx, input.DhcpOptionsId)],
    AssociateDhcpOptions: (input, ctx) => [
      // `default` names no options set: the VPC alone.
      ...(input.DhcpOptionsId === 'default'
        ? []
        : [onId('ec2:AssociateDhcpOptions', ctx, input.DhcpOptionsId)]),
      onId('ec2:AssociateDhcpOptions', ctx, input.VpcId),
    ],

    AllocateAddress: (input, ctx) =>
      created(
        'ec2:AllocateAddress',
        ctx,
        'ec2:elastic-ip',
        'AllocationId',
        input.TagSpecifications,
        'elastic-ip',
      ),
    async ReleaseAddress(input, ctx) {
      return ids('ec2:ReleaseAddress', ctx, [await allocationOf(input, ctx)]);
    },
    async AssociateAddress(input, ctx) {
      return ids('ec2:AssociateAddress', ctx, [
        await allocationOf(input, ctx),
        input.NetworkInterfaceId,
        input.InstanceId,
      ]);
    },
    async DisassociateAddress(input, ctx) {
      const addresses = await store
        .collection<AddressRecord>(COLLECTIONS.addresses)
        .list(scopeOf(ctx));
      const address = addresses.find(
        ({ value }) =>
          (input.AssociationId !== undefined &&
            value.association?.associationId === input.AssociationId) ||
          (input.PublicIp !== undefined && value.publicIp === input.PublicIp),
      )?.value;
      return ids('ec2:DisassociateAddress', ctx, [
        address?.allocationId,
        address?.association?.networkInterfaceId,
      ]);
    },

    CreateNatGateway: (input, ctx) => [
      ...created(
        'ec2:CreateNatGateway',
        ctx,
        'ec2:natgateway',
        'NatGatewayId',
        input.TagSpecifications,
        'natgateway',
      ),
      ...[input.SubnetId, input.AllocationId, input.VpcId]
        .filter((id): id is string => !!id)
        .map((id) => onId('ec2:CreateNatGateway', ctx, id)),
    ],
    DeleteNatGateway: (input, ctx) => [onId('ec2:DeleteNatGateway', ctx, input.NatGatewayId)],

    CreateVpcEndpoint: (input, ctx) => [
      ...created(
        'ec2:CreateVpcEndpoint',
        ctx,
        'ec2:vpc-endpoint',
        'VpcEndpointId',
        input.TagSpecifications,
        'vpc-endpoint',
      ),
      onId('ec2:CreateVpcEndpoint', ctx, input.VpcId),
      ...[
        ...(input.SubnetIds ?? []),
        ...(input.RouteTableIds ?? []),
        ...(input.SecurityGroupIds ?? []),
      ].map((id) => onId('ec2:CreateVpcEndpoint', ctx, id)),
    ],
    ModifyVpcEndpoint: (input, ctx) => [
      onId('ec2:ModifyVpcEndpoint', ctx, input.VpcEndpointId),
      ...[
        ...(input.AddSubnetIds ?? []),
        ...(input.AddRouteTableIds ?? []),
        ...(input.AddSecurityGroupIds ?? []),
      ].map((id) => onId('ec2:ModifyVpcEndpoint', ctx, id)),
    ],
    DeleteVpcEndpoints: (input, ctx) =>
      input.VpcEndpointIds.map((id): Permission => onId('ec2:DeleteVpcEndpoints', ctx, id)),

    ReplaceRoute: (input, ctx) => [onId('ec2:ReplaceRoute', ctx, input.RouteTableId)],
  };

  /** An Elastic IP named by its allocation id, or by its public address (looked up). */
  async function allocationOf(
    input: { AllocationId?: string; PublicIp?: string },
    ctx: Parameters<OnId>[1],
  ): Promise<string | undefined> {
    if (input.AllocationId) return input.AllocationId;
    if (!input.PublicIp) return undefined;
    const addresses = await store
      .collection<AddressRecord>(COLLECTIONS.addresses)
      .list(scopeOf(ctx));
    return addresses.find(({ value }) => value.publicIp === input.PublicIp)?.value.allocationId;
  }
}
