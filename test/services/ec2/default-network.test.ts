import {
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAccountAttributesCommand,
  DescribeDhcpOptionsCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { ec2Client } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

let nextAccount = 220000000000;
function freshAccount(region = 'us-east-1'): EC2Client {
  nextAccount += 1;
  return ec2Client(teiki, { accessKeyId: String(nextAccount), region });
}

describe('the network a new account has', () => {
  it('is a default VPC 172.31.0.0/16 with one default /20 subnet per zone (us-east-1: a–f)', async () => {
    const ec2 = freshAccount();
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(vpcs).toHaveLength(1);
    const vpc = vpcs[0]!;
    expect(vpc).toMatchObject({
      CidrBlock: '172.31.0.0/16',
      IsDefault: true,
      State: 'available',
      InstanceTenancy: 'default',
      OwnerId: String(nextAccount),
    });
    const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
    const rows = subnets
      .map((s) => [s.AvailabilityZone, s.AvailabilityZoneId, s.CidrBlock] as const)
      .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(rows).toEqual([
      ['us-east-1a', 'use1-az6', '172.31.0.0/20'],
      ['us-east-1b', 'use1-az1', '172.31.16.0/20'],
      ['us-east-1c', 'use1-az2', '172.31.32.0/20'],
      ['us-east-1d', 'use1-az4', '172.31.48.0/20'],
      ['us-east-1e', 'use1-az3', '172.31.64.0/20'],
      ['us-east-1f', 'use1-az5', '172.31.80.0/20'],
    ]);
    for (const subnet of subnets) {
      expect(subnet).toMatchObject({
        VpcId: vpc.VpcId,
        DefaultForAz: true,
        MapPublicIpOnLaunch: true,
        State: 'available',
        AvailableIpAddressCount: 4091,
      });
    }
  });

  it('has an internet gateway attached and routed, a default group, ACL and DHCP options', async () => {
    const ec2 = freshAccount();
    const vpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!;
    const igws = (await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways!;
    expect(igws).toEqual([
      {
        Attachments: [{ State: 'available', VpcId: vpc.VpcId }],
        InternetGatewayId: expect.stringMatching(/^igw-[0-9a-f]{17}$/),
        OwnerId: String(nextAccount),
      },
    ]);
    const tables = (await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables!;
    expect(tables).toHaveLength(1);
    expect(tables[0]!.Routes).toEqual([
      {
        DestinationCidrBlock: '172.31.0.0/16',
        GatewayId: 'local',
        Origin: 'CreateRouteTable',
        State: 'active',
      },
      {
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: igws[0]!.InternetGatewayId,
        Origin: 'CreateRoute',
        State: 'active',
      },
    ]);
    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!;
    expect(groups.map((g) => [g.GroupName, g.VpcId])).toEqual([['default', vpc.VpcId]]);
    const acls = (await ec2.send(new DescribeNetworkAclsCommand({}))).NetworkAcls!;
    expect(acls).toHaveLength(1);
    expect(acls[0]!.Associations).toHaveLength(6);
    const dhcp = (await ec2.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions!;
    expect(dhcp).toEqual([
      {
        DhcpOptionsId: vpc.DhcpOptionsId,
        OwnerId: String(nextAccount),
        DhcpConfigurations: [
          { Key: 'domain-name', Values: [{ Value: 'ec2.internal' }] },
          { Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] },
        ],
      },
    ]);
  });

  it('follows the region: ap-northeast-1 has zones a, c and d and its own domain name', async () => {
    const ec2 = freshAccount('ap-northeast-1');
    const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
    expect(
      subnets.map((s) => [s.AvailabilityZone, s.AvailabilityZoneId, s.CidrBlock]).sort(),
    ).toEqual([
      ['ap-northeast-1a', 'apne1-az4', '172.31.0.0/20'],
      ['ap-northeast-1c', 'apne1-az1', '172.31.16.0/20'],
      ['ap-northeast-1d', 'apne1-az2', '172.31.32.0/20'],
    ]);
    const dhcp = (await ec2.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions![0]!;
    expect(dhcp.DhcpConfigurations![0]).toEqual({
      Key: 'domain-name',
      Values: [{ Value: 'ap-northeast-1.compute.internal' }],
    });
  });

  it('is the same whoever reads it first and however many read at once', async () => {
    const ec2 = freshAccount();
    const reads = await Promise.all([
      ec2.send(new DescribeVpcsCommand({})),
      ec2.send(new DescribeSubnetsCommand({})),
      ec2.send(new DescribeVpcsCommand({})),
      ec2.send(new DescribeSecurityGroupsCommand({})),
      ec2.send(new DescribeVpcsCommand({})),
    ]);
    const vpcIds = [reads[0], reads[2], reads[4]].map((r) =>
      (r as { Vpcs?: Array<{ VpcId?: string }> }).Vpcs!.map((v) => v.VpcId),
    );
    expect(vpcIds[0]).toHaveLength(1);
    expect(vpcIds[1]).toEqual(vpcIds[0]);
    expect(vpcIds[2]).toEqual(vpcIds[0]);
    expect((await ec2.send(new DescribeSubnetsCommand({}))).Subnets).toHaveLength(6);
  });

  it('differs between accounts and between regions, and stays the same across reads', async () => {
    const a = freshAccount();
    const b = freshAccount();
    const aWest = ec2Client(teiki, { accessKeyId: String(nextAccount - 1), region: 'us-west-2' });
    const id = async (ec2: EC2Client) =>
      (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    const first = await id(a);
    expect(await id(a)).toBe(first);
    expect(await id(b)).not.toBe(first);
    expect(await id(aWest)).not.toBe(first);
    expect((await aWest.send(new DescribeSubnetsCommand({}))).Subnets).toHaveLength(4);
  });

  it('can be taken apart; the region then has no default VPC and none comes back', async () => {
    const ec2 = freshAccount('eu-west-1');
    const defaultVpcAttribute = async () =>
      (await ec2.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] })))
        .AccountAttributes![0]!.AttributeValues![0]!.AttributeValue;
    const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
    expect(await defaultVpcAttribute()).toBe(vpcId);

    const igw = (await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways![0]!;
    await ec2.send(
      new DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }),
    );
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId }));
    for (const subnet of (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!) {
      await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
    }
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));

    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    expect(await defaultVpcAttribute()).toBe('none');
    expect((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups).toEqual([]);
    expect((await ec2.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions).toHaveLength(1);
  });
});
