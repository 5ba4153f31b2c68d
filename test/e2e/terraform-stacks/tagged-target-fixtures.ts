/**
 * The shape of the published scheduled-task modules' rule target: an EventBridge rule whose
 * ECS target tags the task (tags, propagate_tags, enable_ecs_managed_tags), applied with
 * Terraform twice, once with a role that lacks ecs:TagResource and once with the
 * AmazonEC2ContainerServiceEventsRole statement that grants it for RunTask. Fired through
 * /_teiki/fire: the first invocation fails as ECS refuses it, the second starts a task that
 * carries its tags. Then a plan with no changes, and destroy.
 */
import { ECSClient, ListTagsForResourceCommand } from '@aws-sdk/client-ecs';
import { expect } from 'vitest';
import { raw } from '../../helpers/teiki.js';
import type { TerraformStack } from './stack-helpers.js';

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

async function fire(url: string): Promise<Invocation> {
  const res = await raw(url, {
    path: '/_teiki/fire',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rule: 'nightly-job' }),
  });
  expect(res.status).toBe(200);
  return (JSON.parse(res.text) as { invocations: Invocation[] }).invocations[0]!;
}

export const taggedTargetStack = (): TerraformStack => ({
  name: 'tagged-target',
  title: 'a rule’s ECS target that tags its task',
  files: { 'main.tf': stack(false) },
  changedFiles: { 'main.tf': stack(true) },
  afterApply: {
    'fails the invocation as ECS reports it while the role lacks ecs:TagResource': async ({
      url,
    }) => {
      const invocation = await fire(url);
      expect(invocation).toMatchObject({ outcome: 'failed', taskArns: [] });
      expect(invocation.error?.code).toBe('AccessDeniedException');
      expect(invocation.error?.message).toMatch(
        new RegExp(
          `^User: arn:aws:sts::${ACCOUNT}:assumed-role/nightly-job-events/events is not authorized to perform: ecs:TagResource on resource: arn:aws:ecs:us-east-1:${ACCOUNT}:task/jobs/[0-9a-f]{32} because no identity-based policy allows the ecs:TagResource action$`,
        ),
      );
    },
  },
  afterChange: {
    'starts the task with its tags once the role allows ecs:TagResource for RunTask': async ({
      url,
      client,
    }) => {
      const invocation = await fire(url);
      expect(invocation.error).toBeUndefined();
      expect(invocation.outcome).toBe('started');
      const ecs = client(ECSClient);
      const tags = await ecs.send(
        new ListTagsForResourceCommand({ resourceArn: invocation.taskArns[0] }),
      );
      expect(tags.tags).toEqual([
        { key: 'team', value: 'ops' },
        { key: 'job', value: 'nightly' },
        { key: 'aws:ecs:clusterName', value: 'jobs' },
      ]);
    },
  },
});
