/**
 * Elastic IPs and NAT gateways through the SDK, on a virtual clock: allocation and its
 * quota, a NAT gateway taking an address and an interface of its subnet, routes to it,
 * what it holds up while it lives, and its deletion (visible as `deleted` for an hour).
 */
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  DeleteNatGatewayCommand,
  DeleteSubnetCommand,
  DescribeAddressesAttributeCommand,
  DescribeAddressesCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DetachInternetGatewayCommand,
  DisassociateAddressCommand,
  type EC2Client,
  ReleaseAddressCommand,
  ReplaceRouteCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../../src/engine/clock/types.js';
import { startTestTeiki, type TestTeiki, virtualClockArgs } from '../../helpers/teiki.js';
import { expectEc2Error, freshVpc } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki(virtualClockArgs('2026-05-01T00:00:00Z'));
});
afterAll(() => teiki.close());

const PUBLIC_IP = /^198\.(18|19)\.\d{1,3}\.\d{1,3}$/;

async function allocate(ec2: EC2Client, name?: string) {
  return ec2.send(
    new AllocateAddressCommand({
      Domain: 'vpc',
      ...(name
        ? {
            TagSpecifications: [
              { ResourceType: 'elastic-ip', Tags: [{ Key: 'Name', Value: name }] },
            ],
          }
        : {}),
    }),
  );
}

/** A fresh VPC with an attached internet gateway, a public subnet and a private route table. */
async function publicNetwork() {
  const { ec2, vpcId, account } = await freshVpc(teiki);
  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
  await ec2.send(
    new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }),
  );
  const subnetId = (
    await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.101.0/24' }))
  ).Subnet!.SubnetId!;
  const tableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!
    .RouteTableId!;
  return { ec2, vpcId, account, subnetId, tableId, igwId: igw.InternetGatewayId! };
}

describe('Elastic IP addresses', () => {
  it('allocates VPC addresses from a range that is never routed, tagged, described', async () => {
    const { ec2 } = await freshVpc(teiki);
    const first = await allocate(ec2, 'nat-a');
    expect(first).toMatchObject({
      AllocationId: expect.stringMatching(/^eipalloc-[0-9a-f]{17}$/),
      Domain: 'vpc',
      NetworkBorderGroup: 'us-east-1',
      PublicIp: expect.stringMatching(PUBLIC_IP),
      PublicIpv4Pool: 'amazon',
    });
    const second = await allocate(ec2);
    expect(second.PublicIp).not.toBe(first.PublicIp);
    const described = await ec2.send(
      new DescribeAddressesCommand({ AllocationIds: [first.AllocationId!] }),
    );
    expect(described.Addresses).toEqual([
      {
        AllocationId: first.AllocationId,
        Domain: 'vpc',
        NetworkBorderGroup: 'us-east-1',
        PublicIp: first.PublicIp,
        PublicIpv4Pool: 'amazon',
        Tags: [{ Key: 'Name', Value: 'nat-a' }],
      },
    ]);
    const byIp = await ec2.send(
      new DescribeAddressesCommand({
        Filters: [{ Name: 'public-ip', Values: [second.PublicIp!] }],
      }),
    );
    expect(byIp.Addresses?.map((a) => a.AllocationId)).toEqual([second.AllocationId]);
    const attribute = await ec2.send(
      new DescribeAddressesAttributeCommand({
        AllocationIds: [first.AllocationId!],
        Attribute: 'domain-name',
      }),
    );
    expect(attribute.Addresses).toEqual([
      { AllocationId: first.AllocationId, PublicIp: first.PublicIp },
    ]);
    await ec2.send(new ReleaseAddressCommand({ AllocationId: first.AllocationId }));
    await expectEc2Error(
      ec2.send(new ReleaseAddressCommand({ AllocationId: first.AllocationId })),
      'InvalidAllocationID.NotFound',
      `The allocation ID '${first.AllocationId}' does not exist`,
    );
  });

  it('holds five addresses in a region and refuses a sixth', async () => {
    const { ec2 } = await freshVpc(teiki);
    for (let i = 0; i < 5; i++) await allocate(ec2);
    await expectEc2Error(
      allocate(ec2),
      'AddressLimitExceeded',
      'The maximum number of addresses has been reached.',
    );
    expect((await ec2.send(new DescribeAddressesCommand({}))).Addresses).toHaveLength(5);
  });

  it('answers association errors as EC2 does', async () => {
    const { ec2 } = await freshVpc(teiki);
    const address = await allocate(ec2);
    await expectEc2Error(
      ec2.send(
        new AssociateAddressCommand({
          AllocationId: address.AllocationId,
          InstanceId: 'i-0123456789abcdef0',
        }),
      ),
      'InvalidInstanceID.NotFound',
      "The instance ID 'i-0123456789abcdef0' does not exist",
    );
    await expectEc2Error(
      ec2.send(new DisassociateAddressCommand({ AssociationId: 'eipassoc-0123456789abcdef0' })),
      'InvalidAssociationID.NotFound',
      "The association ID 'eipassoc-0123456789abcdef0' does not exist",
    );
  });
});

describe('NAT gateways', () => {
  it('takes the address and an interface of its subnet, answering pending, then available', async () => {
    const { ec2, vpcId, subnetId } = await publicNetwork();
    const address = await allocate(ec2);
    const created = await ec2.send(
      new CreateNatGatewayCommand({
        AllocationId: address.AllocationId,
        SubnetId: subnetId,
        TagSpecifications: [{ ResourceType: 'natgateway', Tags: [{ Key: 'Name', Value: 'nat' }] }],
      }),
    );
    const nat = created.NatGateway!;
    expect(nat).toMatchObject({
      NatGatewayId: expect.stringMatching(/^nat-[0-9a-f]{17}$/),
      State: 'pending',
      SubnetId: subnetId,
      VpcId: vpcId,
      ConnectivityType: 'public',
      Tags: [{ Key: 'Name', Value: 'nat' }],
    });
    const [gatewayAddress] = nat.NatGatewayAddresses!;
    expect(gatewayAddress).toMatchObject({
      AllocationId: address.AllocationId,
      PublicIp: address.PublicIp,
      PrivateIp: expect.stringMatching(/^10\.0\.101\.\d+$/),
      NetworkInterfaceId: expect.stringMatching(/^eni-/),
      AssociationId: expect.stringMatching(/^eipassoc-/),
      IsPrimary: true,
      Status: 'succeeded',
    });
    const described = await ec2.send(
      new DescribeNatGatewaysCommand({ NatGatewayIds: [nat.NatGatewayId!] }),
    );
    expect(described.NatGateways?.[0]?.State).toBe('available');

    const eni = (
      await ec2.send(
        new DescribeNetworkInterfacesCommand({
          NetworkInterfaceIds: [gatewayAddress!.NetworkInterfaceId!],
        }),
      )
    ).NetworkInterfaces![0]!;
    expect(eni).toMatchObject({
      InterfaceType: 'nat_gateway',
      Description: `Interface for NAT Gateway ${nat.NatGatewayId}`,
      RequesterManaged: true,
      Status: 'in-use',
      PrivateIpAddress: gatewayAddress!.PrivateIp,
      Groups: [],
    });
    const eip = (
      await ec2.send(new DescribeAddressesCommand({ AllocationIds: [address.AllocationId!] }))
    ).Addresses![0]!;
    expect(eip).toMatchObject({
      AssociationId: gatewayAddress!.AssociationId,
      NetworkInterfaceId: eni.NetworkInterfaceId,
      PrivateIpAddress: eni.PrivateIpAddress,
    });
    const subnet = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] })))
      .Subnets![0]!;
    expect(subnet.AvailableIpAddressCount).toBe(250);
  });

  it('refuses an address already taken, a missing one, and a public gateway without one', async () => {
    const { ec2, subnetId } = await publicNetwork();
    const address = await allocate(ec2);
    await ec2.send(
      new CreateNatGatewayCommand({ AllocationId: address.AllocationId, SubnetId: subnetId }),
    );
    await expectEc2Error(
      ec2.send(
        new CreateNatGatewayCommand({ AllocationId: address.AllocationId, SubnetId: subnetId }),
      ),
      'Resource.AlreadyAssociated',
      `Elastic IP address [${address.AllocationId}] is already associated`,
    );
    await expectEc2Error(
      ec2.send(
        new CreateNatGatewayCommand({
          AllocationId: 'eipalloc-0123456789abcdef0',
          SubnetId: subnetId,
        }),
      ),
      'InvalidAllocationID.NotFound',
      "The allocation ID 'eipalloc-0123456789abcdef0' does not exist",
    );
    await expectEc2Error(
      ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId })),
      'MissingParameter',
      'The request must contain the parameter AllocationId',
    );
  });

  it('is routed to, holds up its address, subnet and gateway, then is deleted and forgotten', async () => {
    const { ec2, vpcId, subnetId, tableId, igwId } = await publicNetwork();
    const address = await allocate(ec2);
    const natId = (
      await ec2.send(
        new CreateNatGatewayCommand({ AllocationId: address.AllocationId, SubnetId: subnetId }),
      )
    ).NatGateway!.NatGatewayId!;
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: tableId,
        DestinationCidrBlock: '0.0.0.0/0',
        NatGatewayId: natId,
      }),
    );
    const routeOf = async () =>
      (
        await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }))
      ).RouteTables![0]!.Routes!.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
    expect(await routeOf()).toMatchObject({ NatGatewayId: natId, State: 'active' });

    await expectEc2Error(
      ec2.send(new ReleaseAddressCommand({ AllocationId: address.AllocationId })),
      'InvalidIPAddress.InUse',
      `Address ${address.PublicIp} is in use.`,
    );
    const association = (
      await ec2.send(new DescribeAddressesCommand({ AllocationIds: [address.AllocationId!] }))
    ).Addresses![0]!.AssociationId;
    await expectEc2Error(
      ec2.send(new DisassociateAddressCommand({ AssociationId: association })),
      'InvalidIPAddress.InUse',
      `Address ${address.PublicIp} is in use by NAT gateway ${natId}.`,
    );
    await expectEc2Error(
      ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })),
      'DependencyViolation',
      `The subnet '${subnetId}' has dependencies and cannot be deleted.`,
    );
    await expectEc2Error(
      ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
      'DependencyViolation',
      `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    );

    expect(await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: natId }))).toMatchObject({
      NatGatewayId: natId,
    });
    const deleted = (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [natId] })))
      .NatGateways![0]!;
    expect(deleted).toMatchObject({ State: 'deleted', DeleteTime: teiki.clock.now() });
    expect(await routeOf()).toMatchObject({ NatGatewayId: natId, State: 'blackhole' });
    expect(
      (await ec2.send(new DescribeAddressesCommand({ AllocationIds: [address.AllocationId!] })))
        .Addresses![0]!.AssociationId,
    ).toBeUndefined();
    await expectEc2Error(
      ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: natId })),
      'NatGatewayNotFound',
      `The Nat Gateway ${natId} was not found`,
    );
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));

    await (teiki.clock as VirtualClock).advance(60 * 60 * 1000);
    await expectEc2Error(
      ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [natId] })),
      'NatGatewayNotFound',
      `The Nat Gateway ${natId} was not found`,
    );
    await ec2.send(new ReleaseAddressCommand({ AllocationId: address.AllocationId }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
  });

  it('replaces a route’s target with ReplaceRoute', async () => {
    const { ec2, subnetId, tableId, igwId } = await publicNetwork();
    const address = await allocate(ec2);
    const natId = (
      await ec2.send(
        new CreateNatGatewayCommand({ AllocationId: address.AllocationId, SubnetId: subnetId }),
      )
    ).NatGateway!.NatGatewayId!;
    await expectEc2Error(
      ec2.send(
        new ReplaceRouteCommand({
          RouteTableId: tableId,
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: natId,
        }),
      ),
      'InvalidParameterValue',
      "There is no route defined for '0.0.0.0/0' in the route table. Use CreateRoute instead.",
    );
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: tableId,
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: igwId,
      }),
    );
    await ec2.send(
      new ReplaceRouteCommand({
        RouteTableId: tableId,
        DestinationCidrBlock: '0.0.0.0/0',
        NatGatewayId: natId,
      }),
    );
    const route = (
      await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }))
    ).RouteTables![0]!.Routes!.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
    expect(route).toEqual({
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: natId,
      Origin: 'CreateRoute',
      State: 'active',
    });
  });
});
