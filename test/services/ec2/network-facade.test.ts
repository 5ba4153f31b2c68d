import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNetworkFacade,
  NetworkFacadeError,
  type NetworkFacade,
} from '../../../src/services/ec2/network.js';
import type { Scope } from '../../../src/store/types.js';
import { startTestTeiki, tempDir, type TestTeiki } from '../../helpers/teiki.js';
import { ec2Client, expectEc2Error } from './helpers.js';

let nextAccount = 290000000000;

interface Fixture {
  ec2: EC2Client;
  scope: Scope;
  vpcId: string;
  subnetId: string;
  defaultGroupId: string;
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkFacadeError);
    return (error as NetworkFacadeError).reason;
  }
  throw new Error('expected the call to fail');
}

describe.each([
  ['memory store', ['--in-memory']],
  ['SQLite store', ['--data-dir', tempDir('teiki-ec2-sqlite-')]],
])('the network facade (%s)', (_store, args) => {
  let teiki: TestTeiki;
  let network: NetworkFacade;
  beforeAll(async () => {
    teiki = await startTestTeiki(args);
    network = createNetworkFacade({ store: teiki.store, clock: teiki.clock });
  });
  afterAll(() => teiki.close());

  async function fixture(subnetCidr = '10.0.1.0/28'): Promise<Fixture> {
    nextAccount += 1;
    const ec2 = ec2Client(teiki, { accessKeyId: String(nextAccount) });
    const scope = { accountId: String(nextAccount), region: 'us-east-1' };
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const subnetId = (
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: subnetCidr,
          AvailabilityZone: 'us-east-1a',
        }),
      )
    ).Subnet!.SubnetId!;
    const defaultGroupId = (await network.defaultSecurityGroupId(scope, vpcId))!;
    return { ec2, scope, vpcId, subnetId, defaultGroupId };
  }

  const available = async (f: Fixture) =>
    (await f.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [f.subnetId] }))).Subnets![0]!
      .AvailableIpAddressCount;

  it('describes subnets and groups, and finds a VPC’s default group', async () => {
    const f = await fixture();
    expect(await network.describeSubnet(f.scope, f.subnetId)).toEqual({
      subnetId: f.subnetId,
      vpcId: f.vpcId,
      cidrBlock: '10.0.1.0/28',
      availabilityZone: 'us-east-1a',
      availabilityZoneId: 'use1-az6',
      mapPublicIpOnLaunch: false,
      availableIpAddressCount: 11,
    });
    expect(await network.describeSubnet(f.scope, 'subnet-00000000000000000')).toBeUndefined();
    expect(f.defaultGroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(await network.describeSecurityGroup(f.scope, f.defaultGroupId)).toEqual({
      groupId: f.defaultGroupId,
      groupName: 'default',
      vpcId: f.vpcId,
    });
    expect(await network.defaultSecurityGroupId(f.scope, 'vpc-00000000000000000')).toBeUndefined();
  });

  it('gives a task an interface with a private address, shown by DescribeNetworkInterfaces', async () => {
    const f = await fixture();
    const eni = await network.createTaskNetworkInterface(f.scope, {
      subnetId: f.subnetId,
      description: 'arn:aws:ecs:us-east-1:000000000000:attachment/1f0c',
      requesterId: '578734482556',
      requesterManaged: true,
      attachTo: { instanceOwnerId: 'amazon-aws' },
    });
    expect(eni).toEqual({
      networkInterfaceId: expect.stringMatching(/^eni-[0-9a-f]{17}$/),
      attachmentId: expect.stringMatching(/^eni-attach-[0-9a-f]{17}$/),
      privateIpv4Address: '10.0.1.4',
      privateDnsName: 'ip-10-0-1-4.ec2.internal',
      macAddress: expect.stringMatching(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/),
      subnetId: f.subnetId,
      vpcId: f.vpcId,
      availabilityZone: 'us-east-1a',
      securityGroupIds: [f.defaultGroupId],
    });
    const described = (
      await f.ec2.send(
        new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni.networkInterfaceId] }),
      )
    ).NetworkInterfaces!;
    expect(described).toEqual([
      {
        Attachment: {
          AttachTime: expect.any(Date),
          AttachmentId: eni.attachmentId,
          DeleteOnTermination: false,
          DeviceIndex: 1,
          NetworkCardIndex: 0,
          InstanceOwnerId: 'amazon-aws',
          Status: 'attached',
        },
        AvailabilityZone: 'us-east-1a',
        AvailabilityZoneId: 'use1-az6',
        Description: 'arn:aws:ecs:us-east-1:000000000000:attachment/1f0c',
        Groups: [{ GroupId: f.defaultGroupId, GroupName: 'default' }],
        InterfaceType: 'interface',
        Ipv6Addresses: [],
        MacAddress: eni.macAddress,
        NetworkInterfaceId: eni.networkInterfaceId,
        OwnerId: f.scope.accountId,
        PrivateDnsName: 'ip-10-0-1-4.ec2.internal',
        PrivateIpAddress: '10.0.1.4',
        PrivateIpAddresses: [
          {
            Primary: true,
            PrivateDnsName: 'ip-10-0-1-4.ec2.internal',
            PrivateIpAddress: '10.0.1.4',
          },
        ],
        RequesterId: '578734482556',
        RequesterManaged: true,
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: f.subnetId,
        TagSet: [],
        VpcId: f.vpcId,
      },
    ]);
    expect(await available(f)).toBe(10);
  });

  it('filters interfaces by subnet, VPC, group, description, status and address', async () => {
    const f = await fixture();
    const group = (
      await f.ec2.send(
        new CreateSecurityGroupCommand({ VpcId: f.vpcId, GroupName: 'task', Description: 'task' }),
      )
    ).GroupId!;
    const a = await network.createTaskNetworkInterface(f.scope, {
      subnetId: f.subnetId,
      securityGroupIds: [group],
      description: 'task a',
    });
    const b = await network.createTaskNetworkInterface(f.scope, {
      subnetId: f.subnetId,
      description: 'task b',
    });
    const ids = async (Name: string, Values: string[]) =>
      (
        (await f.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name, Values }] })))
          .NetworkInterfaces ?? []
      )
        .map((e) => e.NetworkInterfaceId)
        .sort();
    const both = [a.networkInterfaceId, b.networkInterfaceId].sort();
    expect(await ids('subnet-id', [f.subnetId])).toEqual(both);
    expect(await ids('vpc-id', [f.vpcId])).toEqual(both);
    expect(await ids('group-id', [group])).toEqual([a.networkInterfaceId]);
    expect(await ids('group-name', ['default'])).toEqual([b.networkInterfaceId]);
    expect(await ids('description', ['task *'])).toEqual(both);
    expect(await ids('status', ['available'])).toEqual(both);
    expect(await ids('status', ['in-use'])).toEqual([]);
    expect(await ids('private-ip-address', [b.privateIpv4Address])).toEqual([b.networkInterfaceId]);
    expect(await ids('network-interface-id', [a.networkInterfaceId])).toEqual([
      a.networkInterfaceId,
    ]);
    await expectEc2Error(
      f.ec2.send(
        new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-00000000000000000'] }),
      ),
      'InvalidNetworkInterfaceID.NotFound',
      "The networkInterface ID 'eni-00000000000000000' does not exist",
    );
  });

  it('runs out after the 11 usable addresses of a /28, and reuses a freed one', async () => {
    const f = await fixture();
    const addresses = [];
    for (let i = 0; i < 11; i++) {
      addresses.push(
        (await network.createTaskNetworkInterface(f.scope, { subnetId: f.subnetId }))
          .privateIpv4Address,
      );
    }
    expect(addresses).toEqual(Array.from({ length: 11 }, (_, i) => `10.0.1.${i + 4}`));
    expect(await available(f)).toBe(0);
    expect(
      await reason(network.createTaskNetworkInterface(f.scope, { subnetId: f.subnetId })),
    ).toBe('InsufficientFreeAddresses');

    const sixth = (
      await f.ec2.send(
        new DescribeNetworkInterfacesCommand({
          Filters: [{ Name: 'private-ip-address', Values: ['10.0.1.9'] }],
        }),
      )
    ).NetworkInterfaces![0]!.NetworkInterfaceId!;
    expect(await network.deleteNetworkInterface(f.scope, sixth)).toBe(true);
    expect(await network.deleteNetworkInterface(f.scope, sixth)).toBe(false);
    expect(await available(f)).toBe(1);
    const again = await network.createTaskNetworkInterface(f.scope, { subnetId: f.subnetId });
    expect(again.privateIpv4Address).toBe('10.0.1.9');
    expect(again.networkInterfaceId).not.toBe(sixth);
  });

  it('never hands out one address twice to parallel requests', async () => {
    const f = await fixture();
    const results = await Promise.allSettled(
      Array.from({ length: 14 }, () =>
        network.createTaskNetworkInterface(f.scope, { subnetId: f.subnetId }),
      ),
    );
    const granted = results.flatMap((r) =>
      r.status === 'fulfilled' ? [r.value.privateIpv4Address] : [],
    );
    const refused = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as NetworkFacadeError] : [],
    );
    expect(granted).toHaveLength(11);
    expect(new Set(granted).size).toBe(11);
    expect(refused.map((e) => e.reason)).toEqual([
      'InsufficientFreeAddresses',
      'InsufficientFreeAddresses',
      'InsufficientFreeAddresses',
    ]);
    const listed = await f.ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'subnet-id', Values: [f.subnetId] }],
      }),
    );
    expect(listed.NetworkInterfaces).toHaveLength(11);
  });

  it('refuses an unknown subnet, an unknown group, and a group of another VPC', async () => {
    const f = await fixture();
    expect(
      await reason(
        network.createTaskNetworkInterface(f.scope, { subnetId: 'subnet-00000000000000000' }),
      ),
    ).toBe('SubnetNotFound');
    expect(
      await reason(
        network.createTaskNetworkInterface(f.scope, {
          subnetId: f.subnetId,
          securityGroupIds: ['sg-00000000000000000'],
        }),
      ),
    ).toBe('SecurityGroupNotFound');
    const otherVpc = (await f.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!
      .VpcId!;
    const foreign = (await network.defaultSecurityGroupId(f.scope, otherVpc))!;
    expect(
      await reason(
        network.createTaskNetworkInterface(f.scope, {
          subnetId: f.subnetId,
          securityGroupIds: [foreign],
        }),
      ),
    ).toBe('SecurityGroupInOtherVpc');
    expect(await available(f)).toBe(11);
  });

  it('keeps the subnet and its groups while an interface uses them', async () => {
    const f = await fixture();
    const group = (
      await f.ec2.send(
        new CreateSecurityGroupCommand({ VpcId: f.vpcId, GroupName: 'task', Description: 'task' }),
      )
    ).GroupId!;
    const eni = await network.createTaskNetworkInterface(f.scope, {
      subnetId: f.subnetId,
      securityGroupIds: [group],
    });
    await expectEc2Error(
      f.ec2.send(new DeleteSubnetCommand({ SubnetId: f.subnetId })),
      'DependencyViolation',
      `The subnet '${f.subnetId}' has dependencies and cannot be deleted.`,
    );
    await expectEc2Error(
      f.ec2.send(new DeleteSecurityGroupCommand({ GroupId: group })),
      'DependencyViolation',
      `resource ${group} has a dependent object`,
    );
    await network.deleteNetworkInterface(f.scope, eni.networkInterfaceId);
    await f.ec2.send(new DeleteSecurityGroupCommand({ GroupId: group }));
    await f.ec2.send(new DeleteSubnetCommand({ SubnetId: f.subnetId }));
  });

  it('works in an account EC2 has not been asked about yet, on its default subnets', async () => {
    nextAccount += 1;
    const scope = { accountId: String(nextAccount), region: 'eu-west-1' };
    const ec2 = ec2Client(teiki, { accessKeyId: scope.accountId, region: scope.region });
    expect(await teiki.store.collection('ec2.vpcs').count(scope)).toBe(0);
    expect(await network.describeSubnet(scope, 'subnet-00000000000000000')).toBeUndefined();
    expect(await teiki.store.collection('ec2.vpcs').count(scope)).toBe(1);
    const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
    const first = subnets.find((s) => s.AvailabilityZone === 'eu-west-1a')!;
    const eni = await network.createTaskNetworkInterface(scope, { subnetId: first.SubnetId! });
    expect(eni.privateIpv4Address).toBe('172.31.0.4');
    expect(eni.privateDnsName).toBe('ip-172-31-0-4.eu-west-1.compute.internal');
  });
});
