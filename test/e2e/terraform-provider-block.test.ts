/**
 * `teiki terraform-provider` prints a provider block a stack can use as it is: the built
 * CLI's output, written to provider.tf beside a stack that touches every service teiki
 * serves, applies against a running teiki, plans clean and destroys.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { tempDir } from '../helpers/teiki.js';
import { TerraformWorkspace } from '../helpers/terraform.js';

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

let teiki: TeikiProcess;
const dir = tempDir('teiki-provider-block-');
beforeAll(async () => {
  teiki = await spawnTeiki(['--in-memory']);
});
afterAll(() => {
  teiki.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function printedBlock(): string {
  const port = new URL(teiki.url).port;
  const run = spawnSync(process.execPath, [BIN, 'terraform-provider', '--port', port], {
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

it('names an endpoint for every service teiki serves', async () => {
  const health = (await (await fetch(`${teiki.url}/_teiki/health`)).json()) as {
    services: string[];
  };
  const block = printedBlock();
  const keys = [...block.matchAll(/^ {4}(\w+)\s+= "(.*)"$/gm)].map((m) => [m[1], m[2]]);
  expect(keys.map(([key]) => key).sort()).toEqual([...health.services].sort());
  expect(new Set(keys.map(([, url]) => url))).toEqual(new Set([teiki.url]));
  expect(block).toContain('skip_credentials_validation = true');
  expect(block).toContain('skip_metadata_api_check     = true');
});

// Terraform is slow on a loaded machine: init, apply, plan and destroy get more room, and
// run without blocking the test worker.
it(
  'is a block a stack applies with as printed, plans clean with and destroys with',
  {
    timeout: 240_000,
  },
  async () => {
    writeFileSync(join(dir, 'provider.tf'), printedBlock());
    writeFileSync(join(dir, 'main.tf'), STACK);
    const workspace = TerraformWorkspace.init(dir);
    const step = async (args: string[]) =>
      workspace.expectOk(await workspace.runAsync(args), args[0] ?? '');
    await step(['apply', '-auto-approve', '-input=false', '-no-color']);
    const outputs = JSON.parse((await step(['output', '-json'])).stdout) as Record<
      string,
      { value: unknown }
    >;
    expect(outputs.account?.value).toBe('000000000000');
    expect(outputs.default_vpc?.value).toBe('172.31.0.0/16');
    const plan = await workspace.runAsync([
      'plan',
      '-detailed-exitcode',
      '-input=false',
      '-no-color',
    ]);
    expect(plan.stdout + plan.stderr).toContain('No changes.');
    expect(plan.status).toBe(0);
    await step(['destroy', '-auto-approve', '-input=false', '-no-color']);
  },
);
