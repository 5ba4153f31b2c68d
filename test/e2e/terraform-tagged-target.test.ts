/**
 * The shape of the published scheduled-task modules' rule target: an EventBridge rule whose
 * ECS target tags the task (tags, propagate_tags, enable_ecs_managed_tags), applied with
 * Terraform twice, once with a role that lacks ecs:TagResource and once with the
 * AmazonEC2ContainerServiceEventsRole statement that grants it for RunTask. Fired through
 * /_teiki/fire: the first invocation fails as ECS refuses it, the second starts a task that
 * carries its tags. Then a plan with no changes, and destroy.
 */
import { ECSClient, ListTagsForResourceCommand } from '@aws-sdk/client-ecs';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTeiki, type TeikiProcess } from '../helpers/process.js';
import { raw, tempDir } from '../helpers/teiki.js';
import { TerraformWorkspace } from '../helpers/terraform.js';

const ACCOUNT = '000000000000';

function stack(withTagResource: boolean): string {
  const tagStatement = withTagResource
    ? `
  statement {
    effect    = "Allow"
    actions   = ["ecs:TagResource"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "ecs:CreateAction"
      values   = ["RunTask"]
    }
  }`
    : '';
  return `
data "aws_subnets" "default" {
  filter {
    name   = "default-for-az"
    values = ["true"]
  }
}

resource "aws_ecs_cluster" "this" {
  name = "jobs"
}

resource "aws_ecs_task_definition" "job" {
  family                   = "nightly-job"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  container_definitions = jsonencode([
    { name = "job", image = "busybox", essential = true, command = ["true"] }
  ])
  tags = { team = "ops" }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "run" {
  statement {
    effect    = "Allow"
    actions   = ["ecs:RunTask"]
    resources = ["\${aws_ecs_task_definition.job.arn_without_revision}:*"]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [aws_ecs_cluster.this.arn]
    }
  }
  statement {
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }${tagStatement}
}

resource "aws_iam_role" "events" {
  name               = "nightly-job-events"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "events" {
  name   = "run-task"
  role   = aws_iam_role.events.id
  policy = data.aws_iam_policy_document.run.json
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "nightly-job"
  schedule_expression = "cron(20 2 * * ? *)"
}

resource "aws_cloudwatch_event_target" "task" {
  rule     = aws_cloudwatch_event_rule.nightly.name
  arn      = aws_ecs_cluster.this.arn
  role_arn = aws_iam_role.events.arn

  ecs_target {
    task_definition_arn     = aws_ecs_task_definition.job.arn
    task_count              = 1
    launch_type             = "FARGATE"
    propagate_tags          = "TASK_DEFINITION"
    enable_ecs_managed_tags = true
    tags                    = { job = "nightly" }
    network_configuration {
      subnets          = data.aws_subnets.default.ids
      assign_public_ip = true
    }
  }

  depends_on = [aws_iam_role_policy.events]
}
`;
}

interface Invocation {
  outcome: string;
  taskArns: string[];
  error?: { code: string; message: string };
}

let teiki: TeikiProcess;
let dir: string;
let workspace: TerraformWorkspace;

async function fire(): Promise<Invocation> {
  const res = await raw(teiki.url, {
    path: '/_teiki/fire',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rule: 'nightly-job' }),
  });
  expect(res.status).toBe(200);
  return (JSON.parse(res.text) as { invocations: Invocation[] }).invocations[0]!;
}

beforeAll(async () => {
  teiki = await spawnTeiki(['--in-memory']);
  dir = tempDir('teiki-tf-tagged-target-');
  workspace = TerraformWorkspace.create(join(dir, 'stack'), teiki.url, {
    'main.tf': stack(false),
  });
}, 120_000);

afterAll(async () => {
  teiki?.child.kill('SIGTERM');
  await teiki?.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('terraform: a rule’s ECS target that tags its task', () => {
  it('fails the invocation as ECS reports it while the role lacks ecs:TagResource', async () => {
    await workspace.applyAsync();
    const invocation = await fire();
    expect(invocation).toMatchObject({ outcome: 'failed', taskArns: [] });
    expect(invocation.error?.code).toBe('AccessDeniedException');
    expect(invocation.error?.message).toMatch(
      new RegExp(
        `^User: arn:aws:sts::${ACCOUNT}:assumed-role/nightly-job-events/events is not authorized to perform: ecs:TagResource on resource: arn:aws:ecs:us-east-1:${ACCOUNT}:task/jobs/[0-9a-f]{32} because no identity-based policy allows the ecs:TagResource action$`,
      ),
    );
  }, 300_000);

  it('starts the task with its tags once the role allows ecs:TagResource for RunTask', async () => {
    writeFileSync(join(workspace.dir, 'main.tf'), stack(true));
    await workspace.applyAsync();
    const invocation = await fire();
    expect(invocation.error).toBeUndefined();
    expect(invocation.outcome).toBe('started');
    const ecs = new ECSClient({
      endpoint: teiki.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const tags = await ecs.send(
      new ListTagsForResourceCommand({ resourceArn: invocation.taskArns[0] }),
    );
    expect(tags.tags).toEqual([
      { key: 'team', value: 'ops' },
      { key: 'job', value: 'nightly' },
      { key: 'aws:ecs:clusterName', value: 'jobs' },
    ]);
  }, 300_000);

  it('plans no changes, then destroys', async () => {
    const plan = await workspace.planAsync();
    expect({ status: plan.status, stdout: plan.stdout, stderr: plan.stderr }).toMatchObject({
      status: 0,
    });
    await workspace.destroyAsync();
  }, 300_000);
});
