import {
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { ec2Client, expectEc2Error } from './helpers.js';
import { AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

let nextAccount = 240000000000;
function freshAccount(): EC2Client {
  nextAccount += 1;
  return ec2Client(teiki, { accessKeyId: String(nextAccount) });
}

async function newVpc(ec2: EC2Client): Promise<string> {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
}

async function defaultVpcId(ec2: EC2Client): Promise<string> {
  const out = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
  );
  return out.Vpcs![0]!.VpcId!;
}

describe('CreateSecurityGroup', () => {
  it('creates a group with the allow-all egress rule, an ARN and tags', async () => {
    const ec2 = freshAccount();
    const account = String(nextAccount);
    const vpcId = await newVpc(ec2);
    const out = await ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpcId,
        GroupName: 'web',
        Description: 'web servers',
        TagSpecifications: [
          { ResourceType: 'security-group', Tags: [{ Key: 'team', Value: 'a' }] },
        ],
      }),
    );
    expect(out.GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(out.SecurityGroupArn).toBe(
      `arn:aws:ec2:us-east-1:${account}:security-group/${out.GroupId}`,
    );
    expect(out.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [out.GroupId!] })))
      .SecurityGroups![0];
    expect(group).toEqual({
      Description: 'web servers',
      GroupName: 'web',
      IpPermissions: [],
      OwnerId: account,
      GroupId: out.GroupId,
      IpPermissionsEgress: [
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ],
      Tags: [{ Key: 'team', Value: 'a' }],
      VpcId: vpcId,
      SecurityGroupArn: out.SecurityGroupArn,
    });
  });

  it('puts a group without VpcId in the default VPC, and a name may repeat across VPCs', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const inDefault = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'd' }),
    );
    const inVpc = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'd', VpcId: vpcId }),
    );
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [inDefault.GroupId!, inVpc.GroupId!] }),
    );
    const vpcOf = new Map(groups.SecurityGroups!.map((g) => [g.GroupId, g.VpcId]));
    expect(vpcOf.get(inDefault.GroupId)).toBe(await defaultVpcId(ec2));
    expect(vpcOf.get(inVpc.GroupId)).toBe(vpcId);
  });

  it.each([
    [
      { GroupName: 'dup', Description: 'again' },
      'InvalidGroup.Duplicate',
      (vpc: string) => `The security group 'dup' already exists for VPC '${vpc}'`,
    ],
    [
      { GroupName: 'default', Description: 'x' },
      'InvalidGroup.Reserved',
      () => "The security group 'default' is reserved",
    ],
    [
      { GroupName: 'sg-123', Description: 'x' },
      'InvalidParameterValue',
      () => 'Group names may not be in the format sg-*.',
    ],
    [
      { GroupName: 'x'.repeat(256), Description: 'x' },
      'InvalidParameterValue',
      () =>
        `Value (${'x'.repeat(256)}) for parameter GroupName is invalid. Length exceeds maximum of 255 characters.`,
    ],
    [
      { GroupName: 'ok', Description: 'naïve' },
      'InvalidParameterValue',
      () =>
        'Value (naïve) for parameter GroupDescription is invalid. Character sets beyond ASCII are not supported.',
    ],
  ])('refuses %o', async (input, code, message) => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    await ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'dup', Description: 'first' }),
    );
    await expectEc2Error(
      ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, ...input })),
      code,
      message(vpcId),
    );
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    expect(groups.SecurityGroups!.map((g) => g.GroupName).sort()).toEqual(['default', 'dup']);
  });

  it('refuses an unknown VPC', async () => {
    const ec2 = freshAccount();
    await expectEc2Error(
      ec2.send(
        new CreateSecurityGroupCommand({
          VpcId: 'vpc-0000000000000000c',
          GroupName: 'a',
          Description: 'b',
        }),
      ),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0000000000000000c' does not exist",
    );
  });
});

describe('DescribeSecurityGroups', () => {
  let ec2: EC2Client;
  let vpcId: string;
  let web: string;
  let db: string;
  beforeAll(async () => {
    ec2 = freshAccount();
    vpcId = await newVpc(ec2);
    web = (
      await ec2.send(
        new CreateSecurityGroupCommand({
          VpcId: vpcId,
          GroupName: 'web',
          Description: 'web tier',
          TagSpecifications: [
            { ResourceType: 'security-group', Tags: [{ Key: 'tier', Value: 'front' }] },
          ],
        }),
      )
    ).GroupId!;
    db = (
      await ec2.send(
        new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'db', Description: 'db tier' }),
      )
    ).GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: db,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web }] },
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/24' }] },
        ],
      }),
    );
  });

  const ids = async (Filters: Array<{ Name: string; Values: string[] }>) =>
    ((await ec2.send(new DescribeSecurityGroupsCommand({ Filters }))).SecurityGroups ?? [])
      .map((g) => g.GroupId)
      .sort();

  it.each([
    ['group-name', () => ['web'], () => [web]],
    ['group-id', () => [db], () => [db]],
    ['description', () => ['* tier'], () => [web, db]],
    ['tag:tier', () => ['front'], () => [web]],
    ['ip-permission.cidr', () => ['10.0.0.0/24'], () => [db]],
    ['ip-permission.from-port', () => ['5432'], () => [db]],
    ['ip-permission.protocol', () => ['tcp'], () => [db]],
    ['ip-permission.group-id', () => [web], () => [db]],
    ['ip-permission.group-name', () => ['web'], () => [db]],
    ['egress.ip-permission.cidr', () => ['0.0.0.0/0'], () => [web, db]],
  ])('filters by %s (within the VPC)', async (name, values, expected) => {
    const found = await ids([
      { Name: name, Values: values() },
      { Name: 'vpc-id', Values: [vpcId] },
      { Name: 'group-name', Values: ['web', 'db'] },
    ]);
    expect(found).toEqual(expected().sort());
  });

  it('finds groups by name only in the default VPC', async () => {
    const inDefault = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'default vpc web' }),
    );
    const byName = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web'] }));
    expect(byName.SecurityGroups!.map((g) => g.GroupId)).toEqual([inDefault.GroupId]);
    // Read the VPC id first: a request pending while another is awaited rejects unhandled.
    const vpcId = await defaultVpcId(ec2);
    await expectEc2Error(
      ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['db'] })),
      'InvalidGroup.NotFound',
      `The security group 'db' does not exist in default VPC '${vpcId}'`,
    );
  });

  it('names missing and malformed ids, and refuses unknown filters', async () => {
    await expectEc2Error(
      ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-00000000000000001'] })),
      'InvalidGroup.NotFound',
      "The security group 'sg-00000000000000001' does not exist",
    );
    await expectEc2Error(
      ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['web'] })),
      'InvalidGroupId.Malformed',
      'Invalid id: "web" (expecting "sg-...")',
    );
    await expectEc2Error(
      ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'name', Values: ['web'] }] })),
      'InvalidParameterValue',
      "The filter 'name' is invalid",
    );
  });

  it('pages through every group exactly once', async () => {
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) {
      await ec2.send(
        new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: name }),
      );
    }
    const all = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map(
      (g) => g.GroupId,
    );
    const seen: Array<string | undefined> = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(
        new DescribeSecurityGroupsCommand({ MaxResults: 5, NextToken: token }),
      );
      expect(page.SecurityGroups!.length).toBeLessThanOrEqual(5);
      seen.push(...page.SecurityGroups!.map((g) => g.GroupId));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 5));
  });
});

describe('DeleteSecurityGroup', () => {
  it('deletes by id and by name in the default VPC', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const a = (
      await ec2.send(
        new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'a', Description: 'a' }),
      )
    ).GroupId!;
    const deleted = await ec2.send(new DeleteSecurityGroupCommand({ GroupId: a }));
    expect(deleted).toMatchObject({ Return: true, GroupId: a });
    await expectEc2Error(
      ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [a] })),
      'InvalidGroup.NotFound',
      `The security group '${a}' does not exist`,
    );
    const b = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'b', Description: 'b' })))
      .GroupId!;
    expect((await ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'b' }))).GroupId).toBe(b);
  });

  it('never deletes a VPC’s default group', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const group = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
      )
    ).SecurityGroups![0]!;
    await expectEc2Error(
      ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId })),
      'CannotDelete',
      `the specified group: "${group.GroupId}" name: "default" cannot be deleted by a user`,
    );
  });

  it('refuses while another group’s rule refers to it, then deletes once the rule is gone', async () => {
    const ec2 = freshAccount();
    const vpcId = await newVpc(ec2);
    const source = (
      await ec2.send(
        new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 's', Description: 's' }),
      )
    ).GroupId!;
    const target = (
      await ec2.send(
        new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 't', Description: 't' }),
      )
    ).GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: target,
        IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: source }] }],
      }),
    );
    await expectEc2Error(
      ec2.send(new DeleteSecurityGroupCommand({ GroupId: source })),
      'DependencyViolation',
      `resource ${source} has a dependent object`,
    );
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: target }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: source }));
  });

  it('names a missing group, and needs an id or a name', async () => {
    const ec2 = freshAccount();
    await expectEc2Error(
      ec2.send(new DeleteSecurityGroupCommand({ GroupId: 'sg-0000000000000000e' })),
      'InvalidGroup.NotFound',
      "The security group 'sg-0000000000000000e' does not exist",
    );
    await expectEc2Error(
      ec2.send(new DeleteSecurityGroupCommand({})),
      'MissingParameter',
      'The request must contain the parameter groupName or groupId',
    );
  });
});
