# The article's stack ("Amazon ECS でタスクをスケジューリングして定期的に実行する"), its
# placeholders filled. Two files differ from the article by default; `variant = "original"`
# reads the article's own versions from variant/original/ (see README.md).

variable "variant" {
  description = "\"corrected\" (default) or \"original\": which IAM policy files to use."
  type        = string
  default     = "corrected"
  validation {
    condition     = contains(["corrected", "original"], var.variant)
    error_message = "variant must be \"corrected\" or \"original\"."
  }
}

variable "image_tag" {
  description = "The container image tag; a new tag registers a new task definition revision."
  type        = string
  default     = "v1"
}

data "aws_caller_identity" "current" {}

locals {
  policy_dir = var.variant == "original" ? "variant/original/policies/iam_policy" : "policies/iam_policy"
  image      = "${data.aws_caller_identity.current.account_id}.dkr.ecr.${var.region}.amazonaws.com/ecs-scheduler-sample:${var.image_tag}"
}

# IAM Role - ECS Task Execution for Scheduler
resource "aws_iam_role" "ecs_scheduler_task_execution" {
  name               = "EcsTaskExecutionRole-sample"
  assume_role_policy = file("policies/iam_role/ecs_task_execution.json")
}

# IAM Role Policy - ECS Task Execution for Scheduler
resource "aws_iam_policy" "ecs_scheduler_task_execution" {
  name        = "EcsTaskExecutionPolicy-sample"
  description = "Ecs Task Execution"
  policy      = file("${local.policy_dir}/ecs_task_execution.json")
}

# Attach Policy to Role / Scheduler
resource "aws_iam_role_policy_attachment" "ecs_scheduler_task_execution" {
  role       = aws_iam_role.ecs_scheduler_task_execution.name
  policy_arn = aws_iam_policy.ecs_scheduler_task_execution.arn
}

# CloudWatch Logs - log group
resource "aws_cloudwatch_log_group" "ecs_scheduler" {
  name = "/ecs-scheduler"
}

# Task Definition
resource "aws_ecs_task_definition" "task_scheduler" {
  family                   = "scheduler"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  container_definitions = templatefile("task-definitions/scheduler.json", {
    log_group_name = aws_cloudwatch_log_group.ecs_scheduler.name
    image          = local.image
    region         = var.region
  })
  execution_role_arn = aws_iam_role.ecs_scheduler_task_execution.arn
}

# ECS Cluster
resource "aws_ecs_cluster" "task_scheduler" {
  name = "scheduler-cluster"
}

# IAM Role - ECS Events
resource "aws_iam_role" "ecs_events" {
  name               = "EcsEventsRole-sample"
  assume_role_policy = file("policies/iam_role/ecs_events.json")
}

# IAM Role Policy
resource "aws_iam_policy" "ecs_events" {
  name = "EcsEventsPolicy-sample"
  policy = templatefile("${local.policy_dir}/ecs_events.json", {
    # The family's ARN without revision; the corrected file appends `:*` so that every
    # revision may be run (AWS has required a revision or a wildcard since March 2024).
    task_definition_arn = replace(aws_ecs_task_definition.task_scheduler.arn, "/:\\d+$/", "")
  })
}

# Attach Policy to Role
resource "aws_iam_role_policy_attachment" "ecs_events" {
  policy_arn = aws_iam_policy.ecs_events.arn
  role       = aws_iam_role.ecs_events.name
}

# CloudWatch Event Rule: every day at 02:20 UTC (11:20 in Japan)
resource "aws_cloudwatch_event_rule" "ecs_scheduled_task" {
  name                = "ecs-scheduled-task"
  schedule_expression = "cron(20 2 * * ? *)"
}

# CloudWatch Event Target
resource "aws_cloudwatch_event_target" "ecs_scheduled_task" {
  arn       = aws_ecs_cluster.task_scheduler.arn
  rule      = aws_cloudwatch_event_rule.ecs_scheduled_task.name
  role_arn  = aws_iam_role.ecs_events.arn
  target_id = "scheduler-target"
  input     = file("container-overrides/ecs_scheduled_task.json")

  ecs_target {
    # Without revision: each run uses the family's latest ACTIVE revision.
    task_definition_arn = replace(aws_ecs_task_definition.task_scheduler.arn, "/:\\d+$/", "")
    task_count          = 1
    launch_type         = "FARGATE"
    platform_version    = "1.4.0"

    network_configuration {
      subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
      assign_public_ip = false
    }
  }
}

output "cluster_arn" {
  value = aws_ecs_cluster.task_scheduler.arn
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.task_scheduler.arn
}

output "rule_arn" {
  value = aws_cloudwatch_event_rule.ecs_scheduled_task.arn
}

output "image" {
  value = local.image
}
