/**
 * Network ACL writes through the SDK: ACLs made for a VPC, their rules (the default ACL's
 * included) with AWS's checks and errors, and moving a subnet between ACLs.
 */
import {
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  type CreateNetworkAclEntryCommandInput,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNetworkAclCommand,
  DeleteNetworkAclEntryCommand,
  DescribeNetworkAclsCommand,
  type EC2Client,
  ReplaceNetworkAclAssociationCommand,
  ReplaceNetworkAclEntryCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { expectEc2Error, freshVpc } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

async function aclOf(ec2: EC2Client, id: string) {
  const out = await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [id] }));
  return out.NetworkAcls![0]!;
}

async function defaultAclOf(ec2: EC2Client, vpcId: string) {
  const out = await ec2.send(
    new DescribeNetworkAclsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'default', Values: ['true'] },
      ],
    }),
  );
  return out.NetworkAcls![0]!;
}

const allowAll = (egress: boolean) => ({
  CidrBlock: '0.0.0.0/0',
  Egress: egress,
  Protocol: '-1',
  RuleAction: 'allow' as const,
  RuleNumber: 100,
});
const denyAll = (egress: boolean) => ({
  CidrBlock: '0.0.0.0/0',
  Egress: egress,
  Protocol: '-1',
  RuleAction: 'deny' as const,
  RuleNumber: 32767,
});

describe('CreateNetworkAcl and DeleteNetworkAcl', () => {
  it('creates an ACL that denies everything, tagged, with no subnet', async () => {
    const { ec2, vpcId, account } = await freshVpc(teiki);
    const created = await ec2.send(
      new CreateNetworkAclCommand({
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'Name', Value: 'p' }] }],
      }),
    );
    expect(created.NetworkAcl).toEqual({
      Associations: [],
      Entries: [denyAll(true), denyAll(false)],
      IsDefault: false,
      NetworkAclId: expect.stringMatching(/^acl-[0-9a-f]{17}$/),
      Tags: [{ Key: 'Name', Value: 'p' }],
      VpcId: vpcId,
      OwnerId: account,
    });
    await ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: created.NetworkAcl!.NetworkAclId }));
    await expectEc2Error(
      aclOf(ec2, created.NetworkAcl!.NetworkAclId!),
      'InvalidNetworkAclID.NotFound',
      `The networkAcl ID '${created.NetworkAcl!.NetworkAclId}' does not exist`,
    );
  });

  it('refuses an unknown VPC, the default ACL and an ACL a subnet uses', async () => {
    const { ec2, vpcId } = await freshVpc(teiki);
    await expectEc2Error(
      ec2.send(new CreateNetworkAclCommand({ VpcId: 'vpc-0123456789abcdef0' })),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0123456789abcdef0' does not exist",
    );
    const defaultAcl = await defaultAclOf(ec2, vpcId);
    await expectEc2Error(
      ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: defaultAcl.NetworkAclId })),
      'InvalidParameterValue',
      `cannot delete default network ACL ${defaultAcl.NetworkAclId}`,
    );
    const subnet = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }),
    );
    const acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!;
    const association = (await defaultAclOf(ec2, vpcId)).Associations!.find(
      (a) => a.SubnetId === subnet.Subnet!.SubnetId,
    )!;
    await ec2.send(
      new ReplaceNetworkAclAssociationCommand({
        AssociationId: association.NetworkAclAssociationId,
        NetworkAclId: acl.NetworkAclId,
      }),
    );
    await expectEc2Error(
      ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: acl.NetworkAclId })),
      'DependencyViolation',
      `The networkAcl '${acl.NetworkAclId}' has dependencies and cannot be deleted.`,
    );
  });
});

describe('ReplaceNetworkAclAssociation', () => {
  it('moves a subnet to another ACL under a new association id, and back', async () => {
    const { ec2, vpcId } = await freshVpc(teiki);
    const subnetId = (
      await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.2.0/24' }))
    ).Subnet!.SubnetId!;
    const defaultAcl = await defaultAclOf(ec2, vpcId);
    const first = defaultAcl.Associations!.find((a) => a.SubnetId === subnetId)!;
    const acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!;
    const moved = await ec2.send(
      new ReplaceNetworkAclAssociationCommand({
        AssociationId: first.NetworkAclAssociationId,
        NetworkAclId: acl.NetworkAclId,
      }),
    );
    expect(moved.NewAssociationId).toMatch(/^aclassoc-[0-9a-f]{17}$/);
    expect(moved.NewAssociationId).not.toBe(first.NetworkAclAssociationId);
    expect((await aclOf(ec2, acl.NetworkAclId!)).Associations).toEqual([
      {
        NetworkAclAssociationId: moved.NewAssociationId,
        NetworkAclId: acl.NetworkAclId,
        SubnetId: subnetId,
      },
    ]);
    expect((await defaultAclOf(ec2, vpcId)).Associations).toEqual([]);
    await expectEc2Error(
      ec2.send(
        new ReplaceNetworkAclAssociationCommand({
          AssociationId: first.NetworkAclAssociationId,
          NetworkAclId: acl.NetworkAclId,
        }),
      ),
      'InvalidAssociationID.NotFound',
      `The association ID '${first.NetworkAclAssociationId}' does not exist`,
    );
    await ec2.send(
      new ReplaceNetworkAclAssociationCommand({
        AssociationId: moved.NewAssociationId,
        NetworkAclId: defaultAcl.NetworkAclId,
      }),
    );
    expect((await defaultAclOf(ec2, vpcId)).Associations?.map((a) => a.SubnetId)).toEqual([
      subnetId,
    ]);
  });

  it('refuses an ACL of another VPC', async () => {
    const { ec2, vpcId } = await freshVpc(teiki);
    const subnetId = (
      await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.3.0/24' }))
    ).Subnet!.SubnetId!;
    const association = (await defaultAclOf(ec2, vpcId)).Associations![0]!;
    const other = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!;
    const foreign = (await ec2.send(new CreateNetworkAclCommand({ VpcId: other.VpcId })))
      .NetworkAcl!;
    await expectEc2Error(
      ec2.send(
        new ReplaceNetworkAclAssociationCommand({
          AssociationId: association.NetworkAclAssociationId,
          NetworkAclId: foreign.NetworkAclId,
        }),
      ),
      'InvalidParameterValue',
      `Network ACL ${foreign.NetworkAclId} and subnet ${subnetId} belong to different networks`,
    );
  });
});

describe('network ACL entries', () => {
  async function freshAcl() {
    const { ec2, vpcId } = await freshVpc(teiki);
    const acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!;
    const entry = (input: Partial<CreateNetworkAclEntryCommandInput>) =>
      ec2.send(
        new CreateNetworkAclEntryCommand({
          NetworkAclId: acl.NetworkAclId!,
          RuleNumber: 110,
          Protocol: 'tcp',
          RuleAction: 'allow',
          Egress: false,
          CidrBlock: '10.0.0.0/8',
          PortRange: { From: 443, To: 443 },
          ...input,
        }),
      );
    return { ec2, vpcId, aclId: acl.NetworkAclId!, entry };
  }

  it('stores a TCP rule with its protocol number and ports, ICMP with type and code', async () => {
    const { ec2, aclId, entry } = await freshAcl();
    await entry({});
    await entry({
      RuleNumber: 120,
      Protocol: '1',
      PortRange: undefined,
      IcmpTypeCode: { Type: 8, Code: -1 },
      Egress: true,
      RuleAction: 'deny',
    });
    await entry({
      RuleNumber: 130,
      Protocol: '-1',
      PortRange: undefined,
      Ipv6CidrBlock: '::/0',
      CidrBlock: undefined,
    });
    expect((await aclOf(ec2, aclId)).Entries).toEqual([
      {
        CidrBlock: '10.0.0.0/8',
        Egress: true,
        IcmpTypeCode: { Code: -1, Type: 8 },
        Protocol: '1',
        RuleAction: 'deny',
        RuleNumber: 120,
      },
      denyAll(true),
      {
        CidrBlock: '10.0.0.0/8',
        Egress: false,
        PortRange: { From: 443, To: 443 },
        Protocol: '6',
        RuleAction: 'allow',
        RuleNumber: 110,
      },
      {
        Egress: false,
        Ipv6CidrBlock: '::/0',
        Protocol: '-1',
        RuleAction: 'allow',
        RuleNumber: 130,
      },
      denyAll(false),
    ]);
  });

  it.each<[string, Partial<CreateNetworkAclEntryCommandInput>, string, string]>([
    [
      'rule number 0',
      { RuleNumber: 0 },
      'InvalidParameterValue',
      'Value (0) for parameter ruleNumber is invalid. Valid values: 1-32766.',
    ],
    [
      'rule number 32767',
      { RuleNumber: 32767 },
      'InvalidParameterValue',
      'Value (32767) for parameter ruleNumber is invalid. Valid values: 1-32766.',
    ],
    [
      'a TCP rule without ports',
      { PortRange: undefined },
      'MissingParameter',
      'The request must contain the parameter portRange',
    ],
    [
      'no CIDR at all',
      { CidrBlock: undefined },
      'MissingParameter',
      "Either 'cidrBlock' or 'ipv6CidrBlock' should be provided.",
    ],
    [
      'a CIDR that is not one',
      { CidrBlock: '10.0.0.1/8' },
      'InvalidParameterValue',
      'Value (10.0.0.1/8) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
    ],
    [
      'an unknown protocol',
      { Protocol: 'quic' },
      'InvalidParameterValue',
      'Invalid value for parameter protocol: quic',
    ],
  ])('refuses %s, changing nothing', async (_what, input, code, message) => {
    const { ec2, aclId, entry } = await freshAcl();
    await expectEc2Error(entry(input), code, message);
    expect((await aclOf(ec2, aclId)).Entries).toEqual([denyAll(true), denyAll(false)]);
  });

  it('refuses a rule number taken in that direction, not in the other', async () => {
    const { entry } = await freshAcl();
    await entry({});
    await expectEc2Error(
      entry({ RuleAction: 'deny' }),
      'NetworkAclEntryAlreadyExists',
      'The network acl entry identified by 110 already exists.',
    );
    await entry({ Egress: true });
  });

  it('holds 20 rules in a direction and refuses a 21st', async () => {
    const { entry } = await freshAcl();
    for (let n = 1; n <= 20; n++) await entry({ RuleNumber: n });
    await expectEc2Error(
      entry({ RuleNumber: 21 }),
      'NetworkAclEntryLimitExceeded',
      'The maximum number of network acl entries has been reached.',
    );
    await entry({ RuleNumber: 21, Egress: true });
  });

  it('replaces and deletes rules that exist, and says which one does not', async () => {
    const { ec2, aclId, entry } = await freshAcl();
    await entry({});
    await ec2.send(
      new ReplaceNetworkAclEntryCommand({
        NetworkAclId: aclId,
        RuleNumber: 110,
        Protocol: '17',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 53, To: 53 },
      }),
    );
    expect((await aclOf(ec2, aclId)).Entries?.find((e) => e.RuleNumber === 110)).toEqual({
      CidrBlock: '0.0.0.0/0',
      Egress: false,
      PortRange: { From: 53, To: 53 },
      Protocol: '17',
      RuleAction: 'deny',
      RuleNumber: 110,
    });
    await expectEc2Error(
      ec2.send(
        new ReplaceNetworkAclEntryCommand({
          NetworkAclId: aclId,
          RuleNumber: 110,
          Protocol: '-1',
          RuleAction: 'deny',
          Egress: true,
          CidrBlock: '0.0.0.0/0',
        }),
      ),
      'InvalidNetworkAclEntry.NotFound',
      `The network acl entry identified by 110 (egress) does not exist in ${aclId}.`,
    );
    await ec2.send(
      new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 110, Egress: false }),
    );
    await expectEc2Error(
      ec2.send(
        new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 110, Egress: false }),
      ),
      'InvalidNetworkAclEntry.NotFound',
      `The network acl entry identified by 110 (ingress) does not exist in ${aclId}.`,
    );
  });

  it('edits the default ACL’s rules, never its * rules', async () => {
    const { ec2, vpcId } = await freshVpc(teiki);
    const acl = await defaultAclOf(ec2, vpcId);
    expect(acl.Entries).toEqual([allowAll(true), denyAll(true), allowAll(false), denyAll(false)]);
    await ec2.send(
      new DeleteNetworkAclEntryCommand({
        NetworkAclId: acl.NetworkAclId,
        RuleNumber: 100,
        Egress: false,
      }),
    );
    await ec2.send(
      new CreateNetworkAclEntryCommand({
        NetworkAclId: acl.NetworkAclId,
        RuleNumber: 100,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '192.0.2.0/24',
      }),
    );
    await expectEc2Error(
      ec2.send(
        new DeleteNetworkAclEntryCommand({
          NetworkAclId: acl.NetworkAclId,
          RuleNumber: 32767,
          Egress: false,
        }),
      ),
      'InvalidParameterValue',
      'Value (32767) for parameter ruleNumber is invalid. Valid values: 1-32766.',
    );
    expect((await aclOf(ec2, acl.NetworkAclId!)).Entries).toEqual([
      allowAll(true),
      denyAll(true),
      { ...allowAll(false), CidrBlock: '192.0.2.0/24', RuleAction: 'deny' },
      denyAll(false),
    ]);
  });
});
