/**
 * `teiki terraform-provider` prints a provider block a stack can use as it is: every
 * shared workspace's provider.tf is the built CLI's output (stack-helpers.ts), and this
 * stack touches every service teiki serves through it: it applies, plans clean and
 * destroys. test/e2e/terraform-provider-block.test.ts checks the block's endpoints.
 */
import { expect } from 'vitest';
import type { TerraformStack } from './stack-helpers.js';

/** One resource or data source per endpoint the block names. */
const STACK = `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

data "aws_caller_identity" "me" {}

data "aws_vpc" "default" {
  default = true
}

resource "aws_iam_role" "events" {
  name = "provider-block-events"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "events.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_ecs_cluster" "jobs" {
  name = "provider-block"
}

resource "aws_cloudwatch_log_group" "jobs" {
  name = "/provider-block"
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "provider-block-nightly"
  schedule_expression = "cron(20 2 * * ? *)"
}

resource "aws_scheduler_schedule_group" "jobs" {
  name = "provider-block"
}

output "account" {
  value = data.aws_caller_identity.me.account_id
}

output "default_vpc" {
  value = data.aws_vpc.default.cidr_block
}
`;

export const providerBlockStack = (): TerraformStack => ({
  name: 'provider-block',
  title: 'a stack on every service, through the printed provider block',
  files: { 'main.tf': STACK },
  afterApply: {
    'read the account and the default VPC': ({ outputs }) => {
      expect(outputs.account?.value).toBe('000000000000');
      expect(outputs.default_vpc?.value).toBe('172.31.0.0/16');
    },
  },
});
