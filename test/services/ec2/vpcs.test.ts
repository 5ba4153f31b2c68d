import {
  CreateVpcCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
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

/** A client for an account of its own, so each test sees only its own VPCs. */
let nextAccount = 210000000000;
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

describe('CreateVpc', () => {
  it('creates a pending VPC that then describes as available, with the region’s DHCP options', async () => {
    const ec2 = freshAccount();
    const vpc = await createVpc(ec2, '10.1.0.0/16', 'app');
    expect(vpc).toMatchObject({
      CidrBlock: '10.1.0.0/16',
      State: 'pending',
      IsDefault: false,
      InstanceTenancy: 'default',
      OwnerId: String(nextAccount),
      Tags: [{ Key: 'Name', Value: 'app' }],
      CidrBlockAssociationSet: [
        {
          AssociationId: expect.stringMatching(/^vpc-cidr-assoc-[0-9a-f]{17}$/),
          CidrBlock: '10.1.0.0/16',
          CidrBlockState: { State: 'associated' },
        },
      ],
    });
    expect(vpc.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    const described = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }));
    expect(described.Vpcs).toEqual([{ ...vpc, State: 'available' }]);
    const defaultVpc = (
      await ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
      )
    ).Vpcs![0]!;
    expect(vpc.DhcpOptionsId).toBe(defaultVpc.DhcpOptionsId);
  });

  it('gives the VPC a default security group, a main route table and a default network ACL', async () => {
    const ec2 = freshAccount();
    const account = String(nextAccount);
    const vpc = await createVpc(ec2, '10.2.0.0/16');
    const vpcFilter = [{ Name: 'vpc-id', Values: [vpc.VpcId!] }];

    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: vpcFilter })))
      .SecurityGroups!;
    expect(groups).toHaveLength(1);
    const sg = groups[0]!;
    expect(sg).toMatchObject({
      GroupName: 'default',
      Description: 'default VPC security group',
      VpcId: vpc.VpcId,
      OwnerId: account,
      IpPermissions: [
        {
          IpProtocol: '-1',
          UserIdGroupPairs: [{ GroupId: sg.GroupId, UserId: account }],
          IpRanges: [],
          Ipv6Ranges: [],
          PrefixListIds: [],
        },
      ],
      IpPermissionsEgress: [
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ],
    });

    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: vpcFilter })))
      .RouteTables!;
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({
      VpcId: vpc.VpcId,
      Routes: [
        {
          DestinationCidrBlock: '10.2.0.0/16',
          GatewayId: 'local',
          Origin: 'CreateRouteTable',
          State: 'active',
        },
      ],
      Associations: [
        {
          Main: true,
          RouteTableId: tables[0]!.RouteTableId,
          AssociationState: { State: 'associated' },
        },
      ],
    });

    const acls = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: vpcFilter })))
      .NetworkAcls!;
    expect(acls).toHaveLength(1);
    expect(acls[0]).toMatchObject({ IsDefault: true, VpcId: vpc.VpcId, Associations: [] });
    expect(acls[0]!.Entries).toEqual([
      {
        CidrBlock: '0.0.0.0/0',
        Egress: true,
        Protocol: '-1',
        RuleAction: 'allow',
        RuleNumber: 100,
      },
      {
        CidrBlock: '0.0.0.0/0',
        Egress: true,
        Protocol: '-1',
        RuleAction: 'deny',
        RuleNumber: 32767,
      },
      {
        CidrBlock: '0.0.0.0/0',
        Egress: false,
        Protocol: '-1',
        RuleAction: 'allow',
        RuleNumber: 100,
      },
      {
        CidrBlock: '0.0.0.0/0',
        Egress: false,
        Protocol: '-1',
        RuleAction: 'deny',
        RuleNumber: 32767,
      },
    ]);
  });

  it('accepts /16 through /28 and dedicated tenancy', async () => {
    const ec2 = freshAccount();
    expect((await createVpc(ec2, '10.0.0.0/28')).CidrBlock).toBe('10.0.0.0/28');
    const dedicated = await ec2.send(
      new CreateVpcCommand({ CidrBlock: '192.168.0.0/16', InstanceTenancy: 'dedicated' }),
    );
    expect(dedicated.Vpc?.InstanceTenancy).toBe('dedicated');
  });

  it.each([
    [
      '10.0.0.0/33',
      'InvalidParameterValue',
      'Value (10.0.0.0/33) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
    ],
    [
      '10.0.0.1/16',
      'InvalidParameterValue',
      'Value (10.0.0.1/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
    ],
    [
      'not-a-cidr',
      'InvalidParameterValue',
      'Value (not-a-cidr) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
    ],
    [
      '256.0.0.0/16',
      'InvalidParameterValue',
      'Value (256.0.0.0/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
    ],
    ['10.0.0.0/8', 'InvalidVpc.Range', "The CIDR '10.0.0.0/8' is invalid."],
    ['10.0.0.0/29', 'InvalidVpc.Range', "The CIDR '10.0.0.0/29' is invalid."],
  ])('refuses CidrBlock %s', async (cidr, code, message) => {
    const ec2 = freshAccount();
    await expectEc2Error(ec2.send(new CreateVpcCommand({ CidrBlock: cidr })), code, message);
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });

  it('refuses a request without a CIDR block, host tenancy, and foreign tag specifications', async () => {
    const ec2 = freshAccount();
    await expectEc2Error(
      ec2.send(new CreateVpcCommand({})),
      'MissingParameter',
      "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.",
    );
    await expectEc2Error(
      ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', InstanceTenancy: 'host' })),
      'InvalidParameterValue',
      "Value (host) for parameter instanceTenancy is invalid. Valid values: 'default', 'dedicated'.",
    );
    await expectEc2Error(
      ec2.send(
        new CreateVpcCommand({
          CidrBlock: '10.0.0.0/16',
          TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'a', Value: 'b' }] }],
        }),
      ),
      'InvalidParameterValue',
      "'subnet' is not a valid taggable resource type for this operation.",
    );
    await expectEc2Error(
      ec2.send(
        new CreateVpcCommand({
          CidrBlock: '10.0.0.0/16',
          TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'aws:owner', Value: 'me' }] }],
        }),
      ),
      'InvalidParameterValue',
      "Tag keys starting with 'aws:' are reserved for internal use",
    );
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });

  it('answers DryRun with DryRunOperation (412) and creates nothing', async () => {
    const ec2 = freshAccount();
    await expectEc2Error(
      ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', DryRun: true })),
      'DryRunOperation',
      'Request would have succeeded, but DryRun flag is set.',
      412,
    );
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });
});

describe('DescribeVpcs', () => {
  let ec2: EC2Client;
  let web: string;
  let db: string;
  let defaultVpc: string;
  beforeAll(async () => {
    ec2 = freshAccount();
    web = (await createVpc(ec2, '10.10.0.0/16', 'web-prod')).VpcId!;
    db = (await createVpc(ec2, '10.20.0.0/16', 'db-prod')).VpcId!;
    defaultVpc = (
      await ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
      )
    ).Vpcs![0]!.VpcId!;
  });

  const ids = async (filters: Array<{ Name: string; Values: string[] }>) =>
    ((await ec2.send(new DescribeVpcsCommand({ Filters: filters }))).Vpcs ?? [])
      .map((v) => v.VpcId)
      .sort();

  it('filters by id, CIDR, default, state, owner and tags (values ORed, filters ANDed, wildcards)', async () => {
    expect(await ids([{ Name: 'vpc-id', Values: [web, db] }])).toEqual([web, db].sort());
    expect(await ids([{ Name: 'cidr', Values: ['10.10.0.0/16'] }])).toEqual([web]);
    expect(
      await ids([{ Name: 'cidr-block-association.cidr-block', Values: ['10.20.0.0/16'] }]),
    ).toEqual([db]);
    expect(await ids([{ Name: 'is-default', Values: ['false'] }])).toEqual([web, db].sort());
    expect(await ids([{ Name: 'is-default', Values: ['true'] }])).toEqual([defaultVpc]);
    expect(await ids([{ Name: 'state', Values: ['available'] }])).toHaveLength(3);
    expect(await ids([{ Name: 'owner-id', Values: [String(nextAccount)] }])).toHaveLength(3);
    expect(await ids([{ Name: 'owner-id', Values: ['999999999999'] }])).toEqual([]);
    expect(await ids([{ Name: 'tag:Name', Values: ['web-prod'] }])).toEqual([web]);
    expect(await ids([{ Name: 'tag:Name', Values: ['*-prod'] }])).toEqual([web, db].sort());
    expect(await ids([{ Name: 'tag:Name', Values: ['?b-prod'] }])).toEqual([db]);
    expect(await ids([{ Name: 'tag-key', Values: ['Name'] }])).toEqual([web, db].sort());
    expect(await ids([{ Name: 'tag-value', Values: ['db-*'] }])).toEqual([db]);
    expect(
      await ids([
        { Name: 'tag:Name', Values: ['*-prod'] },
        { Name: 'cidr', Values: ['10.20.0.0/16'] },
      ]),
    ).toEqual([db]);
  });

  it('matches wildcards without backtracking, escapes included', async () => {
    expect(await ids([{ Name: 'tag:Name', Values: [`${'*-'.repeat(60)}*x`] }])).toEqual([]);
    expect(await ids([{ Name: 'tag:Name', Values: ['*\\*'] }])).toEqual([]);
    expect(await ids([{ Name: 'tag:Name', Values: ['web\\-prod'] }])).toEqual([web]);
    expect(await ids([{ Name: 'tag:Name', Values: ['*p*r*o*d'] }])).toEqual([web, db].sort());
  });

  it('refuses more than 200 filter values, or a value over 255 characters (FilterLimitExceeded)', async () => {
    const many = Array.from({ length: 201 }, (_, i) => `vpc-${String(i).padStart(17, '0')}`);
    await expectEc2Error(
      ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: many }] })),
      'FilterLimitExceeded',
      'The maximum number of filter values specified on a single call is 200',
    );
    // Counted over every filter of the call.
    const split = [
      { Name: 'vpc-id', Values: many.slice(0, 100) },
      { Name: 'tag:Name', Values: many.slice(100) },
    ];
    await expectEc2Error(
      ec2.send(new DescribeVpcsCommand({ Filters: split })),
      'FilterLimitExceeded',
      'The maximum number of filter values specified on a single call is 200',
    );
    expect(await ids([{ Name: 'vpc-id', Values: many.slice(0, 200) }])).toEqual([]);
    await expectEc2Error(
      ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['x'.repeat(256)] }] }),
      ),
      'FilterLimitExceeded',
      'The maximum length for a filter value is 255 characters',
    );
    expect(await ids([{ Name: 'tag:Name', Values: ['x'.repeat(255)] }])).toEqual([]);
  });

  it('names the missing VPCs', async () => {
    await expectEc2Error(
      ec2.send(new DescribeVpcsCommand({ VpcIds: [web, 'vpc-0123456789abcdef0'] })),
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0123456789abcdef0' does not exist",
    );
    await expectEc2Error(
      ec2.send(
        new DescribeVpcsCommand({ VpcIds: ['vpc-0000000000000000a', 'vpc-0000000000000000b'] }),
      ),
      'InvalidVpcID.NotFound',
      "The vpc IDs 'vpc-0000000000000000a, vpc-0000000000000000b' do not exist",
    );
  });

  it('refuses an unknown filter', async () => {
    await expectEc2Error(
      ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })),
      'InvalidParameterValue',
      "The filter 'colour' is invalid",
    );
  });

  it('pages with MaxResults and NextToken, and refuses a token it did not issue', async () => {
    const pager = freshAccount();
    for (let i = 0; i < 6; i++) await createVpc(pager, `10.${i}.0.0/16`);
    const first = await pager.send(new DescribeVpcsCommand({ MaxResults: 5 }));
    expect(first.Vpcs).toHaveLength(5);
    expect(first.NextToken).toBeTruthy();
    const second = await pager.send(
      new DescribeVpcsCommand({ MaxResults: 5, NextToken: first.NextToken }),
    );
    expect(second.Vpcs).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
    const all = [...first.Vpcs!, ...second.Vpcs!].map((v) => v.VpcId);
    expect(new Set(all).size).toBe(7);
    await expectEc2Error(
      pager.send(new DescribeVpcsCommand({ MaxResults: 5, NextToken: 'garbage' })),
      'InvalidPaginationToken',
      'The specified pagination token is not valid or is expired.',
    );
  });
});
