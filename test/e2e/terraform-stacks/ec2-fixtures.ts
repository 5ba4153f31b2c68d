/**
 * Terraform's aws_vpc, aws_subnet and aws_security_group against teiki: apply, a plan
 * with no changes (every attribute read back as written), destroy, and only the default
 * network left. And a second stack: an internet gateway, a route table, the rule
 * resources, and the data sources that read the default network.
 */
import {
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import type { TerraformStack } from './stack-helpers.js';

const MAIN_TF = `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  tags = { Name = "teiki-vpc" }
}

resource "aws_subnet" "private_1" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
  tags = { Name = "private-1" }
}

resource "aws_subnet" "private_2" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-east-1c"
  tags = { Name = "private-2" }
}

resource "aws_security_group" "task" {
  name        = "teiki-task"
  description = "scheduled task"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "https from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = { Name = "teiki-task" }
}

output "vpc_id" { value = aws_vpc.main.id }
output "subnet_ids" { value = [aws_subnet.private_1.id, aws_subnet.private_2.id] }
output "security_group_id" { value = aws_security_group.task.id }
`;

/** Routing and rule resources, and the data sources that read the default network. */
const ROUTING_TF = `
data "aws_availability_zones" "available" { state = "available" }
data "aws_vpc" "default" { default = true }
data "aws_subnets" "default" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.default.id]
  }
}

resource "aws_vpc" "edge" {
  cidr_block = "10.5.0.0/16"
}

resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.edge.id
  tags   = { Name = "gw" }
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.edge.id
  cidr_block              = "10.5.1.0/24"
  availability_zone       = data.aws_availability_zones.available.names[1]
  map_public_ip_on_launch = true
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.edge.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "a" {
  name   = "a"
  vpc_id = aws_vpc.edge.id
}

resource "aws_security_group" "b" {
  name_prefix = "b-"
  vpc_id      = aws_vpc.edge.id
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.a.id]
    self            = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.a.id
  cidr_ipv4         = "10.0.0.0/8"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
  tags              = { Name = "https" }
}

resource "aws_security_group_rule" "icmp" {
  type              = "ingress"
  security_group_id = aws_security_group.a.id
  from_port         = 8
  to_port           = 0
  protocol          = "icmp"
  cidr_blocks       = ["0.0.0.0/0"]
}

output "zones" { value = data.aws_availability_zones.available.names }
output "default_subnet_count" { value = length(data.aws_subnets.default.ids) }
output "subnet_zone" { value = aws_subnet.public.availability_zone }
`;

export const ec2Stack = (): TerraformStack => ({
  name: 'ec2',
  title: 'aws_vpc, two private aws_subnet, aws_security_group',
  files: { 'main.tf': MAIN_TF },
  afterApply: {
    'applies what was written': async ({ outputs, client }) => {
      const ec2 = () => client(EC2Client);
      const vpcId = outputs.vpc_id?.value as string;
      expect(vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
      expect(outputs.subnet_ids?.value).toEqual([
        expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
        expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
      ]);

      const subnets = await ec2().send(
        new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
      );
      expect(
        subnets.Subnets?.map((s) => [
          s.CidrBlock,
          s.AvailabilityZone,
          s.MapPublicIpOnLaunch,
        ]).sort(),
      ).toEqual([
        ['10.0.1.0/24', 'us-east-1a', false],
        ['10.0.2.0/24', 'us-east-1c', false],
      ]);
      const groups = await ec2().send(
        new DescribeSecurityGroupsCommand({
          GroupIds: [outputs.security_group_id?.value as string],
        }),
      );
      const group = groups.SecurityGroups?.[0];
      expect(group?.IpPermissions).toEqual([
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'https from the VPC' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ]);
      expect(group?.IpPermissionsEgress).toEqual([
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ]);
    },
  },
  afterDestroy: {
    'destroys back to the network a new account has': async ({ client }) => {
      const ec2 = () => client(EC2Client);
      const vpcs = (await ec2().send(new DescribeVpcsCommand({}))).Vpcs ?? [];
      expect(vpcs.map((v) => [v.CidrBlock, v.IsDefault])).toEqual([['172.31.0.0/16', true]]);
      const subnets = (await ec2().send(new DescribeSubnetsCommand({}))).Subnets ?? [];
      expect(subnets).toHaveLength(6);
      expect(subnets.every((s) => s.DefaultForAz === true)).toBe(true);
      const groups = (await ec2().send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
      expect(groups.map((g) => g.GroupName)).toEqual(['default']);
    },
  },
});

export const ec2RoutingStack = (): TerraformStack => ({
  name: 'ec2-routing',
  title: 'internet gateway, route table, rule resources, default-network data sources',
  files: { 'main.tf': ROUTING_TF },
  afterApply: {
    'the data sources read the default network': ({ outputs }) => {
      expect(outputs.zones?.value).toEqual([
        'us-east-1a',
        'us-east-1b',
        'us-east-1c',
        'us-east-1d',
        'us-east-1e',
        'us-east-1f',
      ]);
      expect(outputs.default_subnet_count?.value).toBe(6);
      expect(outputs.subnet_zone?.value).toBe('us-east-1b');
    },
  },
  afterDestroy: {
    'only the default VPC left': async ({ client }) => {
      const vpcs = (await client(EC2Client).send(new DescribeVpcsCommand({}))).Vpcs ?? [];
      expect(vpcs.map((v) => v.IsDefault)).toEqual([true]);
    },
  },
});
