import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  type IpPermission,
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

describe('AuthorizeSecurityGroupIngress', () => {
  it('adds one rule per peer, answers their ids, and groups them by protocol and ports', async () => {
    const f = await fixture();
    const out = await f.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: f.groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'vpc' }, { CidrIp: '192.168.0.0/24' }],
            Ipv6Ranges: [{ CidrIpv6: '2001:DB8::/32' }],
          },
          {
            IpProtocol: '6',
            FromPort: 8000,
            ToPort: 8080,
            UserIdGroupPairs: [{ GroupId: f.groupId, Description: 'self' }],
          },
          { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { IpProtocol: '50', FromPort: 1, ToPort: 2, IpRanges: [{ CidrIp: '10.9.0.0/16' }] },
        ],
      }),
    );
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules).toHaveLength(6);
    expect(out.SecurityGroupRules![0]).toEqual({
      SecurityGroupRuleId: expect.stringMatching(/^sgr-[0-9a-f]{17}$/),
      GroupId: f.groupId,
      GroupOwnerId: f.account,
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIpv4: '10.0.0.0/16',
      Description: 'vpc',
      Tags: [],
      SecurityGroupRuleArn: `arn:aws:ec2:us-east-1:${f.account}:security-group-rule/${out.SecurityGroupRules![0]!.SecurityGroupRuleId}`,
    });
    expect(out.SecurityGroupRules![3]).toMatchObject({
      IpProtocol: 'tcp',
      FromPort: 8000,
      ToPort: 8080,
      ReferencedGroupInfo: { GroupId: f.groupId, UserId: f.account },
    });
    expect(out.SecurityGroupRules![5]).toMatchObject({
      IpProtocol: '50',
      FromPort: -1,
      ToPort: -1,
    });

    expect((await groupOf(f)).IpPermissions).toEqual([
      {
        ...empty,
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'vpc' }, { CidrIp: '192.168.0.0/24' }],
        Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
      },
      {
        ...empty,
        IpProtocol: 'tcp',
        FromPort: 8000,
        ToPort: 8080,
        UserIdGroupPairs: [{ GroupId: f.groupId, UserId: f.account, Description: 'self' }],
      },
      {
        ...empty,
        IpProtocol: 'icmp',
        FromPort: 8,
        ToPort: -1,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      },
      { ...empty, IpProtocol: '50', IpRanges: [{ CidrIp: '10.9.0.0/16' }] },
    ]);
  });

  it('takes the older top-level form (CidrIp, IpProtocol, ports)', async () => {
    const f = await fixture();
    await f.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: f.groupId,
        IpProtocol: 'udp',
        FromPort: 53,
        ToPort: 53,
        CidrIp: '10.0.0.0/8',
      }),
    );
    expect((await groupOf(f)).IpPermissions).toEqual([
      {
        ...empty,
        IpProtocol: 'udp',
        FromPort: 53,
        ToPort: 53,
        IpRanges: [{ CidrIp: '10.0.0.0/8' }],
      },
    ]);
  });

  it('refuses a rule the group already has, naming it as AWS does', async () => {
    const f = await fixture();
    const rule = {
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: '10.0.0.0/16' }],
    };
    await f.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: f.groupId, IpPermissions: [rule] }),
    );
    await expectEc2Error(
      f.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: f.groupId,
          IpPermissions: [
            { ...rule, IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'other words' }] },
          ],
        }),
      ),
      'InvalidPermission.Duplicate',
      'the specified rule "peer: 10.0.0.0/16, TCP, from port: 22, to port: 22, ALLOW" already exists',
    );
    await expectEc2Error(
      f.ec2.send(
        new AuthorizeSecurityGroupEgressCommand({
          GroupId: f.groupId,
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      ),
      'InvalidPermission.Duplicate',
      'the specified rule "peer: 0.0.0.0/0, ALL, ALLOW" already exists',
    );
  });

  it.each<[string, IpPermission[], string, string]>([
    [
      'an unknown protocol',
      [{ IpProtocol: 'all', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      'InvalidParameterValue',
      "Invalid value 'all' for IP protocol. Unknown protocol.",
    ],
    [
      'no protocol',
      [{ FromPort: 1, ToPort: 2, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      'InvalidParameterValue',
      "Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.",
    ],
    [
      'TCP without ports',
      [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      'InvalidParameterValue',
      "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange",
    ],
    [
      'ICMP without type',
      [{ IpProtocol: 'icmp', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      'InvalidParameterValue',
      "Invalid value 'Must specify both from and to ports with ICMP.' for portRange",
    ],
    [
      'a reversed port range',
      [{ IpProtocol: 'tcp', FromPort: 90, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      'InvalidParameterValue',
      "Invalid value 'Invalid TCP/UDP port range (90 - 80).' for portRange",
    ],
    [
      'a malformed CIDR',
      [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2, IpRanges: [{ CidrIp: '10.0.0.0/40' }] }],
      'InvalidParameterValue',
      'CIDR block 10.0.0.0/40 is malformed',
    ],
    [
      'a CIDR with host bits',
      [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2, IpRanges: [{ CidrIp: '10.0.0.1/16' }] }],
      'InvalidParameterValue',
      'CIDR block 10.0.0.1/16 is malformed',
    ],
    [
      'a malformed IPv6 CIDR',
      [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2, Ipv6Ranges: [{ CidrIpv6: '2001:zz::/32' }] }],
      'InvalidParameterValue',
      'CIDR block 2001:zz::/32 is malformed',
    ],
    [
      'an unknown source group',
      [
        {
          IpProtocol: 'tcp',
          FromPort: 1,
          ToPort: 2,
          UserIdGroupPairs: [{ GroupId: 'sg-0000000000000000d' }],
        },
      ],
      'InvalidGroup.NotFound',
      "The security group 'sg-0000000000000000d' does not exist",
    ],
    [
      'a prefix list teiki does not have',
      [
        {
          IpProtocol: 'tcp',
          FromPort: 1,
          ToPort: 2,
          PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }],
        },
      ],
      'InvalidParameterValue',
      "The prefix list ID 'pl-63a5400a' does not exist",
    ],
    [
      'a description outside AWS’s characters',
      [
        {
          IpProtocol: 'tcp',
          FromPort: 1,
          ToPort: 2,
          IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'caf\u00e9' }],
        },
      ],
      'InvalidParameterValue',
      'Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*',
    ],
  ])('refuses %s and changes nothing', async (_what, permissions, code, message) => {
    const f = await fixture();
    await expectEc2Error(
      f.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: f.groupId,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 1, ToPort: 1, IpRanges: [{ CidrIp: '1.1.1.1/32' }] },
            ...permissions,
          ],
        }),
      ),
      code,
      message,
    );
    expect((await groupOf(f)).IpPermissions).toEqual([]);
  });

  it('refuses an unknown group and a request without permissions', async () => {
    const f = await fixture();
    await expectEc2Error(
      f.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: 'sg-0000000000000000a',
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      ),
      'InvalidGroup.NotFound',
      "The security group 'sg-0000000000000000a' does not exist",
    );
    await expectEc2Error(
      f.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: f.groupId })),
      'MissingParameter',
      'The request must contain the parameter ipPermissions',
    );
  });
});
