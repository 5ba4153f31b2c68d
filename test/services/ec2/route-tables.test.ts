import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
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

async function attachedGateway(f: Fixture): Promise<string> {
  const igw = (await f.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!
    .InternetGatewayId!;
  await f.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: f.vpcId }));
  return igw;
}

async function table(f: Fixture, id: string) {
  return (await f.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] })))
    .RouteTables![0]!;
}

describe('route tables', () => {
  it('creates a table with the local route, tagged, and no associations', async () => {
    const f = await fixture();
    const out = await f.ec2.send(
      new CreateRouteTableCommand({
        VpcId: f.vpcId,
        TagSpecifications: [
          { ResourceType: 'route-table', Tags: [{ Key: 'Name', Value: 'private' }] },
        ],
      }),
    );
    expect(out.RouteTable).toEqual({
      Associations: [],
      PropagatingVgws: [],
      RouteTableId: expect.stringMatching(/^rtb-[0-9a-f]{17}$/),
      Routes: [
        {
          DestinationCidrBlock: '10.0.0.0/16',
          GatewayId: 'local',
          Origin: 'CreateRouteTable',
          State: 'active',
        },
      ],
      Tags: [{ Key: 'Name', Value: 'private' }],
      VpcId: f.vpcId,
      OwnerId: f.account,
    });
    expect(await table(f, out.RouteTable!.RouteTableId!)).toEqual(out.RouteTable);
  });

  it('associates a subnet, finds it by filter, and disassociates it', async () => {
    const f = await fixture();
    const rtb = (await f.ec2.send(new CreateRouteTableCommand({ VpcId: f.vpcId }))).RouteTable!
      .RouteTableId!;
    const assoc = await f.ec2.send(
      new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: f.subnetId }),
    );
    expect(assoc).toMatchObject({
      AssociationId: expect.stringMatching(/^rtbassoc-[0-9a-f]{17}$/),
      AssociationState: { State: 'associated' },
    });
    const found = await f.ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [{ Name: 'association.subnet-id', Values: [f.subnetId] }],
      }),
    );
    expect(found.RouteTables!.map((t) => t.RouteTableId)).toEqual([rtb]);
    expect(found.RouteTables![0]!.Associations).toEqual([
      {
        Main: false,
        RouteTableAssociationId: assoc.AssociationId,
        RouteTableId: rtb,
        SubnetId: f.subnetId,
        AssociationState: { State: 'associated' },
      },
    ]);
    const other = (await f.ec2.send(new CreateRouteTableCommand({ VpcId: f.vpcId }))).RouteTable!
      .RouteTableId!;
    await expectEc2Error(
      f.ec2.send(new AssociateRouteTableCommand({ RouteTableId: other, SubnetId: f.subnetId })),
      'Resource.AlreadyAssociated',
      `the specified association for route table ${other} conflicts with an existing association`,
    );
    await expectEc2Error(
      f.ec2.send(new DeleteRouteTableCommand({ RouteTableId: rtb })),
      'DependencyViolation',
      `The routeTable '${rtb}' has dependencies and cannot be deleted.`,
    );
    await f.ec2.send(new DisassociateRouteTableCommand({ AssociationId: assoc.AssociationId }));
    expect((await table(f, rtb)).Associations).toEqual([]);
    await expectEc2Error(
      f.ec2.send(new DisassociateRouteTableCommand({ AssociationId: assoc.AssociationId })),
      'InvalidAssociationID.NotFound',
      `The association ID '${assoc.AssociationId}' does not exist`,
    );
    await f.ec2.send(new DeleteRouteTableCommand({ RouteTableId: rtb }));
    await expectEc2Error(
      f.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] })),
      'InvalidRouteTableID.NotFound',
      `The routeTable ID '${rtb}' does not exist`,
    );
  });

  it('keeps the main table: filters find it, and it cannot be deleted or disassociated', async () => {
    const f = await fixture();
    const main = (
      await f.ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [
            { Name: 'association.main', Values: ['true'] },
            { Name: 'vpc-id', Values: [f.vpcId] },
          ],
        }),
      )
    ).RouteTables!;
    expect(main).toHaveLength(1);
    const mainAssociation = main[0]!.Associations![0]!;
    await expectEc2Error(
      f.ec2.send(new DeleteRouteTableCommand({ RouteTableId: main[0]!.RouteTableId })),
      'DependencyViolation',
      `The routeTable '${main[0]!.RouteTableId}' has dependencies and cannot be deleted.`,
    );
    await expectEc2Error(
      f.ec2.send(
        new DisassociateRouteTableCommand({
          AssociationId: mainAssociation.RouteTableAssociationId,
        }),
      ),
      'InvalidParameterValue',
      `cannot disassociate the main route table association ${mainAssociation.RouteTableAssociationId}`,
    );
  });

  it('refuses a subnet of another VPC and an unknown subnet', async () => {
    const f = await fixture();
    const rtb = (await f.ec2.send(new CreateRouteTableCommand({ VpcId: f.vpcId }))).RouteTable!
      .RouteTableId!;
    const otherVpc = (await f.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!
      .VpcId!;
    const otherSubnet = (
      await f.ec2.send(new CreateSubnetCommand({ VpcId: otherVpc, CidrBlock: '10.1.0.0/24' }))
    ).Subnet!.SubnetId!;
    await expectEc2Error(
      f.ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: otherSubnet })),
      'InvalidParameterValue',
      `Route table ${rtb} and subnet ${otherSubnet} belong to different networks`,
    );
    await expectEc2Error(
      f.ec2.send(
        new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: 'subnet-00000000000000000' }),
      ),
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-00000000000000000' does not exist",
    );
  });
});

describe('routes', () => {
  it('routes to an attached internet gateway, blackholes it when detached, and deletes the route', async () => {
    const f = await fixture();
    const rtb = (await f.ec2.send(new CreateRouteTableCommand({ VpcId: f.vpcId }))).RouteTable!
      .RouteTableId!;
    const igw = await attachedGateway(f);
    const created = await f.ec2.send(
      new CreateRouteCommand({
        RouteTableId: rtb,
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: igw,
      }),
    );
    expect(created.Return).toBe(true);
    expect((await table(f, rtb)).Routes).toEqual([
      {
        DestinationCidrBlock: '10.0.0.0/16',
        GatewayId: 'local',
        Origin: 'CreateRouteTable',
        State: 'active',
      },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, Origin: 'CreateRoute', State: 'active' },
    ]);
    const byRoute = await f.ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.gateway-id', Values: [igw] }] }),
    );
    expect(byRoute.RouteTables!.map((t) => t.RouteTableId)).toEqual([rtb]);
    await expectEc2Error(
      f.ec2.send(
        new CreateRouteCommand({
          RouteTableId: rtb,
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: igw,
        }),
      ),
      'RouteAlreadyExists',
      'The route identified by 0.0.0.0/0 already exists.',
    );

    await f.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: f.vpcId }));
    expect((await table(f, rtb)).Routes![1]!.State).toBe('blackhole');

    await f.ec2.send(
      new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0' }),
    );
    expect((await table(f, rtb)).Routes).toHaveLength(1);
    await expectEc2Error(
      f.ec2.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0' })),
      'InvalidRoute.NotFound',
      `no route with destination-cidr-block 0.0.0.0/0 in route table ${rtb}`,
    );
    await expectEc2Error(
      f.ec2.send(
        new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.0.0.0/16' }),
      ),
      'InvalidParameterValue',
      `cannot remove local route 10.0.0.0/16 in route table ${rtb}`,
    );
  });

  it.each([
    [
      { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123456789abcdef0' },
      'InvalidNatGatewayID.NotFound',
      "The natGateway ID 'nat-0123456789abcdef0' does not exist",
    ],
    [
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-00000000000000000' },
      'InvalidInternetGatewayID.NotFound',
      "The internetGateway ID 'igw-00000000000000000' does not exist",
    ],
    [
      { DestinationCidrBlock: '0.0.0.0/0' },
      'MissingParameter',
      /^The request must contain exactly one of gatewayId, natGatewayId/,
    ],
    [
      { DestinationCidrBlock: '10.0.0.0/33', GatewayId: 'igw-00000000000000000' },
      'InvalidParameterValue',
      'Value (10.0.0.0/33) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.',
    ],
    [
      { GatewayId: 'igw-00000000000000000' },
      'MissingParameter',
      'The request must contain exactly one of destinationCidrBlock, destinationIpv6CidrBlock or destinationPrefixListId',
    ],
  ])('refuses %o', async (input, code, message) => {
    const f = await fixture();
    const rtb = (await f.ec2.send(new CreateRouteTableCommand({ VpcId: f.vpcId }))).RouteTable!
      .RouteTableId!;
    await expectEc2Error(
      f.ec2.send(new CreateRouteCommand({ RouteTableId: rtb, ...input })),
      code,
      message,
    );
    expect((await table(f, rtb)).Routes).toHaveLength(1);
  });

  it('refuses a gateway that is not attached to the table’s VPC', async () => {
    const f = await fixture();
    const rtb = (await f.ec2.send(new CreateRouteTableCommand({ VpcId: f.vpcId }))).RouteTable!
      .RouteTableId!;
    const igw = (await f.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!
      .InternetGatewayId!;
    await expectEc2Error(
      f.ec2.send(
        new CreateRouteCommand({
          RouteTableId: rtb,
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: igw,
        }),
      ),
      'InvalidParameterValue',
      `route table ${rtb} and network gateway ${igw} belong to different networks`,
    );
  });
});
