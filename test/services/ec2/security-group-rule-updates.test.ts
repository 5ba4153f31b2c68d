import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  ModifySecurityGroupRulesCommand,
  UpdateSecurityGroupRuleDescriptionsEgressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
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
  groupId: string;
  ruleIds: string[];
}

async function fixture(): Promise<Fixture> {
  const { ec2, vpcId } = await freshVpc(teiki);
  const groupId = (
    await ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'app', Description: 'app' }),
    )
  ).GroupId!;
  const added = await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'old' }, { CidrIp: '10.1.0.0/16' }],
        },
      ],
    }),
  );
  return { ec2, groupId, ruleIds: added.SecurityGroupRules!.map((r) => r.SecurityGroupRuleId!) };
}

const ingressOf = async (f: Fixture) =>
  (await f.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [f.groupId] })))
    .SecurityGroups![0]!.IpPermissions!;

describe('UpdateSecurityGroupRuleDescriptions', () => {
  it('replaces, adds and removes descriptions of the rules a permission names', async () => {
    const f = await fixture();
    await f.ec2.send(
      new UpdateSecurityGroupRuleDescriptionsIngressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '10.1.0.0/16', Description: 'new' }],
          },
        ],
      }),
    );
    expect((await ingressOf(f))[0]!.IpRanges).toEqual([
      { CidrIp: '10.0.0.0/16' },
      { CidrIp: '10.1.0.0/16', Description: 'new' },
    ]);
  });

  it('updates by rule id', async () => {
    const f = await fixture();
    const out = await f.ec2.send(
      new UpdateSecurityGroupRuleDescriptionsIngressCommand({
        GroupId: f.groupId,
        SecurityGroupRuleDescriptions: [
          { SecurityGroupRuleId: f.ruleIds[0], Description: 'by id' },
        ],
      }),
    );
    expect(out.Return).toBe(true);
    const rule = (
      await f.ec2.send(
        new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [f.ruleIds[0]!] }),
      )
    ).SecurityGroupRules![0]!;
    expect(rule.Description).toBe('by id');
  });

  it('refuses a rule the group does not have, on that side', async () => {
    const f = await fixture();
    await expectEc2Error(
      f.ec2.send(
        new UpdateSecurityGroupRuleDescriptionsEgressCommand({
          GroupId: f.groupId,
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 443,
              ToPort: 443,
              IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'x' }],
            },
          ],
        }),
      ),
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    );
    await expectEc2Error(
      f.ec2.send(
        new UpdateSecurityGroupRuleDescriptionsIngressCommand({
          GroupId: f.groupId,
          SecurityGroupRuleDescriptions: [
            { SecurityGroupRuleId: 'sgr-00000000000000000', Description: 'x' },
          ],
        }),
      ),
      'InvalidSecurityGroupRuleId.NotFound',
      "The security group rule ID 'sgr-00000000000000000' does not exist",
    );
    expect((await ingressOf(f))[0]!.IpRanges).toEqual([
      { CidrIp: '10.0.0.0/16', Description: 'old' },
      { CidrIp: '10.1.0.0/16' },
    ]);
  });
});

describe('ModifySecurityGroupRules', () => {
  it('redefines a rule in place, keeping its id', async () => {
    const f = await fixture();
    await f.ec2.send(
      new ModifySecurityGroupRulesCommand({
        GroupId: f.groupId,
        SecurityGroupRules: [
          {
            SecurityGroupRuleId: f.ruleIds[1],
            SecurityGroupRule: {
              IpProtocol: 'tcp',
              FromPort: 8443,
              ToPort: 8443,
              CidrIpv4: '10.2.0.0/16',
              Description: 'moved',
            },
          },
        ],
      }),
    );
    const rule = (
      await f.ec2.send(
        new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [f.ruleIds[1]!] }),
      )
    ).SecurityGroupRules![0]!;
    expect(rule).toMatchObject({
      SecurityGroupRuleId: f.ruleIds[1],
      IpProtocol: 'tcp',
      FromPort: 8443,
      ToPort: 8443,
      CidrIpv4: '10.2.0.0/16',
      Description: 'moved',
      IsEgress: false,
    });
  });

  it('refuses a definition another rule already has, an unknown rule, and a rule without a peer', async () => {
    const f = await fixture();
    await expectEc2Error(
      f.ec2.send(
        new ModifySecurityGroupRulesCommand({
          GroupId: f.groupId,
          SecurityGroupRules: [
            {
              SecurityGroupRuleId: f.ruleIds[1],
              SecurityGroupRule: {
                IpProtocol: 'tcp',
                FromPort: 443,
                ToPort: 443,
                CidrIpv4: '10.0.0.0/16',
              },
            },
          ],
        }),
      ),
      'InvalidPermission.Duplicate',
      'the specified rule "peer: 10.0.0.0/16, TCP, from port: 443, to port: 443, ALLOW" already exists',
    );
    await expectEc2Error(
      f.ec2.send(
        new ModifySecurityGroupRulesCommand({
          GroupId: f.groupId,
          SecurityGroupRules: [
            {
              SecurityGroupRuleId: 'sgr-00000000000000000',
              SecurityGroupRule: { IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' },
            },
          ],
        }),
      ),
      'InvalidSecurityGroupRuleId.NotFound',
      "The security group rule ID 'sgr-00000000000000000' does not exist",
    );
    await expectEc2Error(
      f.ec2.send(
        new ModifySecurityGroupRulesCommand({
          GroupId: f.groupId,
          SecurityGroupRules: [
            { SecurityGroupRuleId: f.ruleIds[0], SecurityGroupRule: { IpProtocol: '-1' } },
          ],
        }),
      ),
      'MissingParameter',
      'The request must contain one of CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId',
    );
    expect((await ingressOf(f))[0]!.IpRanges).toEqual([
      { CidrIp: '10.0.0.0/16', Description: 'old' },
      { CidrIp: '10.1.0.0/16' },
    ]);
  });
});
