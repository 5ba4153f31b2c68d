import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteVpcCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
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

/** A client for an account of its own, so each test sees only its own VPCs. */
let nextAccount = 211000000000;
function freshAccount(region = 'us-east-1'): EC2Client {
  nextAccount += 1;
  return ec2Client(teiki, { accessKeyId: String(nextAccount), region });
}

async function createVpc(ec2: EC2Client, cidr = '10.0.0.0/16', name?: string) {
  const out = await ec2.send(
    new CreateVpcCommand({
      CidrBlock: cidr,
      ...(name
        ? { TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] }
        : {}),
    }),
  );
  return out.Vpc!;
}

describe('DeleteVpc', () => {
  it('deletes a VPC with its default security group, main route table and default ACL', async () => {
    const ec2 = freshAccount();
    const vpc = await createVpc(ec2);
    await ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId }));
    await expectEc2Error(
      ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] })),
      'InvalidVpcID.NotFound',
      `The vpc ID '${vpc.VpcId}' does not exist`,
    );
    const vpcFilter = [{ Name: 'vpc-id', Values: [vpc.VpcId!] }];
    expect(
      (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: vpcFilter }))).SecurityGroups,
    ).toEqual([]);
    expect(
      (await ec2.send(new DescribeRouteTablesCommand({ Filters: vpcFilter }))).RouteTables,
    ).toEqual([]);
    expect(
      (await ec2.send(new DescribeNetworkAclsCommand({ Filters: vpcFilter }))).NetworkAcls,
    ).toEqual([]);
    await expectEc2Error(
      ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })),
      'InvalidVpcID.NotFound',
      `The vpc ID '${vpc.VpcId}' does not exist`,
    );
  });

  it.each([
    [
      'a subnet',
      async (ec2: EC2Client, vpcId: string) => {
        await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }));
      },
    ],
    [
      'a security group of its own',
      async (ec2: EC2Client, vpcId: string) => {
        await ec2.send(
          new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'app', Description: 'app' }),
        );
      },
    ],
    [
      'an attached internet gateway',
      async (ec2: EC2Client, vpcId: string) => {
        const igw = await ec2.send(new CreateInternetGatewayCommand({}));
        await ec2.send(
          new AttachInternetGatewayCommand({
            VpcId: vpcId,
            InternetGatewayId: igw.InternetGateway!.InternetGatewayId,
          }),
        );
      },
    ],
  ])('refuses while the VPC has %s', async (_what, addDependency) => {
    const ec2 = freshAccount();
    const vpc = await createVpc(ec2);
    await addDependency(ec2, vpc.VpcId!);
    await expectEc2Error(
      ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })),
      'DependencyViolation',
      `The vpc '${vpc.VpcId}' has dependencies and cannot be deleted.`,
    );
    expect((await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }))).Vpcs).toHaveLength(
      1,
    );
  });
});

describe('VPC attributes', () => {
  it('defaults DNS support on and DNS hostnames off (on in the default VPC), and modifies each', async () => {
    const ec2 = freshAccount();
    const vpc = await createVpc(ec2);
    const read = async (
      VpcId: string,
      Attribute: 'enableDnsSupport' | 'enableDnsHostnames' | 'enableNetworkAddressUsageMetrics',
    ) => ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute }));
    expect(await read(vpc.VpcId!, 'enableDnsSupport')).toMatchObject({
      VpcId: vpc.VpcId,
      EnableDnsSupport: { Value: true },
    });
    expect((await read(vpc.VpcId!, 'enableDnsHostnames')).EnableDnsHostnames).toEqual({
      Value: false,
    });
    expect(
      (await read(vpc.VpcId!, 'enableNetworkAddressUsageMetrics')).EnableNetworkAddressUsageMetrics,
    ).toEqual({ Value: false });
    const defaultVpc = (
      await ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
      )
    ).Vpcs![0]!.VpcId!;
    expect((await read(defaultVpc, 'enableDnsHostnames')).EnableDnsHostnames).toEqual({
      Value: true,
    });

    await ec2.send(
      new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId, EnableDnsHostnames: { Value: true } }),
    );
    await ec2.send(
      new ModifyVpcAttributeCommand({
        VpcId: vpc.VpcId,
        EnableNetworkAddressUsageMetrics: { Value: true },
      }),
    );
    await ec2.send(
      new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId, EnableDnsSupport: { Value: false } }),
    );
    expect((await read(vpc.VpcId!, 'enableDnsHostnames')).EnableDnsHostnames).toEqual({
      Value: true,
    });
    expect(
      (await read(vpc.VpcId!, 'enableNetworkAddressUsageMetrics')).EnableNetworkAddressUsageMetrics,
    ).toEqual({ Value: true });
    expect((await read(vpc.VpcId!, 'enableDnsSupport')).EnableDnsSupport).toEqual({ Value: false });
  });

  it('refuses two attributes at once, none, and an unknown VPC', async () => {
    const ec2 = freshAccount();
    const vpc = await createVpc(ec2);
    await expectEc2Error(
      ec2.send(
        new ModifyVpcAttributeCommand({
          VpcId: vpc.VpcId,
          EnableDnsSupport: { Value: true },
          EnableDnsHostnames: { Value: true },
        }),
      ),
      'InvalidParameterCombination',
      'Fields for multiple attribute types specified: enableDnsSupport, enableDnsHostnames',
    );
    await expectEc2Error(
      ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId })),
      'MissingParameter',
      'The request must contain the parameter EnableDnsSupport, EnableDnsHostnames or EnableNetworkAddressUsageMetrics',
    );
    await expectEc2Error(
      ec2.send(
        new ModifyVpcAttributeCommand({
          VpcId: 'vpc-0000000000000000f',
          EnableDnsHostnames: { Value: true },
        }),
      ),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0000000000000000f' does not exist",
    );
    await expectEc2Error(
      ec2.send(
        new DescribeVpcAttributeCommand({
          VpcId: 'vpc-0000000000000000f',
          Attribute: 'enableDnsSupport',
        }),
      ),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0000000000000000f' does not exist",
    );
  });
});
