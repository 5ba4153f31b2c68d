/**
 * The IAM and network half of the article's stack, applied with Terraform against
 * teiki: it must apply, show no drift on a second plan, and destroy to nothing. The
 * article's policy files sit beside the stack, read through `path.module` now that the
 * stack is a module of a larger workspace.
 */
import {
  EC2Client,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { IAMClient, ListPoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { expect } from 'vitest';
import type { TerraformStack } from './stack-helpers.js';

const STACK = `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  tags = { Name = "scheduler-vpc" }
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
  name        = "scheduled-task"
  description = "Scheduled ECS task"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_iam_role" "ecs_events" {
  name               = "EcsEventsRole-sample"
  path               = "/scheduler/"
  assume_role_policy = file("\${path.module}/policies/iam_role/ecs_events.json")
  tags = { Team = "platform" }
}

resource "aws_iam_role_policy" "logs" {
  name = "write-logs"
  role = aws_iam_role.ecs_events.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "ecs_events" {
  name   = "EcsEventsPolicy-sample"
  policy = file("\${path.module}/policies/iam_policy/ecs_events.json")
}

resource "aws_iam_role_policy_attachment" "ecs_events" {
  role       = aws_iam_role.ecs_events.name
  policy_arn = aws_iam_policy.ecs_events.arn
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.ecs_events.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

output "subnets" { value = [aws_subnet.private_1.id, aws_subnet.private_2.id] }
output "role_arn" { value = aws_iam_role.ecs_events.arn }
`;

// The article's files, as written there.
const ECS_EVENTS_TRUST = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "",
      "Effect": "Allow",
      "Principal": {
        "Service": "events.amazonaws.com"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
`;
const ECS_EVENTS_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "ecs:RunTask",
      "Resource": "arn:aws:ecs:us-east-1:000000000000:task-definition/scheduler"
    }
  ]
}
`;

export const networkIamStack = (): TerraformStack => ({
  name: 'network-iam',
  title: 'VPC, subnets, security group, IAM role and policies',
  files: {
    'main.tf': STACK,
    'policies/iam_role/ecs_events.json': ECS_EVENTS_TRUST,
    'policies/iam_policy/ecs_events.json': ECS_EVENTS_POLICY,
  },
  afterApply: {
    'the role and the subnets are there': ({ outputs }) => {
      expect(outputs.role_arn?.value).toBe(
        'arn:aws:iam::000000000000:role/scheduler/EcsEventsRole-sample',
      );
      expect(outputs.subnets?.value).toEqual([
        expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
        expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
      ]);
    },
  },
  afterDestroy: {
    'left nothing behind but what a new account has': async ({ client }) => {
      const iam = client(IAMClient);
      expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
      expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);

      const ec2 = client(EC2Client);
      const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
      expect(vpcs.map((v) => [v.CidrBlock, v.IsDefault])).toEqual([['172.31.0.0/16', true]]);
      const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
      expect(subnets.every((s) => s.DefaultForAz === true)).toBe(true);
      const groups = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
      expect(groups.map((g) => g.GroupName)).toEqual(['default']);
    },
  },
});
