/**
 * VPC endpoints and DHCP options sets through the SDK: the services an endpoint can reach,
 * gateway endpoints routing to their prefix list, interface endpoints holding an interface
 * per subnet, changes and deletion; DHCP options sets created, associated and deleted.
 */
import {
  AssociateDhcpOptionsCommand,
  CreateDhcpOptionsCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcEndpointCommand,
  DeleteDhcpOptionsCommand,
  DeleteVpcCommand,
  DeleteVpcEndpointsCommand,
  DescribeDhcpOptionsCommand,
  DescribeNetworkInterfacesCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTeiki, type TestTeiki } from '../../helpers/teiki.js';
import { expectEc2Error, freshVpc } from './helpers.js';

let teiki: TestTeiki;
beforeAll(async () => {
  teiki = await startTestTeiki();
});
afterAll(() => teiki.close());

const S3 = 'com.amazonaws.us-east-1.s3';
const LOGS = 'com.amazonaws.us-east-1.logs';
const FULL_ACCESS = JSON.stringify({
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
});

async function subnets(ec2: EC2Client, vpcId: string): Promise<[string, string, string]> {
  const make = async (cidr: string, zone: string) =>
    (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone }),
      )
    ).Subnet!.SubnetId!;
  return [
    await make('10.0.1.0/24', 'us-east-1a'),
    await make('10.0.2.0/24', 'us-east-1b'),
    await make('10.0.3.0/24', 'us-east-1a'),
  ];
}

describe('DescribeVpcEndpointServices and DescribePrefixLists', () => {
  it('offers S3 as a gateway and an interface, Logs as an interface with private DNS', async () => {
    const { ec2 } = await freshVpc(teiki);
    const s3 = await ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [S3] }));
    expect(s3.ServiceDetails?.map((d) => d.ServiceType?.[0]?.ServiceType).sort()).toEqual([
      'Gateway',
      'Interface',
    ]);
    const logs = await ec2.send(
      new DescribeVpcEndpointServicesCommand({
        ServiceNames: [LOGS],
        Filters: [{ Name: 'service-type', Values: ['Interface'] }],
      }),
    );
    expect(logs.ServiceDetails).toEqual([
      expect.objectContaining({
        ServiceName: LOGS,
        ServiceType: [{ ServiceType: 'Interface' }],
        PrivateDnsName: 'logs.us-east-1.amazonaws.com',
        BaseEndpointDnsNames: ['logs.us-east-1.vpce.amazonaws.com'],
        AcceptanceRequired: false,
        Owner: 'amazon',
        VpcEndpointPolicySupported: true,
      }),
    ]);
    expect(logs.ServiceNames).toEqual([LOGS]);
    await expectEc2Error(
      ec2.send(
        new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.nope'] }),
      ),
      'InvalidServiceName',
      "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist",
    );
    const lists = await ec2.send(
      new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [S3] }] }),
    );
    expect(lists.PrefixLists).toEqual([
      {
        PrefixListId: expect.stringMatching(/^pl-[0-9a-f]{8}$/),
        PrefixListName: S3,
        Cidrs: expect.any(Array),
      },
    ]);
  });
});

describe('gateway endpoints', () => {
  it('route the service’s prefix list from their route tables, follow changes, go with deletion', async () => {
    const { ec2, vpcId, account } = await freshVpc(teiki);
    const [a, b] = await Promise.all(
      [1, 2].map(
        async () =>
          (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!,
      ),
    );
    const created = (
      await ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: vpcId,
          ServiceName: S3,
          RouteTableIds: [a!],
          TagSpecifications: [
            { ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 's3' }] },
          ],
        }),
      )
    ).VpcEndpoint!;
    expect(created).toMatchObject({
      VpcEndpointId: expect.stringMatching(/^vpce-[0-9a-f]{17}$/),
      VpcEndpointType: 'Gateway',
      State: 'available',
      ServiceName: S3,
      OwnerId: account,
      PolicyDocument: FULL_ACCESS,
      RouteTableIds: [a],
      SubnetIds: [],
      NetworkInterfaceIds: [],
      Tags: [{ Key: 'Name', Value: 's3' }],
    });
    const prefixListId = (
      await ec2.send(
        new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [S3] }] }),
      )
    ).PrefixLists![0]!.PrefixListId;
    const endpointRoutes = async (table: string) =>
      (
        await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table] }))
      ).RouteTables![0]!.Routes!.filter((r) => r.GatewayId === created.VpcEndpointId);
    expect(await endpointRoutes(a!)).toEqual([
      {
        DestinationPrefixListId: prefixListId,
        GatewayId: created.VpcEndpointId,
        Origin: 'CreateRoute',
        State: 'active',
      },
    ]);
    await ec2.send(
      new ModifyVpcEndpointCommand({
        VpcEndpointId: created.VpcEndpointId,
        AddRouteTableIds: [b!],
        RemoveRouteTableIds: [a!],
        PolicyDocument:
          '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}',
      }),
    );
    expect(await endpointRoutes(a!)).toEqual([]);
    expect(await endpointRoutes(b!)).toHaveLength(1);
    const modified = (
      await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [created.VpcEndpointId!] }))
    ).VpcEndpoints![0]!;
    expect(modified.RouteTableIds).toEqual([b]);
    expect(JSON.parse(modified.PolicyDocument!).Statement[0].Effect).toBe('Deny');

    await expectEc2Error(
      ec2.send(new DeleteVpcCommand({ VpcId: vpcId })),
      'DependencyViolation',
      `The vpc '${vpcId}' has dependencies and cannot be deleted.`,
    );
    const deleted = await ec2.send(
      new DeleteVpcEndpointsCommand({
        VpcEndpointIds: [created.VpcEndpointId!, 'vpce-0123456789abcdef0'],
      }),
    );
    expect(deleted.Unsuccessful).toEqual([
      {
        ResourceId: 'vpce-0123456789abcdef0',
        Error: {
          Code: 'InvalidVpcEndpoint.NotFound',
          Message: "The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist",
        },
      },
    ]);
    expect(await endpointRoutes(b!)).toEqual([]);
    await expectEc2Error(
      ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [created.VpcEndpointId!] })),
      'InvalidVpcEndpointId.NotFound',
      `The Vpc Endpoint Id '${created.VpcEndpointId}' does not exist`,
    );
  });

  it('refuses an unknown service and a service that offers no gateway', async () => {
    const { ec2, vpcId } = await freshVpc(teiki);
    await expectEc2Error(
      ec2.send(
        new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.nope' }),
      ),
      'InvalidServiceName',
      "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist",
    );
    await expectEc2Error(
      ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: LOGS })),
      'InvalidParameter',
      `The Vpc Endpoint Service '${LOGS}' does not support Gateway endpoints.`,
    );
  });
});

describe('interface endpoints', () => {
  it('hold an interface per subnet with the default group, answer pending, then available', async () => {
    const { ec2, vpcId } = await freshVpc(teiki);
    await ec2.send(
      new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }),
    );
    const [a, b, sameZoneAsA] = await subnets(ec2, vpcId);
    const defaultGroup = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'group-name', Values: ['default'] },
          ],
        }),
      )
    ).SecurityGroups![0]!.GroupId;
    const created = (
      await ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: vpcId,
          ServiceName: LOGS,
          VpcEndpointType: 'Interface',
          SubnetIds: [a, b],
        }),
      )
    ).VpcEndpoint!;
    expect(created).toMatchObject({
      State: 'pending',
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      SubnetIds: [a, b],
      DnsOptions: { DnsRecordIpType: 'ipv4' },
      IpAddressType: 'ipv4',
    });
    expect(created.DnsEntries?.map((e) => e.DnsName)).toEqual([
      `${created.VpcEndpointId}.logs.us-east-1.vpce.amazonaws.com`,
      'logs.us-east-1.amazonaws.com',
    ]);
    expect(created.Groups).toEqual([{ GroupId: defaultGroup }]);
    const interfaces = (
      await ec2.send(
        new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: created.NetworkInterfaceIds }),
      )
    ).NetworkInterfaces!;
    expect(interfaces.map((i) => [i.InterfaceType, i.SubnetId, i.RequesterManaged]).sort()).toEqual(
      [
        ['vpc_endpoint', a, true],
        ['vpc_endpoint', b, true],
      ].sort(),
    );
    const described = (
      await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [created.VpcEndpointId!] }))
    ).VpcEndpoints![0]!;
    expect(described.State).toBe('available');

    await expectEc2Error(
      ec2.send(
        new ModifyVpcEndpointCommand({
          VpcEndpointId: created.VpcEndpointId,
          AddSubnetIds: [sameZoneAsA],
        }),
      ),
      'DuplicateSubnetsInSameZone',
      `Found another VPC endpoint subnet in the availability zone of ${sameZoneAsA}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
    );
    const group = await ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'endpoints', Description: 'e' }),
    );
    await ec2.send(
      new ModifyVpcEndpointCommand({
        VpcEndpointId: created.VpcEndpointId,
        RemoveSubnetIds: [b],
        AddSecurityGroupIds: [group.GroupId!],
      }),
    );
    const after = (
      await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [created.VpcEndpointId!] }))
    ).VpcEndpoints![0]!;
    expect(after.SubnetIds).toEqual([a]);
    expect(after.NetworkInterfaceIds).toHaveLength(1);
    expect(after.Groups?.map((g) => g.GroupId)).toContain(group.GroupId);

    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [created.VpcEndpointId!] }));
    const left = await ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    expect(left.NetworkInterfaces).toEqual([]);
  });

  it('refuses private DNS in a VPC without DNS hostnames, and twice for one service', async () => {
    const { ec2, vpcId } = await freshVpc(teiki);
    const [a] = await subnets(ec2, vpcId);
    const create = () =>
      ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: vpcId,
          ServiceName: LOGS,
          VpcEndpointType: 'Interface',
          SubnetIds: [a],
        }),
      );
    await expectEc2Error(
      create(),
      'InvalidParameter',
      `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpcId}`,
    );
    await ec2.send(
      new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }),
    );
    await create();
    await expectEc2Error(
      create(),
      'InvalidParameter',
      `private-dns-enabled cannot be set because there is already a conflicting DNS domain for logs.us-east-1.amazonaws.com in the VPC ${vpcId}`,
    );
  });
});

describe('DHCP options sets', () => {
  it('are created, associated with a VPC, held while used, and deleted', async () => {
    const { ec2, vpcId, account } = await freshVpc(teiki);
    const created = (
      await ec2.send(
        new CreateDhcpOptionsCommand({
          DhcpConfigurations: [
            { Key: 'domain-name', Values: ['service.consul'] },
            { Key: 'domain-name-servers', Values: ['127.0.0.1', '10.10.0.2'] },
          ],
          TagSpecifications: [
            { ResourceType: 'dhcp-options', Tags: [{ Key: 'Name', Value: 'd' }] },
          ],
        }),
      )
    ).DhcpOptions!;
    expect(created).toEqual({
      DhcpConfigurations: [
        { Key: 'domain-name', Values: [{ Value: 'service.consul' }] },
        { Key: 'domain-name-servers', Values: [{ Value: '127.0.0.1' }, { Value: '10.10.0.2' }] },
      ],
      DhcpOptionsId: expect.stringMatching(/^dopt-[0-9a-f]{17}$/),
      OwnerId: account,
      Tags: [{ Key: 'Name', Value: 'd' }],
    });
    await ec2.send(
      new AssociateDhcpOptionsCommand({ VpcId: vpcId, DhcpOptionsId: created.DhcpOptionsId }),
    );
    const vpcOptions = async () =>
      (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!.DhcpOptionsId;
    expect(await vpcOptions()).toBe(created.DhcpOptionsId);
    await expectEc2Error(
      ec2.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: created.DhcpOptionsId })),
      'DependencyViolation',
      `The dhcpOptions '${created.DhcpOptionsId}' has dependencies and cannot be deleted.`,
    );
    await ec2.send(new AssociateDhcpOptionsCommand({ VpcId: vpcId, DhcpOptionsId: 'default' }));
    expect(await vpcOptions()).toBe('default');
    await ec2.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: created.DhcpOptionsId }));
    await expectEc2Error(
      ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [created.DhcpOptionsId!] })),
      'InvalidDhcpOptionID.NotFound',
      `The dhcpOption ID '${created.DhcpOptionsId}' does not exist`,
    );
  });

  it('refuses an unknown key and an unknown set', async () => {
    const { ec2, vpcId } = await freshVpc(teiki);
    await expectEc2Error(
      ec2.send(
        new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'router', Values: ['x'] }] }),
      ),
      'InvalidParameterValue',
      'Value (router) for parameter key is invalid. Unknown key',
    );
    await expectEc2Error(
      ec2.send(
        new AssociateDhcpOptionsCommand({ VpcId: vpcId, DhcpOptionsId: 'dopt-0123456789abcdef0' }),
      ),
      'InvalidDhcpOptionID.NotFound',
      "The dhcpOption ID 'dopt-0123456789abcdef0' does not exist",
    );
  });
});
