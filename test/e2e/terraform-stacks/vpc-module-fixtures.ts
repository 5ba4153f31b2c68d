/**
 * What terraform-aws-modules/vpc/aws and its vpc-endpoints submodule create with common
 * settings (public and private subnets in two zones, one NAT gateway with its Elastic IP,
 * dedicated public and private network ACLs, the managed default ACL, route table and
 * security group, a DHCP options set, an S3 gateway endpoint and a CloudWatch Logs interface
 * endpoint; flow logs off), written out as the modules write the resources, since the
 * registry is out of reach here. Apply, a plan with no changes, destroy, and only the
 * default network left.
 */
import {
  DescribeAddressesCommand,
  DescribeDhcpOptionsCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import type { StackContext, TerraformStack } from './stack-helpers.js';

const VPC_TF = `
locals {
  name            = "teiki-vpc"
  azs             = ["us-east-1a", "us-east-1b"]
  public_subnets  = ["10.0.101.0/24", "10.0.102.0/24"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]
  tags            = { Terraform = "true", Environment = "test" }
}

resource "aws_vpc" "this" {
  cidr_block           = "10.0.0.0/16"
  instance_tenancy     = "default"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = merge({ Name = local.name }, local.tags)
}

resource "aws_vpc_dhcp_options" "this" {
  domain_name          = "service.consul"
  domain_name_servers  = ["127.0.0.1", "10.10.0.2"]
  ntp_servers          = ["127.0.0.1"]
  netbios_name_servers = ["127.0.0.1"]
  netbios_node_type    = 2
  tags                 = merge({ Name = local.name }, local.tags)
}

resource "aws_vpc_dhcp_options_association" "this" {
  vpc_id          = aws_vpc.this.id
  dhcp_options_id = aws_vpc_dhcp_options.this.id
}

resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge({ Name = "\${local.name}-default" }, local.tags)
}

resource "aws_default_network_acl" "this" {
  default_network_acl_id = aws_vpc.this.default_network_acl_id

  ingress {
    rule_no    = 100
    action     = "allow"
    from_port  = 0
    to_port    = 0
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    rule_no         = 101
    action          = "allow"
    from_port       = 0
    to_port         = 0
    protocol        = "-1"
    ipv6_cidr_block = "::/0"
  }
  egress {
    rule_no    = 100
    action     = "allow"
    from_port  = 0
    to_port    = 0
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
  }
  egress {
    rule_no         = 101
    action          = "allow"
    from_port       = 0
    to_port         = 0
    protocol        = "-1"
    ipv6_cidr_block = "::/0"
  }

  tags = merge({ Name = "\${local.name}-default" }, local.tags)

  lifecycle {
    ignore_changes = [subnet_ids]
  }
}

resource "aws_default_route_table" "default" {
  default_route_table_id = aws_vpc.this.default_route_table_id
  timeouts {
    create = "5m"
    update = "5m"
  }
  tags = merge({ Name = "\${local.name}-default" }, local.tags)
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge({ Name = local.name }, local.tags)
}

resource "aws_subnet" "public" {
  count                   = length(local.public_subnets)
  vpc_id                  = aws_vpc.this.id
  cidr_block              = local.public_subnets[count.index]
  availability_zone       = local.azs[count.index]
  map_public_ip_on_launch = false
  tags                    = merge({ Name = "\${local.name}-public-\${local.azs[count.index]}" }, local.tags)
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = merge({ Name = "\${local.name}-public" }, local.tags)
}

resource "aws_route" "public_internet_gateway" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
  timeouts {
    create = "5m"
  }
}

resource "aws_route_table_association" "public" {
  count          = length(local.public_subnets)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_network_acl" "public" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = aws_subnet.public[*].id
  tags       = merge({ Name = "\${local.name}-public" }, local.tags)
}

resource "aws_network_acl_rule" "public_inbound" {
  network_acl_id = aws_network_acl.public.id
  egress         = false
  rule_number    = 100
  rule_action    = "allow"
  from_port      = 0
  to_port        = 0
  protocol       = "-1"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "public_inbound_https" {
  network_acl_id = aws_network_acl.public.id
  egress         = false
  rule_number    = 110
  rule_action    = "deny"
  from_port      = 8443
  to_port        = 8443
  protocol       = "tcp"
  cidr_block     = "192.0.2.0/24"
}

resource "aws_network_acl_rule" "public_outbound" {
  network_acl_id = aws_network_acl.public.id
  egress         = true
  rule_number    = 100
  rule_action    = "allow"
  from_port      = 0
  to_port        = 0
  protocol       = "-1"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_subnet" "private" {
  count             = length(local.private_subnets)
  vpc_id            = aws_vpc.this.id
  cidr_block        = local.private_subnets[count.index]
  availability_zone = local.azs[count.index]
  tags              = merge({ Name = "\${local.name}-private-\${local.azs[count.index]}" }, local.tags)
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  tags   = merge({ Name = "\${local.name}-private" }, local.tags)
}

resource "aws_route_table_association" "private" {
  count          = length(local.private_subnets)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

resource "aws_network_acl" "private" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = aws_subnet.private[*].id
  tags       = merge({ Name = "\${local.name}-private" }, local.tags)
}

resource "aws_network_acl_rule" "private_inbound" {
  network_acl_id = aws_network_acl.private.id
  egress         = false
  rule_number    = 100
  rule_action    = "allow"
  from_port      = 0
  to_port        = 0
  protocol       = "-1"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "private_outbound" {
  network_acl_id = aws_network_acl.private.id
  egress         = true
  rule_number    = 100
  rule_action    = "allow"
  from_port      = 0
  to_port        = 0
  protocol       = "-1"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_eip" "nat" {
  domain     = "vpc"
  tags       = merge({ Name = "\${local.name}-\${local.azs[0]}" }, local.tags)
  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
  tags          = merge({ Name = "\${local.name}-\${local.azs[0]}" }, local.tags)
  depends_on    = [aws_internet_gateway.this]
}

resource "aws_route" "private_nat_gateway" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this.id
  timeouts {
    create = "5m"
  }
}

output "vpc_id" { value = aws_vpc.this.id }
output "nat_gateway_id" { value = aws_nat_gateway.this.id }
output "nat_public_ip" { value = aws_nat_gateway.this.public_ip }
output "eip_public_ip" { value = aws_eip.nat.public_ip }
output "private_route_table_id" { value = aws_route_table.private.id }
output "public_subnet_ids" { value = aws_subnet.public[*].id }
output "private_subnet_ids" { value = aws_subnet.private[*].id }
output "public_acl_id" { value = aws_network_acl.public.id }
output "dhcp_options_id" { value = aws_vpc_dhcp_options.this.id }
`;

/** The vpc-endpoints submodule: services looked up by name and type, one security group. */
const ENDPOINTS_TF = `
locals {
  endpoints = {
    s3   = { service = "s3", service_type = "Gateway", route_table_ids = [aws_route_table.private.id] }
    logs = { service = "logs", private_dns_enabled = true }
  }
}

data "aws_vpc_endpoint_service" "this" {
  for_each = local.endpoints
  service  = each.value.service
  filter {
    name   = "service-type"
    values = [try(each.value.service_type, "Interface")]
  }
}

resource "aws_security_group" "endpoints" {
  name_prefix = "vpc-endpoints-"
  description = "VPC endpoints"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

resource "aws_security_group_rule" "endpoints_https" {
  type              = "ingress"
  security_group_id = aws_security_group.endpoints.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = [aws_vpc.this.cidr_block]
  description       = "HTTPS from the VPC"
}

resource "aws_vpc_endpoint" "this" {
  for_each            = local.endpoints
  vpc_id              = aws_vpc.this.id
  service_name        = data.aws_vpc_endpoint_service.this[each.key].service_name
  vpc_endpoint_type   = try(each.value.service_type, "Interface")
  security_group_ids  = try(each.value.service_type, "Interface") == "Interface" ? [aws_security_group.endpoints.id] : null
  subnet_ids          = try(each.value.service_type, "Interface") == "Interface" ? aws_subnet.private[*].id : null
  route_table_ids     = try(each.value.service_type, "Interface") == "Gateway" ? each.value.route_table_ids : null
  private_dns_enabled = try(each.value.service_type, "Interface") == "Interface" ? try(each.value.private_dns_enabled, null) : null
  tags                = merge(local.tags, { Name = each.key })
}

output "endpoint_ids" { value = { for k, v in aws_vpc_endpoint.this : k => v.id } }
output "s3_prefix_list_id" { value = aws_vpc_endpoint.this["s3"].prefix_list_id }
`;

/** The SDK client and the stack's outputs, by the names the checks used. */
function access({ client, outputs }: StackContext) {
  return {
    ec2: () => client(EC2Client),
    value: <T>(name: string) => outputs[name]?.value as T,
  };
}

export const vpcModuleStack = (): TerraformStack => ({
  name: 'vpc-module',
  title: 'the VPC module’s shape with NAT, dedicated ACLs and endpoints',
  files: { 'vpc.tf': VPC_TF, 'endpoints.tf': ENDPOINTS_TF },
  afterApply: {
    applies: (context) => {
      const { value } = access(context);
      expect(value<string>('vpc_id')).toMatch(/^vpc-[0-9a-f]{17}$/);
      expect(value<string>('nat_public_ip')).toBe(value<string>('eip_public_ip'));
    },
    'left a NAT gateway holding the Elastic IP, routed from the private table': async (context) => {
      const { ec2, value } = access(context);
      const nat = (
        await ec2().send(
          new DescribeNatGatewaysCommand({ NatGatewayIds: [value('nat_gateway_id')] }),
        )
      ).NatGateways?.[0];
      expect(nat).toMatchObject({
        State: 'available',
        SubnetId: value<string[]>('public_subnet_ids')[0],
        ConnectivityType: 'public',
      });
      const address = nat?.NatGatewayAddresses?.[0];
      const eip = (await ec2().send(new DescribeAddressesCommand({}))).Addresses?.[0];
      expect(eip).toMatchObject({
        PublicIp: value('eip_public_ip'),
        NetworkInterfaceId: address?.NetworkInterfaceId,
        PrivateIpAddress: address?.PrivateIp,
        AssociationId: address?.AssociationId,
      });
      const table = (
        await ec2().send(
          new DescribeRouteTablesCommand({ RouteTableIds: [value('private_route_table_id')] }),
        )
      ).RouteTables?.[0];
      expect(table?.Routes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            DestinationCidrBlock: '0.0.0.0/0',
            NatGatewayId: value('nat_gateway_id'),
            State: 'active',
          }),
          expect.objectContaining({
            DestinationPrefixListId: value('s3_prefix_list_id'),
            GatewayId: value<Record<string, string>>('endpoint_ids').s3,
          }),
        ]),
      );
    },
    'associated the public subnets with the public ACL and kept its rules': async (context) => {
      const { ec2, value } = access(context);
      const acl = (
        await ec2().send(
          new DescribeNetworkAclsCommand({ NetworkAclIds: [value('public_acl_id')] }),
        )
      ).NetworkAcls?.[0];
      expect(acl?.Associations?.map((a) => a.SubnetId).sort()).toEqual(
        [...value<string[]>('public_subnet_ids')].sort(),
      );
      expect(acl?.Entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            RuleNumber: 110,
            Protocol: '6',
            RuleAction: 'deny',
            Egress: false,
            PortRange: { From: 8443, To: 8443 },
          }),
        ]),
      );
      const vpc = (await ec2().send(new DescribeVpcsCommand({ VpcIds: [value('vpc_id')] })))
        .Vpcs?.[0];
      expect(vpc?.DhcpOptionsId).toBe(value('dhcp_options_id'));
      const interfaces = await ec2().send(
        new DescribeNetworkInterfacesCommand({
          Filters: [{ Name: 'vpc-id', Values: [value('vpc_id')] }],
        }),
      );
      expect(interfaces.NetworkInterfaces?.map((i) => i.InterfaceType).sort()).toEqual([
        'nat_gateway',
        'vpc_endpoint',
        'vpc_endpoint',
      ]);
    },
  },
  afterDestroy: {
    'destroyed everything, leaving only the default network': async (context) => {
      const { ec2 } = access(context);
      const vpcs = await ec2().send(new DescribeVpcsCommand({}));
      expect(vpcs.Vpcs?.map((v) => v.IsDefault)).toEqual([true]);
      expect((await ec2().send(new DescribeAddressesCommand({}))).Addresses).toEqual([]);
      expect((await ec2().send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints).toEqual([]);
      const nats = (await ec2().send(new DescribeNatGatewaysCommand({}))).NatGateways ?? [];
      expect(nats.map((n) => n.State)).toEqual(['deleted']);
      const options = (await ec2().send(new DescribeDhcpOptionsCommand({}))).DhcpOptions ?? [];
      expect(options).toHaveLength(1);
      const acls = (await ec2().send(new DescribeNetworkAclsCommand({}))).NetworkAcls ?? [];
      expect(acls.map((a) => a.IsDefault)).toEqual([true]);
    },
  },
});
