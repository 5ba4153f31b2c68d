import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
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
  vpcId: string;
  subnetId: string;
  groupId: string;
  ruleId: string;
}

async function fixture(): Promise<Fixture> {
  const { ec2, vpcId } = await freshVpc(teiki);
  const subnetId = (
    await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))
  ).Subnet!.SubnetId!;
  const groupId = (
    await ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'g', Description: 'g' }),
    )
  ).GroupId!;
  const rules = await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    }),
  );
  return {
    ec2,
    vpcId,
    subnetId,
    groupId,
    ruleId: rules.SecurityGroupRules![0]!.SecurityGroupRuleId!,
  };
}

const tagsOfVpc = async (f: Fixture) =>
  (await f.ec2.send(new DescribeVpcsCommand({ VpcIds: [f.vpcId] }))).Vpcs![0]!.Tags;

describe('CreateTags', () => {
  it('tags resources of several kinds in one call, replacing values of existing keys', async () => {
    const f = await fixture();
    await f.ec2.send(
      new CreateTagsCommand({
        Resources: [f.vpcId, f.subnetId, f.groupId, f.ruleId],
        Tags: [
          { Key: 'env', Value: 'dev' },
          { Key: 'owner', Value: 'ops' },
        ],
      }),
    );
    await f.ec2.send(
      new CreateTagsCommand({ Resources: [f.vpcId], Tags: [{ Key: 'env', Value: 'prod' }] }),
    );
    expect(await tagsOfVpc(f)).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'owner', Value: 'ops' },
    ]);
    const subnet = (await f.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [f.subnetId] })))
      .Subnets![0]!;
    expect(subnet.Tags).toEqual([
      { Key: 'env', Value: 'dev' },
      { Key: 'owner', Value: 'ops' },
    ]);
    const rule = (
      await f.ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [f.ruleId] }))
    ).SecurityGroupRules![0]!;
    expect(rule.Tags).toEqual([
      { Key: 'env', Value: 'dev' },
      { Key: 'owner', Value: 'ops' },
    ]);
  });

  it('keeps an empty value as an empty string', async () => {
    const f = await fixture();
    await f.ec2.send(
      new CreateTagsCommand({ Resources: [f.vpcId], Tags: [{ Key: 'flag', Value: '' }] }),
    );
    expect(await tagsOfVpc(f)).toEqual([{ Key: 'flag', Value: '' }]);
  });

  it.each([
    [
      ['vpc-00000000000000000'],
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-00000000000000000' does not exist",
    ],
    [
      ['sg-00000000000000000'],
      'InvalidGroup.NotFound',
      "The security group 'sg-00000000000000000' does not exist",
    ],
    [
      ['subnet-00000000000000000'],
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-00000000000000000' does not exist",
    ],
    [['i-0123456789abcdef0'], 'InvalidID', "The ID 'i-0123456789abcdef0' is not valid"],
    [['banana'], 'InvalidID', "The ID 'banana' is not valid"],
  ])('refuses %o and tags nothing', async (missing, code, message) => {
    const f = await fixture();
    await expectEc2Error(
      f.ec2.send(
        new CreateTagsCommand({
          Resources: [f.vpcId, ...missing],
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
      code,
      message,
    );
    expect(await tagsOfVpc(f)).toBeUndefined();
  });

  it.each([
    [{ Key: 'aws:x', Value: 'y' }, "Tag keys starting with 'aws:' are reserved for internal use"],
    [
      { Key: 'k'.repeat(129), Value: 'y' },
      `Tag key exceeds the maximum length of 128 characters: '${'k'.repeat(129)}'.`,
    ],
    [
      { Key: 'k', Value: 'v'.repeat(257) },
      `Tag value exceeds the maximum length of 256 characters: '${'v'.repeat(257)}'.`,
    ],
  ])('refuses tag %o', async (tag, message) => {
    const f = await fixture();
    await expectEc2Error(
      f.ec2.send(new CreateTagsCommand({ Resources: [f.vpcId], Tags: [tag] })),
      'InvalidParameterValue',
      message,
    );
  });

  it('refuses more than 50 tags on a resource', async () => {
    const f = await fixture();
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await f.ec2.send(new CreateTagsCommand({ Resources: [f.vpcId], Tags: tags }));
    await expectEc2Error(
      f.ec2.send(
        new CreateTagsCommand({ Resources: [f.vpcId], Tags: [{ Key: 'one-more', Value: 'v' }] }),
      ),
      'TagLimitExceeded',
      'The maximum number of Tags for a resource has been reached.',
    );
    expect(await tagsOfVpc(f)).toHaveLength(50);
  });
});

describe('DeleteTags', () => {
  it('deletes by key, by key and value, and all tags when none are named', async () => {
    const f = await fixture();
    await f.ec2.send(
      new CreateTagsCommand({
        Resources: [f.vpcId],
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
          { Key: 'c', Value: '3' },
        ],
      }),
    );
    await f.ec2.send(
      new DeleteTagsCommand({ Resources: [f.vpcId], Tags: [{ Key: 'b', Value: 'not-2' }] }),
    );
    expect((await tagsOfVpc(f))!.map((t) => t.Key)).toEqual(['a', 'b', 'c']);
    await f.ec2.send(
      new DeleteTagsCommand({ Resources: [f.vpcId], Tags: [{ Key: 'b', Value: '2' }] }),
    );
    await f.ec2.send(new DeleteTagsCommand({ Resources: [f.vpcId], Tags: [{ Key: 'a' }] }));
    expect(await tagsOfVpc(f)).toEqual([{ Key: 'c', Value: '3' }]);
    await f.ec2.send(new DeleteTagsCommand({ Resources: [f.vpcId] }));
    expect(await tagsOfVpc(f)).toBeUndefined();
  });

  it('names a missing resource', async () => {
    const f = await fixture();
    await expectEc2Error(
      f.ec2.send(new DeleteTagsCommand({ Resources: ['subnet-0000000000000000b'] })),
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-0000000000000000b' does not exist",
    );
  });
});

describe('DescribeTags', () => {
  it('lists every tag with its resource, filtered by resource, type, key and value', async () => {
    const f = await fixture();
    await f.ec2.send(
      new CreateTagsCommand({
        Resources: [f.vpcId, f.subnetId],
        Tags: [{ Key: 'env', Value: 'dev' }],
      }),
    );
    await f.ec2.send(
      new CreateTagsCommand({ Resources: [f.groupId], Tags: [{ Key: 'role', Value: 'web' }] }),
    );
    const all = (await f.ec2.send(new DescribeTagsCommand({}))).Tags!;
    expect(all).toHaveLength(3);
    expect(all).toContainEqual({
      Key: 'env',
      ResourceId: f.vpcId,
      ResourceType: 'vpc',
      Value: 'dev',
    });
    expect(all).toContainEqual({
      Key: 'env',
      ResourceId: f.subnetId,
      ResourceType: 'subnet',
      Value: 'dev',
    });
    expect(all).toContainEqual({
      Key: 'role',
      ResourceId: f.groupId,
      ResourceType: 'security-group',
      Value: 'web',
    });

    const find = async (Name: string, Values: string[]) =>
      ((await f.ec2.send(new DescribeTagsCommand({ Filters: [{ Name, Values }] }))).Tags ?? []).map(
        (t) => `${t.ResourceId}:${t.Key}`,
      );
    expect(await find('resource-type', ['subnet'])).toEqual([`${f.subnetId}:env`]);
    expect(await find('resource-id', [f.groupId])).toEqual([`${f.groupId}:role`]);
    expect((await find('key', ['env'])).sort()).toEqual(
      [`${f.subnetId}:env`, `${f.vpcId}:env`].sort(),
    );
    expect(await find('value', ['w*'])).toEqual([`${f.groupId}:role`]);
    await expectEc2Error(
      f.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'owner', Values: ['x'] }] })),
      'InvalidParameterValue',
      "The filter 'owner' is invalid",
    );
  });

  it('pages', async () => {
    const f = await fixture();
    const tags = Array.from({ length: 7 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await f.ec2.send(new CreateTagsCommand({ Resources: [f.vpcId], Tags: tags }));
    const first = await f.ec2.send(new DescribeTagsCommand({ MaxResults: 5 }));
    const second = await f.ec2.send(
      new DescribeTagsCommand({ MaxResults: 5, NextToken: first.NextToken }),
    );
    expect(first.Tags).toHaveLength(5);
    expect(second.Tags).toHaveLength(2);
    expect([...first.Tags!, ...second.Tags!].map((t) => t.Key).sort()).toEqual(
      tags.map((t) => t.Key).sort(),
    );
  });
});
