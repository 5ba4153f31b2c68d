import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSubnetCommand,
  DeleteInternetGatewayCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { expectEc2Error, freshVpc } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

interface Fixture {
  ec2: EC2Client;
  account: string;
  vpcId: string;
  subnetId: string;
}

async function fixture(): Promise<Fixture> {
  const { ec2, account, vpcId } = await freshVpc(teiki);
  const subnetId = (
    await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))
  ).Subnet!.SubnetId!;
  return { ec2, account: account, vpcId, subnetId };
}

describe('internet gateways', () => {
  it('creates detached, attaches to one VPC, detaches, and deletes', async () => {
    const f = await fixture();
    const created = await f.ec2.send(
      new CreateInternetGatewayCommand({
        TagSpecifications: [
          { ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'gw' }] },
        ],
      }),
    );
    const igw = created.InternetGateway!.InternetGatewayId!;
    expect(created.InternetGateway).toEqual({
      Attachments: [],
      InternetGatewayId: expect.stringMatching(/^igw-[0-9a-f]{17}$/),
      OwnerId: f.account,
      Tags: [{ Key: 'Name', Value: 'gw' }],
    });
    await f.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: f.vpcId }));
    const attached = await f.ec2.send(
      new DescribeInternetGatewaysCommand({
        Filters: [{ Name: 'attachment.vpc-id', Values: [f.vpcId] }],
      }),
    );
    expect(attached.InternetGateways!.map((g) => [g.InternetGatewayId, g.Attachments])).toEqual([
      [igw, [{ State: 'available', VpcId: f.vpcId }]],
    ]);
    await expectEc2Error(
      f.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: f.vpcId })),
      'Resource.AlreadyAssociated',
      `resource ${igw} is already attached to network ${f.vpcId}`,
    );
    const second = (await f.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!
      .InternetGatewayId!;
    await expectEc2Error(
      f.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: second, VpcId: f.vpcId })),
      'InvalidParameterValue',
      `Network ${f.vpcId} already has an internet gateway attached`,
    );
    await expectEc2Error(
      f.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw })),
      'DependencyViolation',
      `The internetGateway '${igw}' has dependencies and cannot be deleted.`,
    );
    await f.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: f.vpcId }));
    await expectEc2Error(
      f.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: f.vpcId })),
      'Gateway.NotAttached',
      `resource ${igw} is not attached to network ${f.vpcId}`,
    );
    await f.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw }));
    await expectEc2Error(
      f.ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igw] })),
      'InvalidInternetGatewayID.NotFound',
      `The internetGateway ID '${igw}' does not exist`,
    );
  });
});

describe('network ACLs', () => {
  it('filters by VPC, default flag and entry, and names a missing ACL', async () => {
    const f = await fixture();
    const acls = await f.ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [f.vpcId] },
          { Name: 'default', Values: ['true'] },
        ],
      }),
    );
    expect(acls.NetworkAcls).toHaveLength(1);
    const acl = acls.NetworkAcls![0]!;
    expect(acl).toMatchObject({ IsDefault: true, VpcId: f.vpcId, OwnerId: f.account });
    expect(acl.Associations!.map((a) => a.SubnetId)).toEqual([f.subnetId]);
    const byRule = await f.ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [
          { Name: 'entry.rule-number', Values: ['32767'] },
          { Name: 'vpc-id', Values: [f.vpcId] },
        ],
      }),
    );
    expect(byRule.NetworkAcls!.map((a) => a.NetworkAclId)).toEqual([acl.NetworkAclId]);
    expect(
      (
        await f.ec2.send(
          new DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['false'] }] }),
        )
      ).NetworkAcls,
    ).toEqual([]);
    await expectEc2Error(
      f.ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: ['acl-00000000000000000'] })),
      'InvalidNetworkAclID.NotFound',
      "The networkAcl ID 'acl-00000000000000000' does not exist",
    );
  });
});
