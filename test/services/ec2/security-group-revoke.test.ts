import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { expectEc2Error, freshGroup, groupOf } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const fixture = () => freshGroup(teiki);

const empty = { Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [], IpRanges: [] };

describe('RevokeSecurityGroupIngress/Egress', () => {
  it('revokes the default egress rule as Terraform asks (ports 0 for all traffic)', async () => {
    const f = await fixture();
    const out = await f.ec2.send(
      new RevokeSecurityGroupEgressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          { IpProtocol: '-1', FromPort: 0, ToPort: 0, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    expect(out.Return).toBe(true);
    expect(out.RevokedSecurityGroupRules).toEqual([
      {
        SecurityGroupRuleId: expect.stringMatching(/^sgr-/),
        GroupId: f.groupId,
        IsEgress: true,
        IpProtocol: '-1',
        FromPort: -1,
        ToPort: -1,
        CidrIpv4: '0.0.0.0/0',
      },
    ]);
    expect((await groupOf(f)).IpPermissionsEgress).toEqual([]);
    await expectEc2Error(
      f.ec2.send(
        new RevokeSecurityGroupEgressCommand({
          GroupId: f.groupId,
          IpPermissions: [
            { IpProtocol: '-1', FromPort: 0, ToPort: 0, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
          ],
        }),
      ),
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    );
  });

  it('revokes what matches and reports the rest as unknown', async () => {
    const f = await fixture();
    await f.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 80,
            ToPort: 80,
            IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '10.1.0.0/16' }],
          },
        ],
      }),
    );
    const out = await f.ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 80,
            ToPort: 80,
            IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '10.2.0.0/16' }],
          },
        ],
      }),
    );
    expect(out.RevokedSecurityGroupRules!.map((r) => r.CidrIpv4)).toEqual(['10.0.0.0/16']);
    expect(out.UnknownIpPermissions).toEqual([
      {
        ...empty,
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        IpRanges: [{ CidrIp: '10.2.0.0/16' }],
      },
    ]);
    expect((await groupOf(f)).IpPermissions).toEqual([
      {
        ...empty,
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        IpRanges: [{ CidrIp: '10.1.0.0/16' }],
      },
    ]);
  });

  it('revokes by rule id, and names an unknown rule id', async () => {
    const f = await fixture();
    const added = await f.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          { IpProtocol: 'udp', FromPort: 500, ToPort: 500, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    const ruleId = added.SecurityGroupRules![0]!.SecurityGroupRuleId!;
    await expectEc2Error(
      f.ec2.send(
        new RevokeSecurityGroupEgressCommand({
          GroupId: f.groupId,
          SecurityGroupRuleIds: [ruleId],
        }),
      ),
      'InvalidSecurityGroupRuleId.NotFound',
      `The security group rule ID '${ruleId}' does not exist`,
    );
    const out = await f.ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: f.groupId, SecurityGroupRuleIds: [ruleId] }),
    );
    expect(out.RevokedSecurityGroupRules!.map((r) => r.SecurityGroupRuleId)).toEqual([ruleId]);
    expect((await groupOf(f)).IpPermissions).toEqual([]);
  });
});

describe('DescribeSecurityGroupRules', () => {
  it('lists each rule with its id, filtered by group and rule id', async () => {
    const f = await fixture();
    const added = await f.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
        ],
        TagSpecifications: [
          { ResourceType: 'security-group-rule', Tags: [{ Key: 'why', Value: 'tls' }] },
        ],
      }),
    );
    const byGroup = await f.ec2.send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [{ Name: 'group-id', Values: [f.groupId] }],
      }),
    );
    const rules = byGroup.SecurityGroupRules!;
    expect(rules).toHaveLength(2);
    const ingress = rules.find((r) => !r.IsEgress)!;
    const egress = rules.find((r) => r.IsEgress)!;
    expect(ingress).toEqual({
      ...added.SecurityGroupRules![0],
      Tags: [{ Key: 'why', Value: 'tls' }],
    });
    expect(egress).toMatchObject({
      IpProtocol: '-1',
      FromPort: -1,
      ToPort: -1,
      CidrIpv4: '0.0.0.0/0',
      Tags: [],
    });

    const byId = await f.ec2.send(
      new DescribeSecurityGroupRulesCommand({
        SecurityGroupRuleIds: [egress.SecurityGroupRuleId!],
      }),
    );
    expect(byId.SecurityGroupRules).toEqual([egress]);
    const byTag = await f.ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'tag:why', Values: ['tls'] }] }),
    );
    expect(byTag.SecurityGroupRules).toEqual([ingress]);
    await expectEc2Error(
      f.ec2.send(
        new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['sgr-00000000000000000'] }),
      ),
      'InvalidSecurityGroupRuleId.NotFound',
      "The security group rule ID 'sgr-00000000000000000' does not exist",
    );
  });
});

describe('a Terraform-style round trip', () => {
  it('reads back exactly the rules written after the default egress is replaced', async () => {
    const f = await fixture();
    await f.ec2.send(
      new RevokeSecurityGroupEgressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          { IpProtocol: '-1', FromPort: 0, ToPort: 0, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    await f.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'https' }],
          },
        ],
      }),
    );
    await f.ec2.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId: f.groupId,
        IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const group = await groupOf(f);
    expect(group.IpPermissions).toEqual([
      {
        ...empty,
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'https' }],
      },
    ]);
    expect(group.IpPermissionsEgress).toEqual([
      { ...empty, IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ]);
  });
});
