import {
  CreateVpcCommand,
  DescribeAccountAttributesCommand,
  DescribeAddressesCommand,
  DescribeAvailabilityZonesCommand,
  type DescribeAvailabilityZonesCommandInput,
  DescribeDhcpOptionsCommand,
  DescribeInstancesCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNatGatewaysCommand,
  DescribePrefixListsCommand,
  DescribeRegionsCommand,
  DescribeVpcClassicLinkCommand,
  DescribeVpcClassicLinkDnsSupportCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
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

let nextAccount = 280000000000;
function freshAccount(region = 'us-east-1'): EC2Client {
  nextAccount += 1;
  return ec2Client(teiki, { accessKeyId: String(nextAccount), region });
}

describe('DescribeAccountAttributes', () => {
  it('says VPC is the only platform and names the region’s default VPC', async () => {
    const ec2 = freshAccount();
    const defaultVpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    const all = (await ec2.send(new DescribeAccountAttributesCommand({}))).AccountAttributes!;
    const byName = Object.fromEntries(
      all.map((a) => [a.AttributeName, a.AttributeValues!.map((v) => v.AttributeValue)]),
    );
    expect(byName).toEqual({
      'vpc-max-security-groups-per-interface': ['5'],
      'max-instances': ['20'],
      'supported-platforms': ['VPC'],
      'default-vpc': [defaultVpc],
      'max-elastic-ips': ['5'],
      'vpc-max-elastic-ips': ['5'],
    });
    const some = await ec2.send(
      new DescribeAccountAttributesCommand({ AttributeNames: ['supported-platforms'] }),
    );
    expect(some.AccountAttributes).toEqual([
      { AttributeName: 'supported-platforms', AttributeValues: [{ AttributeValue: 'VPC' }] },
    ]);
  });
});

describe('DescribeRegions', () => {
  it('lists the enabled regions with their endpoints, and all of them when asked', async () => {
    const ec2 = freshAccount();
    const enabled = (await ec2.send(new DescribeRegionsCommand({}))).Regions!;
    expect(enabled).toContainEqual({
      Endpoint: 'ec2.ap-northeast-1.amazonaws.com',
      RegionName: 'ap-northeast-1',
      OptInStatus: 'opt-in-not-required',
    });
    expect(enabled.map((r) => r.RegionName)).not.toContain('af-south-1');
    const all = (await ec2.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions!;
    expect(all).toContainEqual({
      Endpoint: 'ec2.af-south-1.amazonaws.com',
      RegionName: 'af-south-1',
      OptInStatus: 'not-opted-in',
    });
    expect(all.length).toBeGreaterThan(enabled.length);
  });

  it('counts the region a request is signed for as enabled', async () => {
    const ec2 = freshAccount('ap-east-1');
    const regions = (await ec2.send(new DescribeRegionsCommand({ RegionNames: ['ap-east-1'] })))
      .Regions!;
    expect(regions).toEqual([
      { Endpoint: 'ec2.ap-east-1.amazonaws.com', RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
    ]);
  });

  it('filters by name, and refuses an unknown region and an unknown filter', async () => {
    const ec2 = freshAccount();
    const found = await ec2.send(
      new DescribeRegionsCommand({ Filters: [{ Name: 'region-name', Values: ['eu-*'] }] }),
    );
    expect(found.Regions!.every((r) => r.RegionName!.startsWith('eu-'))).toBe(true);
    expect(found.Regions!.map((r) => r.RegionName)).toContain('eu-west-1');
    await expectEc2Error(
      ec2.send(new DescribeRegionsCommand({ RegionNames: ['mars-north-1'] })),
      'InvalidParameterValue',
      'Invalid region: mars-north-1',
    );
    await expectEc2Error(
      ec2.send(new DescribeRegionsCommand({ Filters: [{ Name: 'continent', Values: ['eu'] }] })),
      'InvalidParameterValue',
      "The filter 'continent' is invalid",
    );
  });
});

describe('DescribeAvailabilityZones', () => {
  it('lists the region’s zones with names, ids and groups', async () => {
    const ec2 = freshAccount('ap-northeast-1');
    const zones = (await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;
    expect(zones).toEqual(
      [
        ['ap-northeast-1a', 'apne1-az4'],
        ['ap-northeast-1c', 'apne1-az1'],
        ['ap-northeast-1d', 'apne1-az2'],
      ].map(([ZoneName, ZoneId]) => ({
        State: 'available',
        OptInStatus: 'opt-in-not-required',
        Messages: [],
        RegionName: 'ap-northeast-1',
        ZoneName,
        ZoneId,
        GroupName: 'ap-northeast-1',
        NetworkBorderGroup: 'ap-northeast-1',
        ZoneType: 'availability-zone',
      })),
    );
  });

  it('derives zones for a region without a known layout', async () => {
    const ec2 = freshAccount('me-central-1');
    const zones = (await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;
    expect(zones.map((z) => [z.ZoneName, z.ZoneId])).toEqual([
      ['me-central-1a', 'mec1-az1'],
      ['me-central-1b', 'mec1-az2'],
      ['me-central-1c', 'mec1-az3'],
    ]);
  });

  it('selects by name, id and filter, and refuses an unknown zone', async () => {
    const ec2 = freshAccount();
    const names = async (input: DescribeAvailabilityZonesCommandInput) =>
      (await ec2.send(new DescribeAvailabilityZonesCommand(input))).AvailabilityZones!.map(
        (z) => z.ZoneName,
      );
    expect(await names({ ZoneNames: ['us-east-1b'] })).toEqual(['us-east-1b']);
    expect(await names({ ZoneIds: ['use1-az6'] })).toEqual(['us-east-1a']);
    expect(
      await names({ Filters: [{ Name: 'zone-id', Values: ['use1-az1', 'use1-az2'] }] }),
    ).toEqual(['us-east-1b', 'us-east-1c']);
    expect(await names({ Filters: [{ Name: 'state', Values: ['available'] }] })).toHaveLength(6);
    await expectEc2Error(
      ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1z'] })),
      'InvalidParameterValue',
      'Invalid availability zone: [us-east-1z]',
    );
  });
});

describe('DescribeDhcpOptions', () => {
  it('filters by key and value, and names a missing set', async () => {
    const ec2 = freshAccount();
    const byKey = await ec2.send(
      new DescribeDhcpOptionsCommand({
        Filters: [{ Name: 'value', Values: ['AmazonProvidedDNS'] }],
      }),
    );
    expect(byKey.DhcpOptions).toHaveLength(1);
    const none = await ec2.send(
      new DescribeDhcpOptionsCommand({ Filters: [{ Name: 'key', Values: ['ntp-servers'] }] }),
    );
    expect(none.DhcpOptions).toEqual([]);
    await expectEc2Error(
      ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: ['dopt-00000000000000000'] })),
      'InvalidDhcpOptionID.NotFound',
      "The dhcpOption ID 'dopt-00000000000000000' does not exist",
    );
  });
});

describe('kinds of resources a new account has none of', () => {
  it('lists none, checks filter names, and names a requested one as missing', async () => {
    const ec2 = freshAccount();
    expect((await ec2.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
    expect(
      (
        await ec2.send(
          new DescribeInstancesCommand({
            Filters: [{ Name: 'instance-state-name', Values: ['running'] }],
          }),
        )
      ).Reservations,
    ).toEqual([]);
    await expectEc2Error(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
      'InvalidInstanceID.NotFound',
      "The instance ID 'i-0123456789abcdef0' does not exist",
    );
    await expectEc2Error(
      ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'flavour', Values: ['x'] }] })),
      'InvalidParameterValue',
      "The filter 'flavour' is invalid",
    );
    expect(
      (
        await ec2.send(
          new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: ['vpc-1'] }] }),
        )
      ).NatGateways,
    ).toEqual([]);
    await expectEc2Error(
      ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0123456789abcdef0'] })),
      'NatGatewayNotFound',
      'The Nat Gateway nat-0123456789abcdef0 was not found',
    );
    expect((await ec2.send(new DescribeAddressesCommand({}))).Addresses).toEqual([]);
    await expectEc2Error(
      ec2.send(new DescribeAddressesCommand({ PublicIps: ['203.0.113.5'] })),
      'InvalidAddress.NotFound',
      "Address '203.0.113.5' not found.",
    );
    expect((await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints).toEqual([]);
    await expectEc2Error(
      ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] })),
      'InvalidVpcEndpointId.NotFound',
      "The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist",
    );
    expect(
      (await ec2.send(new DescribePrefixListsCommand({}))).PrefixLists?.map(
        (p) => p.PrefixListName,
      ).sort(),
    ).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    expect((await ec2.send(new DescribeManagedPrefixListsCommand({}))).PrefixLists).toEqual([]);
    await expectEc2Error(
      ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: ['pl-63a5400a'] })),
      'InvalidPrefixListID.NotFound',
      "The prefix list ID 'pl-63a5400a' does not exist",
    );
  });

  it('shows ClassicLink disabled on every VPC that exists', async () => {
    const ec2 = freshAccount();
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const links = await ec2.send(new DescribeVpcClassicLinkCommand({ VpcIds: [vpc] }));
    expect(links.Vpcs).toEqual([{ VpcId: vpc, ClassicLinkEnabled: false }]);
    expect((await ec2.send(new DescribeVpcClassicLinkCommand({}))).Vpcs).toHaveLength(2);
    const dns = await ec2.send(new DescribeVpcClassicLinkDnsSupportCommand({ VpcIds: [vpc] }));
    expect(dns.Vpcs).toEqual([{ VpcId: vpc, ClassicLinkDnsSupported: false }]);
    await expectEc2Error(
      ec2.send(new DescribeVpcClassicLinkCommand({ VpcIds: ['vpc-00000000000000000'] })),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-00000000000000000' does not exist",
    );
  });
});
