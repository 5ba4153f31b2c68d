import {
  AssociateRouteTableCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  ModifySubnetAttributeCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { ec2Client, expectEc2Error } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

let nextAccount = 230000000000;
function freshAccount(region = 'us-east-1'): EC2Client {
  nextAccount += 1;
  return ec2Client(teiki, { accessKeyId: String(nextAccount), region });
}

async function newVpc(ec2: EC2Client, cidr = '10.0.0.0/16'): Promise<string> {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
}

describe('CreateSubnet', () => {
  it('creates a subnet in the zone asked for, with AWS’s defaults and tags', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const out = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.0.1.0/24',
        AvailabilityZone: 'us-east-1c',
        TagSpecifications: [
          { ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'private-1' }] },
        ],
      }),
    );
    const subnet = out.Subnet!;
    expect(subnet.SubnetId).toMatch(/^subnet-[0-9a-f]{17}$/);
    expect(subnet).toEqual({
      AvailabilityZone: 'us-east-1c',
      AvailabilityZoneId: 'use1-az2',
      AvailableIpAddressCount: 251,
      CidrBlock: '10.0.1.0/24',
      DefaultForAz: false,
      MapPublicIpOnLaunch: false,
      MapCustomerOwnedIpOnLaunch: false,
      State: 'available',
      SubnetId: subnet.SubnetId,
      VpcId: vpcId,
      OwnerId: String(nextAccount),
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      SubnetArn: `arn:aws:ec2:us-east-1:${nextAccount}:subnet/${subnet.SubnetId}`,
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: {
        HostnameType: 'ip-name',
        EnableResourceNameDnsARecord: false,
        EnableResourceNameDnsAAAARecord: false,
      },
      BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
      Tags: [{ Key: 'Name', Value: 'private-1' }],
    });
    const described = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!] }));
    expect(described.Subnets).toEqual([subnet]);
  });

  it('takes a zone by id, and spreads subnets across zones when none is named', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const byId = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.0.0.0/24',
        AvailabilityZoneId: 'use1-az4',
      }),
    );
    expect(byId.Subnet?.AvailabilityZone).toBe('us-east-1d');
    const zones = [];
    for (let i = 1; i <= 3; i++) {
      const out = await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.0.${i}.0/24` }),
      );
      zones.push(out.Subnet!.AvailabilityZone);
    }
    expect(new Set(zones).size).toBe(3);
    expect(zones).not.toContain('us-east-1d');
  });

  it('associates the subnet with the VPC’s default network ACL', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const subnetId = (
      await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.5.0/24' }))
    ).Subnet!.SubnetId!;
    const acls = await ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }],
      }),
    );
    expect(acls.NetworkAcls).toHaveLength(1);
    expect(acls.NetworkAcls![0]).toMatchObject({ IsDefault: true, VpcId: vpcId });
    expect(acls.NetworkAcls![0]!.Associations).toEqual([
      {
        NetworkAclAssociationId: expect.stringMatching(/^aclassoc-[0-9a-f]{17}$/),
        NetworkAclId: acls.NetworkAcls![0]!.NetworkAclId,
        SubnetId: subnetId,
      },
    ]);
  });

  it.each([
    ['10.1.0.0/24', 'InvalidSubnet.Range', "The CIDR '10.1.0.0/24' is invalid."],
    ['10.0.0.0/29', 'InvalidSubnet.Range', "The CIDR '10.0.0.0/29' is invalid."],
    ['10.0.0.0/15', 'InvalidSubnet.Range', "The CIDR '10.0.0.0/15' is invalid."],
    [
      '10.0.0.0/23',
      'InvalidSubnet.Conflict',
      "The CIDR '10.0.0.0/23' conflicts with another subnet",
    ],
    [
      '10.0.1.128/25',
      'InvalidSubnet.Conflict',
      "The CIDR '10.0.1.128/25' conflicts with another subnet",
    ],
    [
      '10.0.2.1/24',
      'InvalidParameterValue',
      'Value (10.0.2.1/24) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
    ],
    [
      '10.0.2.0',
      'InvalidParameterValue',
      'Value (10.0.2.0) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
    ],
  ])('refuses CidrBlock %s', async (cidr, code, message) => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }));
    await expectEc2Error(
      ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr })),
      code,
      message,
    );
    const subnets = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    expect(subnets.Subnets).toHaveLength(1);
  });

  it('refuses an unknown VPC, an unknown zone and a missing CIDR', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    await expectEc2Error(
      ec2.send(
        new CreateSubnetCommand({ VpcId: 'vpc-00000000000000001', CidrBlock: '10.0.1.0/24' }),
      ),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-00000000000000001' does not exist",
    );
    await expectEc2Error(
      ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: '10.0.1.0/24',
          AvailabilityZone: 'us-east-1z',
        }),
      ),
      'InvalidParameterValue',
      'Value (us-east-1z) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.',
    );
    await expectEc2Error(
      ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: '10.0.1.0/24',
          AvailabilityZone: 'eu-west-1a',
        }),
      ),
      'InvalidParameterValue',
      /^Value \(eu-west-1a\) for parameter availabilityZone is invalid\./,
    );
    await expectEc2Error(
      ec2.send(new CreateSubnetCommand({ VpcId: vpcId })),
      'MissingParameter',
      'The request must contain the parameter cidrBlock',
    );
  });
});

describe('DescribeSubnets', () => {
  let ec2: EC2Client;
  let vpcId: string;
  let a: string;
  let b: string;
  beforeAll(async () => {
    ec2 = freshAccount();
    vpcId = await newVpc(ec2);
    a = (
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: '10.0.1.0/24',
          AvailabilityZone: 'us-east-1a',
          TagSpecifications: [
            { ResourceType: 'subnet', Tags: [{ Key: 'tier', Value: 'private' }] },
          ],
        }),
      )
    ).Subnet!.SubnetId!;
    b = (
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: '10.0.2.0/28',
          AvailabilityZone: 'us-east-1b',
        }),
      )
    ).Subnet!.SubnetId!;
  });

  const ids = async (Filters: Array<{ Name: string; Values: string[] }>) =>
    ((await ec2.send(new DescribeSubnetsCommand({ Filters }))).Subnets ?? [])
      .map((s) => s.SubnetId)
      .sort();

  it.each([
    ['vpc-id', () => [vpcId], () => [a, b]],
    ['subnet-id', () => [a], () => [a]],
    ['availability-zone', () => ['us-east-1b'], () => [b]],
    ['availability-zone-id', () => ['use1-az6'], () => [a]],
    ['cidr-block', () => ['10.0.2.0/28'], () => [b]],
    ['tag:tier', () => ['private'], () => [a]],
    ['tag-key', () => ['tier'], () => [a]],
    ['available-ip-address-count', () => ['11'], () => [b]],
  ])('filters by %s', async (name, values, expected) => {
    const found = await ids([
      { Name: name, Values: values() },
      { Name: 'vpc-id', Values: [vpcId] },
    ]);
    expect(found).toEqual(expected().sort());
  });

  it('tells default subnets from others, and every subnet’s state', async () => {
    const defaults = await ids([{ Name: 'default-for-az', Values: ['true'] }]);
    expect(defaults).toHaveLength(6);
    expect(defaults).not.toContain(a);
    expect(await ids([{ Name: 'default-for-az', Values: ['false'] }])).toEqual([a, b].sort());
    expect(await ids([{ Name: 'state', Values: ['available'] }])).toHaveLength(8);
  });

  it('counts a /28 as 11 usable addresses', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [b] }));
    expect(out.Subnets![0]!.AvailableIpAddressCount).toBe(11);
  });

  it('names a missing subnet, refuses an unknown filter, and pages', async () => {
    await expectEc2Error(
      ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-00000000000000000'] })),
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-00000000000000000' does not exist",
    );
    await expectEc2Error(
      ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'zone', Values: ['x'] }] })),
      'InvalidParameterValue',
      "The filter 'zone' is invalid",
    );
    const first = await ec2.send(new DescribeSubnetsCommand({ MaxResults: 5 }));
    const second = await ec2.send(
      new DescribeSubnetsCommand({ MaxResults: 5, NextToken: first.NextToken }),
    );
    expect(first.Subnets).toHaveLength(5);
    expect(second.Subnets).toHaveLength(3);
    expect(second.NextToken).toBeUndefined();
  });
});

describe('ModifySubnetAttribute', () => {
  it('sets MapPublicIpOnLaunch and the private DNS name options', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const subnetId = (
      await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))
    ).Subnet!.SubnetId!;
    await ec2.send(
      new ModifySubnetAttributeCommand({
        SubnetId: subnetId,
        MapPublicIpOnLaunch: { Value: true },
      }),
    );
    await ec2.send(
      new ModifySubnetAttributeCommand({
        SubnetId: subnetId,
        PrivateDnsHostnameTypeOnLaunch: 'resource-name',
      }),
    );
    await ec2.send(
      new ModifySubnetAttributeCommand({
        SubnetId: subnetId,
        EnableResourceNameDnsARecordOnLaunch: { Value: true },
      }),
    );
    const subnet = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] })))
      .Subnets![0]!;
    expect(subnet.MapPublicIpOnLaunch).toBe(true);
    expect(subnet.PrivateDnsNameOptionsOnLaunch).toEqual({
      HostnameType: 'resource-name',
      EnableResourceNameDnsARecord: true,
      EnableResourceNameDnsAAAARecord: false,
    });
    const mapped = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'map-public-ip-on-launch', Values: ['true'] }],
      }),
    );
    expect(mapped.Subnets!.map((s) => s.SubnetId)).toContain(subnetId);
  });

  it('refuses IPv6 assignment on a subnet without IPv6, and an unknown subnet', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const subnetId = (
      await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))
    ).Subnet!.SubnetId!;
    await expectEc2Error(
      ec2.send(
        new ModifySubnetAttributeCommand({
          SubnetId: subnetId,
          AssignIpv6AddressOnCreation: { Value: true },
        }),
      ),
      'InvalidParameterValue',
      `Invalid value 'true' for assignIpv6AddressOnCreation. Cannot set assignIpv6AddressOnCreation to true unless the subnet (${subnetId}) has an IPv6 CIDR block associated with it.`,
    );
    await expectEc2Error(
      ec2.send(
        new ModifySubnetAttributeCommand({
          SubnetId: 'subnet-0000000000000000a',
          MapPublicIpOnLaunch: { Value: true },
        }),
      ),
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-0000000000000000a' does not exist",
    );
  });
});

describe('DeleteSubnet', () => {
  it('deletes the subnet and its ACL and route table associations', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const subnetId = (
      await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))
    ).Subnet!.SubnetId!;
    const rtb = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!
      .RouteTableId!;
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: subnetId }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
    await expectEc2Error(
      ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] })),
      'InvalidSubnetID.NotFound',
      `The subnet ID '${subnetId}' does not exist`,
    );
    const acls = await ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }],
      }),
    );
    expect(acls.NetworkAcls).toEqual([]);
    const tables = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }));
    expect(tables.RouteTables![0]!.Associations).toEqual([]);
    await expectEc2Error(
      ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })),
      'InvalidSubnetID.NotFound',
      `The subnet ID '${subnetId}' does not exist`,
    );
  });
});
